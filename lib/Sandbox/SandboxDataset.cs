using Workbook.Core;

namespace Workbook.Sandbox;

/// <summary>
/// Everything the sandbox serves, in its own records, indexed for the endpoints. Immutable once built.
/// Built from the data export (<see cref="EgressSandboxDataset"/>) plus the seed file, or directly by tests.
/// </summary>
public sealed class SandboxDataset
{
    private readonly Dictionary<string, SandboxCustomer> _customersById;
    private readonly Dictionary<string, IReadOnlyList<SandboxInvoice>> _invoicesByCustomer;
    private readonly Dictionary<string, IReadOnlyList<SandboxPlan>> _plansByCustomer;
    private readonly Dictionary<string, IReadOnlyList<SandboxContractBalance>> _balancesByCustomer;

    /// <param name="customers">In the order the customer list serves them.</param>
    /// <param name="contractBalances">Commits and credits per customer id.</param>
    /// <param name="now">The sandbox's "now": balances are as of this instant (never the wall clock).</param>
    public SandboxDataset(
        IReadOnlyList<SandboxCustomer> customers,
        IReadOnlyList<SandboxInvoice> invoices,
        IReadOnlyDictionary<string, IReadOnlyList<SandboxPlan>> plans,
        IReadOnlyList<SandboxCreditGrant> creditGrants,
        IReadOnlyDictionary<string, IReadOnlyList<SandboxContractBalance>> contractBalances,
        IReadOnlyList<SandboxCreditType> creditTypes,
        DateTimeOffset now)
    {
        Customers = customers;
        CreditGrants = creditGrants;
        CreditTypes = creditTypes;
        Now = now;
        _customersById = new Dictionary<string, SandboxCustomer>(StringComparer.Ordinal);
        foreach (var customer in customers)
        {
            if (!_customersById.TryAdd(customer.Id, customer))
            {
                throw new WorkbookException($"sandbox dataset: customer {customer.Id} appears twice");
            }
        }

        _invoicesByCustomer = invoices
            .GroupBy(i => RequireCustomer(i.CustomerId, $"invoice {i.Id}"), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<SandboxInvoice>)g.ToList(), StringComparer.Ordinal);
        _plansByCustomer = plans.ToDictionary(p => RequireCustomer(p.Key, "a customer plan"), p => p.Value, StringComparer.Ordinal);
        _balancesByCustomer = contractBalances.ToDictionary(b => RequireCustomer(b.Key, "a contract balance"), b => b.Value, StringComparer.Ordinal);
        foreach (var grant in creditGrants)
        {
            RequireCustomer(grant.CustomerId, $"credit grant {grant.Id}");
        }
    }

    public IReadOnlyList<SandboxCustomer> Customers { get; }

    public IReadOnlyList<SandboxCreditGrant> CreditGrants { get; }

    /// <summary>USD (cents) plus any custom pricing units.</summary>
    public IReadOnlyList<SandboxCreditType> CreditTypes { get; }

    public DateTimeOffset Now { get; }

    public SandboxCustomer? FindCustomer(string id) => _customersById.GetValueOrDefault(id);

    public IReadOnlyList<SandboxInvoice> InvoicesOf(string customerId) => _invoicesByCustomer.GetValueOrDefault(customerId) ?? [];

    public IReadOnlyList<SandboxPlan> PlansOf(string customerId) => _plansByCustomer.GetValueOrDefault(customerId) ?? [];

    public IReadOnlyList<SandboxContractBalance> ContractBalancesOf(string customerId) => _balancesByCustomer.GetValueOrDefault(customerId) ?? [];

    /// <summary>
    /// The end of the customer's current billing period: the end of its open (DRAFT) period covering
    /// <see cref="Now"/>, else of its newest DRAFT; a customer with no draft (never invoiced) is taken to bill by
    /// calendar month, so its period ends at the first instant of the month after <see cref="Now"/>.
    /// </summary>
    public DateTimeOffset CurrentPeriodEnd(string customerId)
    {
        var drafts = InvoicesOf(customerId).Where(i => i.IsDraft).ToList();
        if (drafts.Count > 0)
        {
            return drafts.FirstOrDefault(i => i.Start <= Now && Now < i.End)?.End ?? drafts.Max(i => i.End);
        }

        var utc = Now.UtcDateTime;
        return new DateTimeOffset(utc.Year, utc.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(1);
    }

    /// <summary>A grant's balance as the API reports it now (see <see cref="GrantBalance"/>).</summary>
    public GrantBalance BalanceOf(SandboxCreditGrant grant) => GrantBalance.Of(grant, Now, CurrentPeriodEnd(grant.CustomerId));

    /// <summary>The USD (cents) credit type as the credit-types list serves it.</summary>
    public static SandboxCreditType UsdCents { get; } = new(CreditType.UsdCentsId, CreditType.UsdCentsName, IsCurrency: true);

    private string RequireCustomer(string customerId, string what) =>
        _customersById.ContainsKey(customerId)
            ? customerId
            : throw new WorkbookException($"sandbox dataset: {what} belongs to unknown customer {customerId}");
}
