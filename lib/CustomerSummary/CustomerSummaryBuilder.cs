using Workbook.Metronome;

namespace Workbook.CustomerSummary;

/// <summary>
/// Turns what the API returned for a customer into its summary row. Pure: no I/O, no clock (the as-of instant is
/// an argument), so every rule below is tested directly.
/// </summary>
public static class CustomerSummaryBuilder
{
    /// <param name="asOf">The instant at which a plan counts as the customer's current plan.</param>
    public static CustomerSummaryRow Build(CustomerSnapshot snapshot, DateTimeOffset asOf)
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
        var drawable = snapshot.ContractBalances.Where(b => b.IsDrawable).Select(b => new Core.Money(b.Balance ?? 0m, b.CreditType)).ToList();
        var creditExcludingPending = grants.Select(g => g.BalanceExcludingPending).Concat(drawable).ToList();
        var creditIncludingPending = grants.Select(g => g.BalanceIncludingPending).Concat(drawable).ToList();

        return new CustomerSummaryRow
        {
            CustomerId = customer.Id,
            CustomerName = customer.Name,
            IngestAliases = customer.IngestAliases,
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
            CreditBalanceCents = MoneyTotals.UsdCents(creditExcludingPending) ?? 0m,
            CreditBalanceIncludingPendingCents = MoneyTotals.UsdCents(creditIncludingPending) ?? 0m,
            OtherCreditTypes = MoneyTotals.NotUsdCents(creditExcludingPending),
            Status = CustomerSummaryRow.Ok,
        };
    }

    /// <summary>A row for a customer whose details could not be fetched: what the list gave, and the error.</summary>
    public static CustomerSummaryRow Failed(Customer customer, string error) => new()
    {
        CustomerId = customer.Id,
        CustomerName = customer.Name,
        IngestAliases = customer.IngestAliases,
        CreatedAt = customer.CreatedAt,
        ArchivedAt = customer.ArchivedAt,
        Status = "error: " + error,
    };

    /// <summary>The report's order: name, then id, both ordinal (culture-independent).</summary>
    public static IReadOnlyList<CustomerSummaryRow> Sort(IEnumerable<CustomerSummaryRow> rows) =>
        rows.OrderBy(r => r.CustomerName, StringComparer.Ordinal).ThenBy(r => r.CustomerId, StringComparer.Ordinal).ToList();

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
