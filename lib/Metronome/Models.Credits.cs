using System.Text.Json.Serialization;
using Workbook.Core;

namespace Workbook.Metronome;

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

    public IReadOnlyList<CreditLedgerEntry> Deductions { get; init; } = [];

    public IReadOnlyList<CreditLedgerEntry> PendingDeductions { get; init; } = [];

    public IReadOnlyDictionary<string, string> CustomFields { get; init; } = new Dictionary<string, string>();

    public string? CreditGrantType { get; init; }

    public string? Reason { get; init; }

    /// <summary>Posted deductions only (0 once expired), in the grant's credit type.</summary>
    [JsonIgnore]
    public Money BalanceExcludingPending => new(Balance.ExcludingPending, GrantAmount.CreditType);

    /// <summary>Also net of pending deductions from draft invoices.</summary>
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
    public const string Prepaid = "PREPAID";
    public const string Postpaid = "POSTPAID";
    public const string Credit = "CREDIT";

    public required string Id { get; init; }

    public required string Type { get; init; }

    public required ProductRef Product { get; init; }

    public string? Name { get; init; }

    public string? Description { get; init; }

    public decimal? Priority { get; init; }

    public DateTimeOffset? CreatedAt { get; init; }

    public ContractRef? Contract { get; init; }

    public AccessSchedule? AccessSchedule { get; init; }

    /// <summary>Usable right now; present only when asked for with include_balance.</summary>
    public decimal? Balance { get; init; }

    /// <summary>
    /// The schedule's credit type; when the schedule names none, USD (cents), the API's default unit.
    /// </summary>
    [JsonIgnore]
    public CreditType CreditType => AccessSchedule?.CreditType ?? Core.CreditType.UsdCents;

    /// <summary>Prepaid commits and credits are money the customer can still draw on; postpaid commits are obligations.</summary>
    [JsonIgnore]
    public bool IsDrawable => Type is Prepaid or Credit;
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

    public IReadOnlyList<ScheduleItem> ScheduleItems { get; init; } = [];
}

public sealed record ScheduleItem
{
    public required string Id { get; init; }

    public required decimal Amount { get; init; }

    public required DateTimeOffset StartingAt { get; init; }

    public required DateTimeOffset EndingBefore { get; init; }
}
