namespace Workbook.Metronome;

/// <summary>A charge within an invoice line. Not read by the customer summary: nothing here is required.</summary>
public sealed record InvoiceSubLineItem
{
    public string? Name { get; init; }

    public decimal? Quantity { get; init; }

    public decimal? Subtotal { get; init; }

    public decimal? Price { get; init; }

    public string? ChargeId { get; init; }

    public string? CreditGrantId { get; init; }

    public IReadOnlyDictionary<string, string>? CustomFields { get; init; }
}
