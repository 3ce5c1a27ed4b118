using System.Text.Json.Serialization;

namespace Workbook.Metronome;

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
