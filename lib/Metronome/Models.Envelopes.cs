namespace Workbook.Metronome;

/// <summary>A list response: <c>{"data": [...], "next_page": "cursor" | null}</c>.</summary>
public sealed record Page<T>
{
    public required IReadOnlyList<T> Data { get; init; }

    /// <summary>Null, empty or absent on the last page (optional in the SDKs' page types).</summary>
    public string? NextPage { get; init; }
}

/// <summary>A single-object response: <c>{"data": {...}}</c>.</summary>
public sealed record Envelope<T>
{
    public required T Data { get; init; }
}

/// <summary>An error body: <c>{"message": "..."}</c> (some newer endpoints add a code).</summary>
public sealed record ErrorBody
{
    public required string Message { get; init; }

    public string? Code { get; init; }
}

/// <summary>Body of <c>POST /v1/credits/listGrants</c> (the cursor and limit go in the query string).</summary>
public sealed record CreditGrantListRequest
{
    public IReadOnlyList<string>? CustomerIds { get; init; }

    public IReadOnlyList<string>? CreditTypeIds { get; init; }

    public IReadOnlyList<string>? CreditGrantIds { get; init; }

    public DateTimeOffset? EffectiveBefore { get; init; }

    public DateTimeOffset? NotExpiringBefore { get; init; }
}

/// <summary>Body of <c>POST /v1/contracts/customerBalances/list</c> (the cursor and limit go in the body).</summary>
public sealed record ContractBalanceListRequest
{
    public required string CustomerId { get; init; }

    public bool? IncludeBalance { get; init; }

    public bool? IncludeContractBalances { get; init; }

    public bool? IncludeArchived { get; init; }

    public bool? ExcludeZeroBalances { get; init; }

    public DateTimeOffset? CoveringDate { get; init; }

    public int? Limit { get; init; }

    public string? NextPage { get; init; }
}
