namespace Workbook.Metronome;

public sealed record CurrentBillableStatus
{
    /// <summary>
    /// <c>billable</c> or <c>unbillable</c> today. Kept as text: the workbook does not act on it, so a value added
    /// to the API later (<c>paused</c>, say) is read as it is rather than refused.
    /// </summary>
    public string? Value { get; init; }

    public DateTimeOffset? EffectiveAt { get; init; }
}
