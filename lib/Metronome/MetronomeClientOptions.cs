using System.Globalization;
using Workbook.Core;

namespace Workbook.Metronome;

/// <summary>
/// How the client reaches the API. Defaults (<see cref="MetronomeDefaults"/>) follow Metronome's official SDKs:
/// 2 retries, 60 s per request, backoff from 0.5 s doubling to 8 s. <see cref="ToString"/> never shows the token.
/// </summary>
public sealed record MetronomeClientOptions
{
        /// <summary>The official SDKs' variable for the API token.</summary>
    public const string TokenVariable = "METRONOME_BEARER_TOKEN";

    public const string BaseUrlVariable = "METRONOME_BASE_URL";

    public Uri BaseUrl { get; init; } = new(MetronomeDefaults.BaseUrl);

    public required string BearerToken { get; init; }

    /// <summary>Retries after the first attempt: at most <c>MaxRetries + 1</c> requests per call, connection failures included.</summary>
    public int MaxRetries { get; init; } = MetronomeDefaults.MaxRetries;

    /// <summary>
    /// At most this many calls in flight at once, over every caller sharing the client (a call holds its slot
    /// through its retries); null for no limit.
    /// </summary>
    public int? MaxConcurrentRequests { get; init; }

    /// <summary>Per attempt, including reading the whole response body.</summary>
    public TimeSpan Timeout { get; init; } = MetronomeDefaults.Timeout;

    public TimeSpan InitialRetryDelay { get; init; } = MetronomeDefaults.InitialRetryDelay;

    public TimeSpan MaxRetryDelay { get; init; } = MetronomeDefaults.MaxRetryDelay;

    /// <summary>
    /// Multiplies every retry delay after it is computed (server hints included). 1 in production; tests use a
    /// small factor so a 2-second Retry-After costs milliseconds while the computed delay is still observable.
    /// </summary>
    public double RetryDelayScale { get; init; } = 1.0;

    /// <summary>The clock for retry delays and HTTP-date Retry-After values.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Called before each retry (a log hook). Carries no token.</summary>
    public Action<MetronomeRetry>? OnRetry { get; init; }

    /// <summary>
    /// Options from the environment: the token from <c>METRONOME_BEARER_TOKEN</c> (required) and the base URL
    /// from <c>METRONOME_BASE_URL</c> (else the public API).
    /// </summary>
    public static MetronomeClientOptions FromEnvironment(Func<string, string?> getEnvironmentVariable)
    {
        var token = getEnvironmentVariable(TokenVariable);
        if (string.IsNullOrWhiteSpace(token))
        {
            throw new WorkbookException($"{TokenVariable} is not set: export the API token created in the Metronome app");
        }

        var baseUrl = getEnvironmentVariable(BaseUrlVariable);
        return new MetronomeClientOptions
        {
            BearerToken = token.Trim(),
            BaseUrl = string.IsNullOrWhiteSpace(baseUrl) ? new Uri(MetronomeDefaults.BaseUrl) : ParseBaseUrl(baseUrl, BaseUrlVariable),
        };
    }

    /// <summary>An absolute http(s) URL; <paramref name="source"/> names where it came from for the error.</summary>
    public static Uri ParseBaseUrl(string text, string source) =>
        Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new WorkbookException($"{source}: '{text}' is not an absolute http(s) URL");

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(BearerToken) || BearerToken.Any(char.IsWhiteSpace))
        {
            throw new WorkbookException("the bearer token is empty or contains white space");
        }

        if (!BaseUrl.IsAbsoluteUri || (BaseUrl.Scheme != Uri.UriSchemeHttp && BaseUrl.Scheme != Uri.UriSchemeHttps))
        {
            throw new WorkbookException($"base URL '{BaseUrl}' is not an absolute http(s) URL");
        }

        if (MaxRetries < 0 || MaxConcurrentRequests < 1 || Timeout <= TimeSpan.Zero || RetryDelayScale < 0 || InitialRetryDelay < TimeSpan.Zero || MaxRetryDelay < InitialRetryDelay)
        {
            throw new WorkbookException($"invalid client options: {this}");
        }
    }

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"BaseUrl={BaseUrl}, BearerToken=[redacted], MaxRetries={MaxRetries}, Timeout={Timeout.TotalSeconds}s, RetryDelay={InitialRetryDelay.TotalSeconds}s..{MaxRetryDelay.TotalSeconds}s x{RetryDelayScale}");
}
