using System.Text.Json.Serialization;
using Workbook.Core;

namespace Workbook.Metronome;

/// <summary>
/// An invoice from <c>GET /v1/customers/{id}/invoices</c>. Amounts are in <see cref="CreditType"/> units. Required
/// here: what the customer summary reads (id, customer, status, total, credit type), all required by the SDK types
/// too; the rest is optional whatever the SDK types say, so a field the workbook does not use never fails a response.
/// </summary>
public sealed record Invoice
{
    public const string Draft = "DRAFT";
    public const string Finalized = "FINALIZED";
    public const string Void = "VOID";

    public required string Id { get; init; }

    public required string CustomerId { get; init; }

    /// <summary>DRAFT, FINALIZED or VOID; an open string in the API, so unknown values are kept as they are.</summary>
    public required string Status { get; init; }

    /// <summary>USAGE, SCHEDULED, PLAN_ARREARS, ...: an open string.</summary>
    public string? Type { get; init; }

    /// <summary>Total after credits, in credit-type units (cents for USD).</summary>
    public required decimal Total { get; init; }

    /// <summary>Before credits and adjustments (usage and charges), in credit-type units; optional in the API.</summary>
    public decimal? Subtotal { get; init; }

    public required CreditType CreditType { get; init; }

    public IReadOnlyList<InvoiceLineItem>? LineItems { get; init; }

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
