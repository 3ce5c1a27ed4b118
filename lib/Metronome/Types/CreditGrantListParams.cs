namespace Workbook.Metronome;

/// <summary>Body of <c>POST /v1/credits/listGrants</c> (the cursor and limit go in the query string).</summary>
public sealed record CreditGrantListParams
{
    public IReadOnlyList<string>? CustomerIds { get; init; }

    public IReadOnlyList<string>? CreditTypeIds { get; init; }

    public IReadOnlyList<string>? CreditGrantIds { get; init; }

    public DateTimeOffset? EffectiveBefore { get; init; }

    public DateTimeOffset? NotExpiringBefore { get; init; }
}
