using System.Text.Json.Serialization;

namespace Workbook.Metronome;

/// <summary>Parameters of <c>POST /v1/credits/listGrants</c>: filters in the body, the page size in the query string.</summary>
public sealed record CreditGrantListParams
{
    /// <summary>Page size, 1–100; sent in the query string, not the body.</summary>
    [JsonIgnore]
    public int? Limit { get; init; }

    public IReadOnlyList<string>? CustomerIds { get; init; }

    public IReadOnlyList<string>? CreditTypeIds { get; init; }

    public IReadOnlyList<string>? CreditGrantIds { get; init; }

    public DateTimeOffset? EffectiveBefore { get; init; }

    public DateTimeOffset? NotExpiringBefore { get; init; }
}
