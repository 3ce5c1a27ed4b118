using System.Text.Json.Serialization;
using Workbook.Core;

namespace Workbook.Metronome;

/// <summary>
/// A contract commit (PREPAID / POSTPAID) or credit (CREDIT) from <c>POST /v1/contracts/customerBalances/list</c>.
/// The credit type of its balance lives in <see cref="AccessSchedule"/>. Required here: the type, which decides
/// whether it is credit at all; the balance and schedule are checked by whoever reads them, the rest is optional.
/// </summary>
public sealed record ContractBalance
{
    public string? Id { get; init; }

    /// <summary>The discriminator of the API's Commit | Credit union; an unknown value is an error, not a guess.</summary>
    public required ContractBalanceType Type { get; init; }

    public ProductRef? Product { get; init; }

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
