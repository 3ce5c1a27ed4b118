namespace Workbook.Metronome;

/// <summary>
/// The client's defaults, in one place (the official SDKs keep theirs in <c>_constants.py</c>): 2 retries, 60 s per
/// attempt, backoff from 0.5 s doubling to 8 s, and the page sizes the API allows.
/// </summary>
public static class MetronomeDefaults
{
    public const string BaseUrl = "https://api.metronome.com";

    /// <summary>Retries after the first attempt: at most 3 requests per call.</summary>
    public const int MaxRetries = 2;

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static readonly TimeSpan InitialRetryDelay = TimeSpan.FromSeconds(0.5);

    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(8);

    /// <summary>The largest page of <c>GET /v1/customers</c>, invoices, plans, credit types and listGrants (1–100).</summary>
    public const int PageSize = 100;

    /// <summary>The largest page of <c>POST /v1/contracts/customerBalances/list</c> (1–25).</summary>
    public const int ContractBalancePageSize = 25;

    /// <summary>
    /// Empty pages in a row after which a list stops with an error. Empty pages with a cursor are legal (the SDKs page
    /// through them), but a server that never ends one must not keep a run going forever.
    /// </summary>
    public const int MaxEmptyPagesInARow = 20;
}
