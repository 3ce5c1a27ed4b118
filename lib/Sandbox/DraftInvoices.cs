using Workbook.Core;
using Workbook.Egress;
using Workbook.Metronome;

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
    public static IReadOnlyList<Invoice> Price(EgressDatabase database, IReadOnlyList<Invoice> exported, DateTimeOffset now)
    {
        var chargesByPlan = ChargePrices.Load(database.Connection).ToLookup(c => c.PlanId, StringComparer.Ordinal);
        var exportedDrafts = exported.Where(i => i.IsDraft).Select(i => (i.CustomerId, i.StartTimestamp)).ToHashSet();
        var drafts = new List<Invoice>();
        foreach (var customerInvoices in exported.Where(i => i.IsFinalized && i.EndTimestamp is not null).GroupBy(i => i.CustomerId, StringComparer.Ordinal))
        {
            var last = customerInvoices.OrderBy(i => i.EndTimestamp).ThenBy(i => i.Id, StringComparer.Ordinal).Last();
            var start = last.EndTimestamp!.Value;
            var end = start.AddMonths(1);
            if (now < start || last.PlanId is null || exportedDrafts.Contains((last.CustomerId, start)))
            {
                continue;
            }

            var usage = MeteredUsage.ForPeriod(database.Connection, last.CustomerId, start, end);
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

    private static Invoice Draft(Invoice last, DateTimeOffset start, DateTimeOffset end, CreditType creditType, IReadOnlyList<RatedLine> lines) => new()
    {
        Id = SandboxIds.Derive("draft-invoice", last.CustomerId, last.PlanId ?? "", MetronomeJson.FormatTimestamp(start), creditType.Id),
        CustomerId = last.CustomerId,
        Status = Invoice.Draft,
        Type = last.Type,
        Total = InvoiceRating.Total(lines, creditType).Amount,
        CreditType = creditType,
        StartTimestamp = start,
        EndTimestamp = end,
        PlanId = last.PlanId,
        PlanName = last.PlanName,
        CustomFields = new Dictionary<string, object>(),
        LineItems = [.. lines.Select(line => new InvoiceLineItem
        {
            Name = line.ProductName,
            Total = line.Total,
            Type = "usage",
            CreditType = line.CreditType,
            Quantity = 1,
            ProductId = line.ProductId,
            ProductType = "UsageProductListItem",
            SubLineItems = [.. line.SubLines.Select(sub => new InvoiceSubLineItem
            {
                Name = sub.Charge.ChargeName,
                Quantity = sub.Quantity,
                Subtotal = sub.Subtotal,
                Price = sub.UnitPrice,
                ChargeId = sub.Charge.ChargeId,
            })],
        })],
    };
}
