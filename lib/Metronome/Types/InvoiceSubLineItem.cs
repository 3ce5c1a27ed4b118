using System.Text.Json.Serialization;
using Workbook.Core;

namespace Workbook.Metronome;

public sealed record InvoiceSubLineItem
{
    public required string Name { get; init; }

    public required decimal Quantity { get; init; }

    public required decimal Subtotal { get; init; }

    public decimal? Price { get; init; }

    public string? ChargeId { get; init; }

    public string? CreditGrantId { get; init; }

    public required IReadOnlyDictionary<string, string> CustomFields { get; init; }
}
