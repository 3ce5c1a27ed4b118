namespace Workbook.Metronome;

/// <summary>A single-object response: <c>{"data": {...}}</c>.</summary>
public sealed record Envelope<T>
{
    public required T Data { get; init; }
}
