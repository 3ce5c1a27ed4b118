using Microsoft.Data.Sqlite;
using Workbook.Core;
using Workbook.Egress;

namespace Workbook.Sandbox;

/// <summary>
/// The DRAFT invoice(s) of each invoiced customer's open period: the month after its last FINALIZED period, on
/// that invoice's plan, priced by the egress rating function from the usage recorded so far (up to the sandbox's
/// "now") at the unit prices of the plan's charges. One draft per credit type the plan's charges bill in; a
/// period with no usage yet still has its (zero) draft, as Metronome opens one at the start of every period.
/// </summary>
internal static class DraftInvoices
{
    /// <param name="exported">Every invoice of the export; a customer whose export already holds a DRAFT for the open
    /// period (a generated export does) keeps that one and gets no second draft.</param>
    public static IReadOnlyList<SandboxInvoice> Price(SqliteConnection export, IReadOnlyList<ExportInvoice> exported, DateTimeOffset now)
    {
        var chargesByPlan = ChargePrices.Load(export).ToLookup(c => c.PlanId, StringComparer.Ordinal);
        var exportedDrafts = exported.Where(i => i.IsDraft).Select(i => (i.CustomerId, i.Start)).ToHashSet();
        var drafts = new List<SandboxInvoice>();
        foreach (var customerInvoices in exported.Where(i => i.IsFinalized).GroupBy(i => i.CustomerId, StringComparer.Ordinal))
        {
            var last = customerInvoices.OrderBy(i => i.End).ThenBy(i => i.Id, StringComparer.Ordinal).Last();
            var start = last.End;
            var end = start.AddMonths(1);
            if (now < start || last.PlanId is null || exportedDrafts.Contains((last.CustomerId, start)))
            {
                continue;
            }

            var usage = MeteredUsage.ForPeriod(export, last.CustomerId, start, end);
            var lines = InvoiceRating.Rate(chargesByPlan[last.PlanId], usage);
            var byCreditType = lines.GroupBy(l => l.CreditType).ToList();
            if (byCreditType.Count == 0)
            {
                drafts.Add(Draft(last, start, end, last.CreditType, []));
            }

            drafts.AddRange(byCreditType.Select(g => Draft(last, start, end, g.Key, [.. g])));
        }

        return drafts;
    }

    private static SandboxInvoice Draft(ExportInvoice last, DateTimeOffset start, DateTimeOffset end, CreditType creditType, IReadOnlyList<RatedLine> lines) =>
        new(
            SandboxIds.Derive("draft-invoice", last.CustomerId, last.PlanId ?? "", SandboxJson.Timestamp(start), creditType.Id),
            last.CustomerId,
            SandboxInvoice.Draft,
            last.Label ?? "PLAN_ARREARS",
            InvoiceRating.Total(lines, creditType).Amount,
            creditType,
            start,
            end)
        {
            PlanId = last.PlanId,
            PlanName = last.PlanName,
            LineItems = [.. lines.Select(line => new SandboxLineItem(line.ProductName, "usage", line.Total, line.CreditType)
            {
                Quantity = 1,
                ProductId = line.ProductId,
                ProductType = "UsageProductListItem",
                SubLineItems = [.. line.SubLines.Select(sub => new SandboxSubLineItem(sub.Charge.ChargeName, sub.Quantity, sub.Subtotal)
                {
                    Price = sub.UnitPrice,
                    ChargeId = sub.Charge.ChargeId,
                })],
            })],
        };
}
