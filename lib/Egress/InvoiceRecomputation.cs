using Microsoft.Data.Sqlite;
using Workbook.Core;

namespace Workbook.Egress;

/// <summary>One FINALIZED invoice as billed, beside the same invoice recomputed from the raw events.</summary>
public sealed record RecomputedInvoice(
    string CustomerName,
    string PlanName,
    string PeriodStart,
    string PeriodEnd,
    decimal BilledTotalUsd,
    decimal RecomputedTotalUsd,
    IReadOnlyList<RatedLine> Lines)
{
    public decimal DifferenceUsd => RecomputedTotalUsd - BilledTotalUsd;

    public bool Matches => DifferenceUsd == 0m;
}

/// <summary>
/// Recomputes every FINALIZED USD invoice from the raw events: the customer's metered usage over the billing
/// period (<see cref="MeteredUsage"/>) rated at its plan's charge prices (<see cref="ChargePrices"/>,
/// <see cref="InvoiceRating"/>). It validates the whole chain from events to invoice total; the prices themselves
/// come from what was billed, since the export holds no price list.
/// </summary>
public static class InvoiceRecomputation
{
    public static IReadOnlyList<RecomputedInvoice> FinalizedUsdInvoices(SqliteConnection connection)
    {
        var names = ExportTables.CustomerNames(connection);
        var pricesByPlan = new Dictionary<string, IReadOnlyList<ChargePrice>>(StringComparer.Ordinal);
        return ExportTables.Invoices(connection)
            .Where(invoice => invoice.IsFinalized && invoice.CreditType.IsUsdCents && names.ContainsKey(invoice.CustomerId))
            .OrderBy(invoice => names[invoice.CustomerId], StringComparer.Ordinal)
            .ThenBy(invoice => invoice.Start)
            .ThenBy(invoice => invoice.Id, StringComparer.Ordinal)
            .Select(invoice =>
            {
                var charges = invoice.PlanId is null
                    ? []
                    : pricesByPlan.TryGetValue(invoice.PlanId, out var known) ? known : pricesByPlan[invoice.PlanId] = ChargePrices.ForPlan(connection, invoice.PlanId);
                var lines = InvoiceRating.Rate(charges, MeteredUsage.ForPeriod(connection, invoice.CustomerId, invoice.Start, invoice.End));
                return new RecomputedInvoice(
                    names[invoice.CustomerId], invoice.PlanName ?? "(no plan)", Day(invoice.Start), Day(invoice.End),
                    invoice.TotalMoney.ToUsdDollars(),
                    InvoiceRating.Total(lines, CreditType.UsdCents).ToUsdDollars(),
                    lines);
            })
            .ToList();
    }

    private static string Day(DateTimeOffset instant) => ExportTimestamp.Format(instant)[..10];
}
