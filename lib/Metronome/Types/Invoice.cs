using System.Text.Json.Serialization;
using Workbook.Core;

namespace Workbook.Metronome;

/// <summary>An invoice from <c>GET /v1/customers/{id}/invoices</c>. Amounts are in <see cref="CreditType"/> units.</summary>
public sealed record Invoice
{
    public const string Draft = "DRAFT";
    public const string Finalized = "FINALIZED";
    public const string Void = "VOID";

    public required string Id { get; init; }

    public required string CustomerId { get; init; }

    /// <summary>DRAFT, FINALIZED or VOID; an open string in the API, so unknown values are kept as they are.</summary>
    public required string Status { get; init; }

    public required string Type { get; init; }

    /// <summary>Total after credits, in credit-type units (cents for USD).</summary>
    public required decimal Total { get; init; }

    public decimal? Subtotal { get; init; }

    public required CreditType CreditType { get; init; }

    public required IReadOnlyList<InvoiceLineItem> LineItems { get; init; }

    public DateTimeOffset? StartTimestamp { get; init; }

    public DateTimeOffset? EndTimestamp { get; init; }

    public DateTimeOffset? IssuedAt { get; init; }

    public string? PlanId { get; init; }

    public string? PlanName { get; init; }

    public string? ContractId { get; init; }

    public decimal? NetPaymentTermsDays { get; init; }

    public IReadOnlyDictionary<string, object>? CustomFields { get; init; }

    [JsonIgnore]
    public Money TotalMoney => new(Total, CreditType);

    [JsonIgnore]
    public bool IsDraft => Status == Draft;

    [JsonIgnore]
    public bool IsFinalized => Status == Finalized;
}
