using Workbook.Core;
using Workbook.Metronome;

namespace Workbook.CustomerSummary;

/// <summary>
/// Turns what the API returned for a customer into its summary row. Pure: no I/O, no clock (the as-of instant is
/// an argument), so every rule below is tested directly. Whatever is wrong with one customer's data — a field the
/// report needs is missing, an item belongs to another customer, the amounts overflow — fails that customer's row
/// only, with a status that says what and where.
/// </summary>
public static class CustomerSummaryBuilder
{
    private const string CustomersEndpoint = "GET /v1/customers";
    private const string GrantsEndpoint = "POST /v1/credits/listGrants";
    private const string BalancesEndpoint = "POST /v1/contracts/customerBalances/list";

    /// <summary>
    /// Why the customer, as listed, cannot have a row of figures: a field the report needs is missing (the
    /// customer model requires none, so that one such customer does not fail the whole list). Null when it can.
    /// </summary>
    public static string? MissingField(Customer customer) =>
        customer.Id is null ? Missing(CustomersEndpoint, "id")
        : customer.Name is null ? Missing(CustomersEndpoint, "name")
        : customer.CreatedAt is null ? Missing(CustomersEndpoint, "created_at")
        : null;

    /// <param name="asOf">The instant at which a plan counts as the customer's current plan, and the credit outlook's "now".</param>
    public static CustomerSummaryRow Build(CustomerSnapshot snapshot, DateTimeOffset asOf)
    {
        if ((MissingField(snapshot.Customer) ?? NotTheCustomers(snapshot) ?? MissingBalance(snapshot)) is { } problem)
        {
            return Failed(snapshot.Customer, problem);
        }

        try
        {
            return Compute(snapshot, asOf);
        }
        catch (OverflowException)
        {
            return Failed(snapshot.Customer, "the customer's amounts overflow the decimal range (over 28 digits); its figures cannot be added up");
        }
    }

    /// <summary>A row for a customer whose details could not be fetched: what the list gave, and the error.</summary>
    public static CustomerSummaryRow Failed(Customer customer, string error) => new()
    {
        CustomerId = customer.Id ?? "",
        CustomerName = customer.Name ?? "",
        IngestAliases = customer.IngestAliases ?? [],
        CreatedAt = customer.CreatedAt,
        ArchivedAt = customer.ArchivedAt,
        Status = "error: " + error,
    };

    /// <summary>The report's order: name, then id, both ordinal (culture-independent).</summary>
    public static IReadOnlyList<CustomerSummaryRow> Sort(IEnumerable<CustomerSummaryRow> rows) =>
        rows.OrderBy(r => r.CustomerName, StringComparer.Ordinal).ThenBy(r => r.CustomerId, StringComparer.Ordinal).ToList();

    private static CustomerSummaryRow Compute(CustomerSnapshot snapshot, DateTimeOffset asOf)
    {
        var customer = snapshot.Customer;

        // The open period: the most recent period that still has DRAFT invoices (an older draft can linger
        // during the grace period after a period ends; it is not the current invoice).
        var drafts = snapshot.Invoices.Where(i => i.IsDraft).ToList();
        var openStart = drafts.Count == 0 ? (DateTimeOffset?)null : drafts.Max(i => i.StartTimestamp ?? DateTimeOffset.MinValue);
        var current = drafts.Where(i => (i.StartTimestamp ?? DateTimeOffset.MinValue) == openStart).OrderBy(i => i.Id, StringComparer.Ordinal).ToList();

        // VOID (and any status other than FINALIZED) is never billed.
        var finalized = snapshot.Invoices.Where(i => i.IsFinalized).ToList();
        var lastEnd = finalized.Count == 0 ? (DateTimeOffset?)null : finalized.Max(i => i.EndTimestamp ?? DateTimeOffset.MinValue);
        var last = finalized.Where(i => (i.EndTimestamp ?? DateTimeOffset.MinValue) == lastEnd).ToList();

        var grants = snapshot.CreditGrants;
        var drawable = snapshot.ContractBalances.Where(b => b.IsDrawable).Select(b => new Money(b.Balance!.Value, b.CreditType)).ToList();
        var creditExcludingPending = grants.Select(g => g.BalanceExcludingPending).Concat(drawable).ToList();
        var creditIncludingPending = grants.Select(g => g.BalanceIncludingPending).Concat(drawable).ToList();
        var creditCents = MoneyTotals.UsdCents(creditExcludingPending) ?? 0m;
        var burn = CreditOutlook.BurnCentsPerDay(current, last, asOf);
        var expiry = CreditOutlook.NextExpiry(grants, snapshot.ContractBalances, asOf);

        return new CustomerSummaryRow
        {
            CustomerId = customer.Id!,
            CustomerName = customer.Name!,
            IngestAliases = customer.IngestAliases ?? [],
            CreatedAt = customer.CreatedAt,
            ArchivedAt = customer.ArchivedAt,
            PlanName = CurrentPlans(snapshot.Plans, asOf),
            CurrentInvoiceId = current.Count == 0 ? null : string.Join(';', current.Select(i => i.Id)),
            CurrentPeriodStart = current.Count == 0 ? null : current[0].StartTimestamp,
            CurrentPeriodEnd = current.Count == 0 ? null : current.Max(i => i.EndTimestamp),
            CurrentInvoiceTotalCents = MoneyTotals.UsdCents(current.Select(i => i.TotalMoney)),
            CurrentInvoiceOtherCreditTypes = MoneyTotals.NotUsdCents(current.Select(i => i.TotalMoney)),
            LastFinalizedInvoiceTotalCents = MoneyTotals.UsdCents(last.Select(i => i.TotalMoney)),
            LastFinalizedPeriodEnd = last.Count == 0 ? null : last[0].EndTimestamp,
            FinalizedInvoices = finalized.Count,
            LifetimeBilledCents = MoneyTotals.UsdCents(finalized.Select(i => i.TotalMoney)) ?? 0m,
            LifetimeBilledOtherCreditTypes = MoneyTotals.NotUsdCents(finalized.Select(i => i.TotalMoney)),
            CreditBalanceCents = creditCents,
            CreditBalanceIncludingPendingCents = MoneyTotals.UsdCents(creditIncludingPending) ?? 0m,
            OtherCreditTypes = MoneyTotals.NotUsdCents(creditExcludingPending),
            CreditBurnCentsPerDay = burn,
            CreditRunwayDays = CreditOutlook.RunwayDays(creditCents, burn),
            NextCreditExpiry = expiry?.At,
            CreditExpiringCents = expiry?.Cents,
            ProjectedPeriodTotalCents = CreditOutlook.ProjectedPeriodTotalCents(current, asOf),
            Status = CustomerSummaryRow.Ok,
        };
    }

    /// <summary>
    /// Trust but verify: every invoice and grant names its customer, and it must be the one asked for. A server or
    /// proxy that ignores the filter (or a redirect that drops the request body) would otherwise credit one
    /// customer with another's money. Contract balances carry no customer id, so they cannot be checked this way.
    /// </summary>
    private static string? NotTheCustomers(CustomerSnapshot snapshot)
    {
        var id = snapshot.Customer.Id;
        if (snapshot.Invoices.FirstOrDefault(i => i.CustomerId != id) is { } invoice)
        {
            return $"GET /v1/customers/{id}/invoices returned invoice {invoice.Id} of another customer ({invoice.CustomerId})";
        }

        return snapshot.CreditGrants.FirstOrDefault(g => g.CustomerId != id) is { } grant
            ? $"{GrantsEndpoint} for customer_ids [{id}] returned grant {grant.Id ?? "(no id)"} of another customer ({grant.CustomerId})"
            : null;
    }

    /// <summary>A commit or credit that counts as credit must carry the balance it was asked for (include_balance).</summary>
    private static string? MissingBalance(CustomerSnapshot snapshot) =>
        snapshot.ContractBalances.FirstOrDefault(b => b.IsDrawable && b.Balance is null) is { } item
            ? $"{BalancesEndpoint}: {Missing("balance", item)}"
            : null;

    private static string Missing(string endpoint, string field) => $"{endpoint}: required field '{field}' is missing";

    private static string Missing(string field, ContractBalance item) =>
        $"required field '{field}' is missing on {item.Type.ToString().ToUpperInvariant()} {item.Id ?? "(no id)"} (asked with include_balance)";

    private static string? CurrentPlans(IReadOnlyList<CustomerPlan> plans, DateTimeOffset asOf)
    {
        var names = plans
            .Where(p => p.IsActiveAt(asOf))
            .OrderBy(p => p.StartingOn)
            .ThenBy(p => p.PlanName, StringComparer.Ordinal)
            .Select(p => p.PlanName)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return names.Count == 0 ? null : string.Join(';', names);
    }
}
