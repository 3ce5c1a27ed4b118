using System.Text.Json.Serialization;
using Workbook.Core;

namespace Workbook.Metronome;

public sealed record GrantAmount
{
    public required decimal Amount { get; init; }

    public required CreditType CreditType { get; init; }

    [JsonIgnore]
    public Money Money => new(Amount, CreditType);
}
