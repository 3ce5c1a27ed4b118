using System.Text.Json.Serialization;

namespace Workbook.Metronome;

[JsonConverter(typeof(StrictEnumConverter<BillableStatus>))]
public enum BillableStatus
{
    [JsonStringEnumMemberName("billable")]
    Billable,

    [JsonStringEnumMemberName("unbillable")]
    Unbillable,
}
