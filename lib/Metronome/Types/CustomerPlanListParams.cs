namespace Workbook.Metronome;

/// <summary>Parameters of <c>GET /v1/customers/{id}/plans</c>.</summary>
public sealed record CustomerPlanListParams
{
    /// <summary>Page size, 1–100.</summary>
    public int? Limit { get; init; }
}
