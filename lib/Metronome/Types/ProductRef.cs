using System.Text.Json.Serialization;
using Workbook.Core;

namespace Workbook.Metronome;

public sealed record ProductRef
{
    public required string Id { get; init; }

    public required string Name { get; init; }
}
