using Workbook.Core;

namespace Workbook.Metronome;

public sealed record AccessSchedule
{
    public CreditType? CreditType { get; init; }

    public required IReadOnlyList<ScheduleItem> ScheduleItems { get; init; }
}
