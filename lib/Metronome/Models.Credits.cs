using System.Text.Json.Serialization;
using Workbook.Core;

namespace Workbook.Metronome;

// Required and optional fields follow the official SDKs' types (metronome-python types/v1/credit_grant_list_response.py,
// credit_ledger_entry.py, types/shared/commit.py, credit.py, schedule_duration.py).

/// <summary>A plan-era credit grant from <c>POST /v1/credits/listGrants</c>. Its balance is in the grant's credit type.</summary>
public sealed record CreditGrant
{
    public required string Id { get; init; }

    public required string CustomerId { get; init; }

    public required string Name { get; init; }

    public required DateTimeOffset EffectiveAt { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    public required decimal Priority { get; init; }

    public required GrantAmount GrantAmount { get; init; }

    public required GrantAmount PaidAmount { get; init; }

    public required CreditGrantBalance Balance { get; init; }

    public required IReadOnlyList<CreditLedgerEntry> Deductions { get; init; }

    public required IReadOnlyList<CreditLedgerEntry> PendingDeductions { get; init; }

    public required IReadOnlyDictionary<string, string> CustomFields { get; init; }

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

public sealed record GrantAmount
{
    public required decimal Amount { get; init; }

    public required CreditType CreditType { get; init; }

    [JsonIgnore]
    public Money Money => new(Amount, CreditType);
}

/// <summary>A grant's balance as of the end of the customer's current billing period (<see cref="EffectiveAt"/>).</summary>
public sealed record CreditGrantBalance
{
    public required DateTimeOffset EffectiveAt { get; init; }

    public required decimal ExcludingPending { get; init; }

    public required decimal IncludingPending { get; init; }
}

public sealed record CreditLedgerEntry
{
    public required decimal Amount { get; init; }

    public required string Reason { get; init; }

    public required decimal RunningBalance { get; init; }

    public required DateTimeOffset EffectiveAt { get; init; }

    public required string CreatedBy { get; init; }

    public required string CreditGrantId { get; init; }

    public string? InvoiceId { get; init; }
}

/// <summary>
/// A contract commit (PREPAID / POSTPAID) or credit (CREDIT) from <c>POST /v1/contracts/customerBalances/list</c>.
/// The credit type of its balance lives in <see cref="AccessSchedule"/>.
/// </summary>
public sealed record ContractBalance
{
    public required string Id { get; init; }

    /// <summary>The discriminator of the API's Commit | Credit union; an unknown value is an error, not a guess.</summary>
    public required ContractBalanceType Type { get; init; }

    public required ProductRef Product { get; init; }

    public string? Name { get; init; }

    public string? Description { get; init; }

    public decimal? Priority { get; init; }

    /// <summary>Required on commits, absent on credits.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    public ContractRef? Contract { get; init; }

    public AccessSchedule? AccessSchedule { get; init; }

    /// <summary>
    /// Present only when asked for with include_balance: the balance "at this moment", net of pending
    /// (draft-invoice) deductions, as the API documents it.
    /// </summary>
    public decimal? Balance { get; init; }

    public DateTimeOffset? ArchivedAt { get; init; }

    /// <summary>
    /// The schedule's credit type; when the schedule names none, USD (cents), the API's default unit.
    /// </summary>
    [JsonIgnore]
    public CreditType CreditType => AccessSchedule?.CreditType ?? Core.CreditType.UsdCents;

    /// <summary>Prepaid commits and credits are money the customer can still draw on; postpaid commits are obligations.</summary>
    [JsonIgnore]
    public bool IsDrawable => Type is ContractBalanceType.Prepaid or ContractBalanceType.Credit;
}

[JsonConverter(typeof(StrictEnumConverter<ContractBalanceType>))]
public enum ContractBalanceType
{
    [JsonStringEnumMemberName("PREPAID")]
    Prepaid,

    [JsonStringEnumMemberName("POSTPAID")]
    Postpaid,

    [JsonStringEnumMemberName("CREDIT")]
    Credit,
}

public sealed record ProductRef
{
    public required string Id { get; init; }

    public required string Name { get; init; }
}

public sealed record ContractRef
{
    public required string Id { get; init; }
}

public sealed record AccessSchedule
{
    public CreditType? CreditType { get; init; }

    public required IReadOnlyList<ScheduleItem> ScheduleItems { get; init; }
}

public sealed record ScheduleItem
{
    public required string Id { get; init; }

    public required decimal Amount { get; init; }

    public required DateTimeOffset StartingAt { get; init; }

    public required DateTimeOffset EndingBefore { get; init; }
}
