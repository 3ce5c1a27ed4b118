namespace Workbook.Metronome;

/// <summary>Filters of <c>GET /v1/customers</c>.</summary>
public sealed record CustomerListParams
{
    /// <summary>Page size, 1–100.</summary>
    public int? Limit { get; init; }

    public string? IngestAlias { get; init; }

    public IReadOnlyList<string>? CustomerIds { get; init; }

    /// <summary>True lists only archived customers; by default the API lists only active ones.</summary>
    public bool? OnlyArchived { get; init; }
}
