using System.Text.Json.Serialization;
using Workbook.Core;

namespace Workbook.Metronome;

public sealed record ScheduleItem
{
    public required string Id { get; init; }

    public required decimal Amount { get; init; }

    public required DateTimeOffset StartingAt { get; init; }

    public required DateTimeOffset EndingBefore { get; init; }
}
