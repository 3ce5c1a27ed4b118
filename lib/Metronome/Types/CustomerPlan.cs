namespace Workbook.Metronome;

/// <summary>
/// A plan a customer is (or was) on: <c>GET /v1/customers/{id}/plans</c> (plan-era billing). Required here: what the
/// report reads (the name and the dates); the rest is optional whatever the SDK types say.
/// </summary>
public sealed record CustomerPlan
{
    /// <summary>The id of the customer-plan assignment, not of the plan.</summary>
    public string? Id { get; init; }

    public string? PlanId { get; init; }

    public required string PlanName { get; init; }

    public string? PlanDescription { get; init; }

    public IReadOnlyDictionary<string, string>? CustomFields { get; init; }

    public required DateTimeOffset StartingOn { get; init; }

    /// <summary>Exclusive end; null while the plan has no scheduled end.</summary>
    public DateTimeOffset? EndingBefore { get; init; }

    public decimal? NetPaymentTermsDays { get; init; }

    /// <summary>True when the plan covers <paramref name="instant"/> (start inclusive, end exclusive).</summary>
    public bool IsActiveAt(DateTimeOffset instant) => StartingOn <= instant && (EndingBefore is null || instant < EndingBefore);
}
