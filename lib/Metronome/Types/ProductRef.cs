namespace Workbook.Metronome;

public sealed record ProductRef
{
    public string? Id { get; init; }

    public string? Name { get; init; }
}
