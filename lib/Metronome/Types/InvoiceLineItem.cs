using Workbook.Core;

namespace Workbook.Metronome;

/// <summary>A line of an invoice. The customer summary reads none of it, so nothing here is required.</summary>
public sealed record InvoiceLineItem
{
    public string? Name { get; init; }

    public decimal? Total { get; init; }

    /// <summary>usage, subscription, scheduled, commit_purchase, applied_commit_or_credit, cpu_conversion, ...</summary>
    public string? Type { get; init; }

    public CreditType? CreditType { get; init; }

    public decimal? Quantity { get; init; }

    public decimal? UnitPrice { get; init; }

    public string? ProductId { get; init; }

    public string? ProductType { get; init; }

    public DateTimeOffset? StartingAt { get; init; }

    public DateTimeOffset? EndingBefore { get; init; }

    public IReadOnlyList<InvoiceSubLineItem>? SubLineItems { get; init; }
}
