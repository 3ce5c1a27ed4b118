namespace Workbook.Metronome;

/// <summary>Parameters of <c>GET /v1/credit-types/list</c>.</summary>
public sealed record CreditTypeListParams
{
    /// <summary>Page size, 1–100.</summary>
    public int? Limit { get; init; }
}
