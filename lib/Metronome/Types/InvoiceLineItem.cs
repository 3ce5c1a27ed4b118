using System.Text.Json.Serialization;
using Workbook.Core;

namespace Workbook.Metronome;

public sealed record InvoiceLineItem
{
    public required string Name { get; init; }

    public required decimal Total { get; init; }

    /// <summary>usage, subscription, scheduled, commit_purchase, applied_commit_or_credit, cpu_conversion, ...</summary>
    public required string Type { get; init; }

    public required CreditType CreditType { get; init; }

    public decimal? Quantity { get; init; }

    public decimal? UnitPrice { get; init; }

    public string? ProductId { get; init; }

    public string? ProductType { get; init; }

    public DateTimeOffset? StartingAt { get; init; }

    public DateTimeOffset? EndingBefore { get; init; }

    public IReadOnlyList<InvoiceSubLineItem>? SubLineItems { get; init; }

    [JsonIgnore]
    public Money TotalMoney => new(Total, CreditType);
}
