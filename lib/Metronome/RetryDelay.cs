using System.Globalization;
using System.Net.Http.Headers;

namespace Workbook.Metronome;

/// <summary>
/// The official SDKs' retry delay: the server's <c>retry-after-ms</c>, then <c>Retry-After</c> (seconds or an
/// HTTP date), each honoured only within (0, 60 s] as the python SDK does; otherwise exponential backoff
/// min(initial × 2^n, max) minus up to 25 % jitter.
/// </summary>
public static class RetryDelay
{
    private static readonly TimeSpan LongestHonouredHint = TimeSpan.FromSeconds(60);

    /// <param name="headers">The response headers, or null after a connection error or timeout.</param>
    /// <param name="retriesSoFar">0 before the first retry.</param>
    /// <param name="jitter">A number in [0, 1): how much of the 25 % jitter to take off.</param>
    public static TimeSpan Compute(HttpResponseHeaders? headers, int retriesSoFar, TimeSpan initial, TimeSpan max, DateTimeOffset now, double jitter)
    {
        if (FromServer(headers, now) is { } hinted)
        {
            return hinted;
        }

        // Cap the exponent: 2^30 half-seconds is already far beyond any max delay.
        var exponential = initial.TotalSeconds * Math.Pow(2, Math.Min(retriesSoFar, 30));
        var capped = Math.Min(exponential, max.TotalSeconds);
        return TimeSpan.FromSeconds(capped * (1 - (0.25 * jitter)));
    }

    /// <summary>The delay the server asked for, when it asked for a sensible one.</summary>
    public static TimeSpan? FromServer(HttpResponseHeaders? headers, DateTimeOffset now)
    {
        if (headers is null)
        {
            return null;
        }

        if (headers.TryGetValues("retry-after-ms", out var msValues)
            && double.TryParse(msValues.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var ms)
            && Honoured(ms / 1000) is { } fromMs)
        {
            return fromMs;
        }

        if (!headers.TryGetValues("Retry-After", out var values))
        {
            return null;
        }

        var text = values.FirstOrDefault()?.Trim();
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return Honoured(seconds);
        }

        return DateTimeOffset.TryParseExact(text, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? Honoured((date - now).TotalSeconds)
            : null;
    }

    // NaN and infinities parse as doubles too: they fail the range test.
    private static TimeSpan? Honoured(double seconds) =>
        seconds > 0 && seconds <= LongestHonouredHint.TotalSeconds ? TimeSpan.FromSeconds(seconds) : null;
}
