namespace Workbook.Metronome;

/// <summary>A list response: <c>{"data": [...], "next_page": "cursor" | null}</c>.</summary>
public sealed record Page<T>
{
    public required IReadOnlyList<T> Data { get; init; }

    /// <summary>Null, empty or absent on the last page (optional in the SDKs' page types).</summary>
    public string? NextPage { get; init; }
}
