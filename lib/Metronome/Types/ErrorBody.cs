namespace Workbook.Metronome;

/// <summary>An error body: <c>{"message": "..."}</c> (some newer endpoints add a code).</summary>
public sealed record ErrorBody
{
    public required string Message { get; init; }

    public string? Code { get; init; }
}
