using Workbook.Egress;
using Workbook.Metronome;

namespace Workbook.CustomerSummary;

/// <summary>How to reach Metronome for Part 1 (see <see cref="MetronomeConnection.OpenAsync"/>).</summary>
public sealed record MetronomeConnectionOptions
{
    /// <summary>Where the token and the base URL come from (<c>METRONOME_BEARER_TOKEN</c>, <c>METRONOME_BASE_URL</c>).</summary>
    public Func<string, string?> GetEnvironmentVariable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>The API to query; needs the token. Default: <c>METRONOME_BASE_URL</c>, else the public API.</summary>
    public Uri? BaseUrl { get; init; }

    /// <summary>Without a token: the data export that seeds the sandbox (default: found as in Part 2, <see cref="EgressDataFolder"/>). Unused with a token.</summary>
    public string? ExportFolder { get; init; }

    /// <summary>Without a token: the sandbox's seed file (default: the built-in one). Unused with a token.</summary>
    public string? SeedFile { get; init; }

    /// <summary>API calls in flight at once, over every caller of the client (the customer listing included).</summary>
    public int MaxConcurrentRequests { get; init; } = CustomerSummaryFetcher.DefaultConcurrency;

    public int MaxRetries { get; init; } = MetronomeDefaults.MaxRetries;

    /// <summary>Per attempt.</summary>
    public TimeSpan Timeout { get; init; } = MetronomeDefaults.Timeout;

    /// <summary>
    /// The whole run's limit, on <see cref="Clock"/>: <see cref="Timeout"/> bounds one attempt, not a run that a
    /// slow or misbehaving server keeps going. Generous by default: an hour.
    /// </summary>
    public TimeSpan Deadline { get; init; } = DefaultDeadline;

    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromHours(1);

    /// <summary>The report's as-of instant against the real API (the sandbox has its own "now"), and the deadline's clock.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Progress (0..1) of loading the export into the sandbox.</summary>
    public IProgress<double>? LoadProgress { get; init; }

    /// <summary>True when <c>METRONOME_BEARER_TOKEN</c> is set: the real API is queried.</summary>
    public bool HasToken => !string.IsNullOrWhiteSpace(GetEnvironmentVariable(MetronomeClientOptions.TokenVariable));

    /// <summary>
    /// Why these options cannot be used, or null: a base URL without a token is refused, so that a report is never
    /// quietly made from the sandbox when a server was named.
    /// </summary>
    public string? Problem()
    {
        var envBaseUrl = GetEnvironmentVariable(MetronomeClientOptions.BaseUrlVariable);
        if (HasToken || (BaseUrl is null && string.IsNullOrWhiteSpace(envBaseUrl)))
        {
            return null;
        }

        var source = BaseUrl is not null ? "the base URL" : MetronomeClientOptions.BaseUrlVariable;
        return $"{source} names an API server but {MetronomeClientOptions.TokenVariable} is not set: export the token, or drop {source} to use the local sandbox";
    }
}
