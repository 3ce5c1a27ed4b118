using Workbook.Core;
using Workbook.Metronome;

namespace Workbook.Sandbox;

/// <summary>
/// Everything the sandbox serves, in the API's own models, indexed for the endpoints. Immutable once built.
/// Built from the data export (<see cref="EgressSandboxDataset"/>) plus the seed file, or directly by tests.
/// </summary>
public sealed class SandboxDataset
{
    private readonly Dictionary<string, Customer> _customersById;
    private readonly Dictionary<string, IReadOnlyList<Invoice>> _invoicesByCustomer;
    private readonly Dictionary<string, IReadOnlyList<CustomerPlan>> _plansByCustomer;
    private readonly Dictionary<string, IReadOnlyList<ContractBalance>> _balancesByCustomer;

    /// <param name="customers">In the order the customer list serves them.</param>
    /// <param name="contractBalances">Commits and credits per customer id.</param>
    /// <param name="now">The sandbox's "now": balances are as of this instant (never the wall clock).</param>
    public SandboxDataset(
        IReadOnlyList<Customer> customers,
        IReadOnlyList<Invoice> invoices,
        IReadOnlyDictionary<string, IReadOnlyList<CustomerPlan>> plans,
        IReadOnlyList<CreditGrant> creditGrants,
        IReadOnlyDictionary<string, IReadOnlyList<ContractBalance>> contractBalances,
        IReadOnlyList<CreditTypeInfo> creditTypes,
        DateTimeOffset now)
    {
        Customers = customers;
        CreditGrants = creditGrants;
        CreditTypes = creditTypes;
        Now = now;
        _customersById = new Dictionary<string, Customer>(StringComparer.Ordinal);
        foreach (var customer in customers)
        {
            if (!_customersById.TryAdd(customer.Id, customer))
            {
                throw new WorkbookException($"sandbox dataset: customer {customer.Id} appears twice");
            }
        }

        _invoicesByCustomer = invoices
            .GroupBy(i => RequireCustomer(i.CustomerId, $"invoice {i.Id}"), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<Invoice>)g.ToList(), StringComparer.Ordinal);
        _plansByCustomer = plans.ToDictionary(p => RequireCustomer(p.Key, "a customer plan"), p => p.Value, StringComparer.Ordinal);
        _balancesByCustomer = contractBalances.ToDictionary(b => RequireCustomer(b.Key, "a contract balance"), b => b.Value, StringComparer.Ordinal);
        foreach (var grant in creditGrants)
        {
            RequireCustomer(grant.CustomerId, $"credit grant {grant.Id}");
        }
    }

    public IReadOnlyList<Customer> Customers { get; }

    public IReadOnlyList<CreditGrant> CreditGrants { get; }

    /// <summary>USD (cents) plus any custom pricing units.</summary>
    public IReadOnlyList<CreditTypeInfo> CreditTypes { get; }

    public DateTimeOffset Now { get; }

    public Customer? FindCustomer(string id) => _customersById.GetValueOrDefault(id);

    public IReadOnlyList<Invoice> InvoicesOf(string customerId) => _invoicesByCustomer.GetValueOrDefault(customerId) ?? [];

    public IReadOnlyList<CustomerPlan> PlansOf(string customerId) => _plansByCustomer.GetValueOrDefault(customerId) ?? [];

    public IReadOnlyList<ContractBalance> ContractBalancesOf(string customerId) => _balancesByCustomer.GetValueOrDefault(customerId) ?? [];

    /// <summary>The USD (cents) credit type as the credit-types list serves it.</summary>
    public static CreditTypeInfo UsdCents { get; } = new() { Id = CreditType.UsdCentsId, Name = CreditType.UsdCentsName, IsCurrency = true };

    private string RequireCustomer(string customerId, string what) =>
        _customersById.ContainsKey(customerId)
            ? customerId
            : throw new WorkbookException($"sandbox dataset: {what} belongs to unknown customer {customerId}");
}
