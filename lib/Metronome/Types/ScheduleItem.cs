namespace Workbook.Metronome;

public sealed record ScheduleItem
{
    public string? Id { get; init; }

    public required decimal Amount { get; init; }

    public required DateTimeOffset StartingAt { get; init; }

    public required DateTimeOffset EndingBefore { get; init; }
}
