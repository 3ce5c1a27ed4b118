namespace Workbook.Metronome;

public sealed record CustomerConfig
{
    public string? SalesforceAccountId { get; init; }
}
