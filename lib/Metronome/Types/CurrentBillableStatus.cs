using System.Text.Json.Serialization;

namespace Workbook.Metronome;

public sealed record CurrentBillableStatus
{
    public required BillableStatus Value { get; init; }

    public DateTimeOffset? EffectiveAt { get; init; }
}
