using Workbook.Core;

namespace Workbook.Egress;

/// <summary>The unit price of one plan charge: the charge, what it prices, and the price per unit of usage.</summary>
/// <param name="UnitPrice">In the credit type's unit per unit of the billable metric (cents for USD).</param>
public sealed record ChargePrice(
    string PlanId,
    string ChargeId,
    string ChargeName,
    string ProductId,
    string ProductName,
    string BillableMetricId,
    string BillableMetricName,
    CreditType CreditType,
    decimal UnitPrice);

/// <summary>A quantity of usage of one billable metric (e.g. summed from metered_usage over a billing period).</summary>
public readonly record struct UsageQuantity(string BillableMetricId, decimal Quantity);

/// <summary>One charge on an invoice line: quantity × unit price = subtotal, exact (fractional cents kept).</summary>
public sealed record RatedSubLine(ChargePrice Charge, decimal Quantity, decimal UnitPrice, decimal Subtotal);

/// <summary>One product on an invoice, in one credit type, with its charges.</summary>
public sealed record RatedLine(string ProductId, string ProductName, CreditType CreditType, decimal Total, IReadOnlyList<RatedSubLine> SubLines)
{
    public Money TotalMoney => new(Total, CreditType);
}

/// <summary>
/// Prices usage the way the export's usage-based invoices are priced: each charge bills the usage of its billable
/// metric at its unit price, the charges are grouped into one line per product, and nothing is rounded (Metronome
/// keeps fractional cents; rounding to the cent is for display). A pure function: the generator computes its
/// invoices with it, and the Metronome sandbox prices draft invoices with it.
/// </summary>
public static class InvoiceRating
{
    /// <summary>
    /// The invoice lines for <paramref name="usage"/> under <paramref name="charges"/> (one plan's charges).
    /// Usage of the same metric is summed; a charge whose metric has no usage (or a zero sum) gives no sub-line,
    /// as on the export's invoices, and a product with no sub-line gives no line. Usage of a metric no charge
    /// prices is ignored. Lines are ordered by product name, sub-lines by charge name (ordinal, then ids).
    /// </summary>
    public static IReadOnlyList<RatedLine> Rate(IEnumerable<ChargePrice> charges, IEnumerable<UsageQuantity> usage)
    {
        ArgumentNullException.ThrowIfNull(charges);
        ArgumentNullException.ThrowIfNull(usage);

        var quantityByMetric = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var item in usage)
        {
            quantityByMetric[item.BillableMetricId] = quantityByMetric.GetValueOrDefault(item.BillableMetricId) + item.Quantity;
        }

        return charges
            .Select(charge => (Charge: charge, Quantity: quantityByMetric.GetValueOrDefault(charge.BillableMetricId)))
            .Where(x => x.Quantity != 0)
            .Select(x => new RatedSubLine(x.Charge, x.Quantity, x.Charge.UnitPrice, x.Quantity * x.Charge.UnitPrice))
            .GroupBy(sub => (sub.Charge.ProductId, sub.Charge.CreditType))
            .Select(product =>
            {
                var subLines = product
                    .OrderBy(sub => sub.Charge.ChargeName, StringComparer.Ordinal)
                    .ThenBy(sub => sub.Charge.ChargeId, StringComparer.Ordinal)
                    .ToList();
                return new RatedLine(product.Key.ProductId, subLines[0].Charge.ProductName, product.Key.CreditType, subLines.Sum(s => s.Subtotal), subLines);
            })
            .OrderBy(line => line.ProductName, StringComparer.Ordinal)
            .ThenBy(line => line.ProductId, StringComparer.Ordinal)
            .ThenBy(line => line.CreditType.Id, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The invoice total of rated lines, which must all be in one credit type.</summary>
    public static Money Total(IReadOnlyList<RatedLine> lines, CreditType creditType) =>
        lines.Aggregate(new Money(0m, creditType), (sum, line) => sum + line.TotalMoney);
}
