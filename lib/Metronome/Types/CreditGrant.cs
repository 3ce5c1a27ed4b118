using System.Text.Json.Serialization;
using Workbook.Core;

namespace Workbook.Metronome;

/// <summary>
/// A plan-era credit grant from <c>POST /v1/credits/listGrants</c>. Its balance is in the grant's credit type.
/// Required here: what the customer summary reads (whose grant it is, its unit, balance and expiry), all required by
/// the SDK types too; the rest is optional, so a field the workbook does not use never fails a response.
/// </summary>
public sealed record CreditGrant
{
    public string? Id { get; init; }

    public required string CustomerId { get; init; }

    public string? Name { get; init; }

    public DateTimeOffset? EffectiveAt { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    public decimal? Priority { get; init; }

    public required GrantAmount GrantAmount { get; init; }

    public GrantAmount? PaidAmount { get; init; }

    public required CreditGrantBalance Balance { get; init; }

    public IReadOnlyList<CreditLedgerEntry>? Deductions { get; init; }

    public IReadOnlyList<CreditLedgerEntry>? PendingDeductions { get; init; }

    public IReadOnlyDictionary<string, string>? CustomFields { get; init; }

    public string? CreditGrantType { get; init; }

    public string? Reason { get; init; }

    public string? InvoiceId { get; init; }

    public string? UniquenessKey { get; init; }

    /// <summary>The products the grant applies to; absent means every product.</summary>
    public IReadOnlyList<ProductRef>? Products { get; init; }

    /// <summary>Posted deductions only (0 once expired), in the grant's credit type.</summary>
    [JsonIgnore]
    public Money BalanceExcludingPending => new(Balance.ExcludingPending, GrantAmount.CreditType);

    /// <summary>Also net of pending deductions from draft invoices; 0 when the grant expires before the end of the current billing period.</summary>
    [JsonIgnore]
    public Money BalanceIncludingPending => new(Balance.IncludingPending, GrantAmount.CreditType);
}
