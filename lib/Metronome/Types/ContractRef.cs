namespace Workbook.Metronome;

public sealed record ContractRef
{
    public string? Id { get; init; }
}
