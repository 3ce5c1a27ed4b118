using System.Text.Json.Serialization;
using Workbook.Core;

namespace Workbook.Metronome;

public sealed record ContractRef
{
    public required string Id { get; init; }
}
