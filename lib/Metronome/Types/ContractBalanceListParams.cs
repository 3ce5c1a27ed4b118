namespace Workbook.Metronome;

/// <summary>Body of <c>POST /v1/contracts/customerBalances/list</c>, the cursor and the page size (1–25) included.</summary>
public sealed record ContractBalanceListParams
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
