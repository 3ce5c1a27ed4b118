using System.Net.Http.Headers;
using FsCheck;
using FsCheck.Fluent;
using Workbook.Metronome;

namespace Workbook.Tests.Metronome;

public class RetryDelayTests
{
    private static readonly TimeSpan Initial = TimeSpan.FromSeconds(0.5);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(8);
    private static readonly DateTimeOffset Now = new(2024, 4, 2, 12, 0, 0, TimeSpan.Zero);

    private static HttpResponseHeaders Headers(params (string Name, string Value)[] values)
    {
        var headers = new HttpResponseMessage().Headers;
        foreach (var (name, value) in values)
        {
            headers.TryAddWithoutValidation(name, value);
        }

        return headers;
    }

    [Theory]
    [InlineData("250", null, 0.25)]
    [InlineData("250", "9", 0.25)]
    [InlineData(null, "1.5", 1.5)]
    [InlineData(null, "60", 60)]
    public void Server_hints_are_honoured_retry_after_ms_first(string? ms, string? seconds, double expected)
    {
        var headers = new List<(string, string)>();
        if (ms is not null)
        {
            headers.Add(("retry-after-ms", ms));
        }

        if (seconds is not null)
        {
            headers.Add(("Retry-After", seconds));
        }

        Assert.Equal(TimeSpan.FromSeconds(expected), RetryDelay.Compute(Headers([.. headers]), 0, Initial, Max, Now, jitter: 0));
    }

    [Fact]
    public void Retry_After_as_an_http_date_counts_from_now()
    {
        var headers = Headers(("Retry-After", Now.AddSeconds(3).ToString("r", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(TimeSpan.FromSeconds(3), RetryDelay.Compute(headers, 0, Initial, Max, Now, jitter: 0));
    }

    [Theory]
    [InlineData("Retry-After", "0")]
    [InlineData("Retry-After", "61")]
    [InlineData("Retry-After", "-1")]
    [InlineData("Retry-After", "NaN")]
    [InlineData("Retry-After", "soon")]
    [InlineData("retry-after-ms", "0")]
    public void Hints_outside_zero_to_sixty_seconds_fall_back_to_backoff(string name, string value) =>
        Assert.Equal(TimeSpan.FromSeconds(1), RetryDelay.Compute(Headers((name, value)), 1, Initial, Max, Now, jitter: 0));

    [Fact]
    public void Backoff_doubles_from_half_a_second_and_stops_at_eight()
    {
        var delays = Enumerable.Range(0, 7).Select(n => RetryDelay.Compute(null, n, Initial, Max, Now, jitter: 0).TotalSeconds);
        Assert.Equal([0.5, 1, 2, 4, 8, 8, 8], delays);
    }

    [Fact]
    public void Jitter_takes_off_at_most_a_quarter_and_huge_retry_counts_do_not_overflow() =>
        Prop.ForAll(
            Gen.Choose(0, 10_000).ToArbitrary(),
            Gen.Choose(0, 999).Select(j => j / 1000.0).ToArbitrary(),
            (int retries, double jitter) =>
            {
                var full = Math.Min(0.5 * Math.Pow(2, Math.Min(retries, 30)), 8);
                var delay = RetryDelay.Compute(null, retries, Initial, Max, Now, jitter).TotalSeconds;
                return delay <= full + 1e-9 && delay >= (full * 0.75) - 1e-9;
            }).QuickCheckThrowOnFailure();
}
