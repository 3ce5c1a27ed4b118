using Microsoft.Data.Sqlite;
using Workbook.Core;
using static Workbook.Egress.DbValues;

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
    private const string FinalizedInvoices = """
        SELECT c.name, i.plan_name, i.plan_id, i.customer_id, i.start_timestamp, i.end_timestamp, i.total
        FROM invoice i
        JOIN customer c ON c.id = i.customer_id
        WHERE i.status = 'FINALIZED' AND i.credit_type_id = '2714e483-4ff1-48e4-9e25-ac732e8f24f2'
        ORDER BY c.name, i.start_timestamp, i.id
        """;

    public static IReadOnlyList<RecomputedInvoice> FinalizedUsdInvoices(SqliteConnection connection)
    {
        var pricesByPlan = new Dictionary<string, IReadOnlyList<ChargePrice>>(StringComparer.Ordinal);
        return Query(connection, FinalizedInvoices, row => (
                Customer: row.GetString(0), Plan: OptionalString(row, 1) ?? "(no plan)", PlanId: OptionalString(row, 2),
                CustomerId: row.GetString(3), Start: row.GetString(4), End: row.GetString(5), TotalCents: Decimal(row, 6)))
            .Select(invoice =>
            {
                var charges = invoice.PlanId is null
                    ? []
                    : pricesByPlan.TryGetValue(invoice.PlanId, out var known) ? known : pricesByPlan[invoice.PlanId] = ChargePrices.ForPlan(connection, invoice.PlanId);
                var usage = MeteredUsage.ForPeriod(connection, invoice.CustomerId, ExportTimestamp.Parse(invoice.Start), ExportTimestamp.Parse(invoice.End));
                var lines = InvoiceRating.Rate(charges, usage);
                return new RecomputedInvoice(
                    invoice.Customer, invoice.Plan, invoice.Start[..10], invoice.End[..10],
                    Money.UsdCents(invoice.TotalCents).ToUsdDollars(),
                    InvoiceRating.Total(lines, CreditType.UsdCents).ToUsdDollars(),
                    lines);
            })
            .ToList();
    }
}
