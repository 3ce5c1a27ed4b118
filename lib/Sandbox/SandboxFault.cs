using System.Globalization;
using Workbook.Core;

namespace Workbook.Sandbox;

public enum SandboxFaultKind
{
    /// <summary>Wait <see cref="SandboxFault.Latency"/> before answering.</summary>
    Latency,

    /// <summary>429, with Retry-After / retry-after-ms when set.</summary>
    RateLimit,

    /// <summary>A 5xx (500 unless <see cref="SandboxFault.Status"/> says otherwise).</summary>
    ServerError,

    /// <summary>A list page with no data and a cursor that leads on to the real next page.</summary>
    EmptyPage,

    /// <summary>A list page whose next_page is the cursor the request came with (only requests carrying one).</summary>
    RepeatedCursor,

    /// <summary>200 with a body cut off mid-JSON.</summary>
    MalformedJson,

    /// <summary>The connection is aborted without a response.</summary>
    DropConnection,

    /// <summary>408 Request Timeout (the official SDKs retry it).</summary>
    RequestTimeout,

    /// <summary>409 Conflict (the official SDKs retry it, as a lock timeout).</summary>
    Conflict,

    /// <summary>411 Length Required for a request body sent chunked, as some proxies answer; bodies with a Content-Length pass.</summary>
    LengthRequired,
}

/// <summary>
/// One fault-injection rule: a kind, scoped to request paths containing <see cref="PathContains"/> (all when null),
/// applied to the first <see cref="Times"/> requests it fits (every one when null). Rules count independently and
/// are thread-safe, so a test can say "the first two calls for customer X get a 500".
/// </summary>
public sealed class SandboxFault
{
    private int _used;

    public required SandboxFaultKind Kind { get; init; }

    public string? PathContains { get; init; }

    public int? Times { get; init; }

    public TimeSpan Latency { get; init; }

    /// <summary>Value of the Retry-After header (seconds) for <see cref="SandboxFaultKind.RateLimit"/>; none when null.</summary>
    public double? RetryAfterSeconds { get; init; }

    /// <summary>Value of the retry-after-ms header for <see cref="SandboxFaultKind.RateLimit"/>; none when null.</summary>
    public double? RetryAfterMilliseconds { get; init; }

    /// <summary>Status for <see cref="SandboxFaultKind.ServerError"/>.</summary>
    public int Status { get; init; } = 500;

    /// <summary>
    /// The <c>x-should-retry</c> header (true or false) on the error this rule answers with, which overrides the
    /// status rule in the official SDKs; none when null.
    /// </summary>
    public bool? ShouldRetry { get; init; }

    /// <summary>How many requests this rule has been applied to.</summary>
    public int Used => Volatile.Read(ref _used);

    internal bool Fits(string path) => PathContains is null || path.Contains(PathContains, StringComparison.Ordinal);

    /// <summary>Claims one use of the rule for a request on <paramref name="path"/>; false when it does not apply.</summary>
    internal bool TryApply(string path)
    {
        if (!Fits(path))
        {
            return false;
        }

        if (Times is null)
        {
            Interlocked.Increment(ref _used);
            return true;
        }

        // Claim a slot only while slots remain, so Used never exceeds Times.
        while (true)
        {
            var used = Volatile.Read(ref _used);
            if (used >= Times)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _used, used + 1, used) == used)
            {
                return true;
            }
        }
    }

    /// <summary>
    /// Parses the CLI form <c>kind[:key=value,...]</c>. Kinds: <see cref="KindNames"/>. Keys: times, path, ms
    /// (latency), retry-after (seconds), retry-after-ms, status (server-error), should-retry (true|false, the
    /// x-should-retry header on an error answer). Example: <c>server-error:times=2,path=/v1/customers/abc,status=503</c>.
    /// </summary>
    public static SandboxFault Parse(string spec)
    {
        var (kindText, rest) = spec.IndexOf(':') is var colon and >= 0 ? (spec[..colon], spec[(colon + 1)..]) : (spec, "");
        var kind = kindText.Trim() switch
        {
            "latency" => SandboxFaultKind.Latency,
            "rate-limit" => SandboxFaultKind.RateLimit,
            "server-error" => SandboxFaultKind.ServerError,
            "empty-page" => SandboxFaultKind.EmptyPage,
            "repeated-cursor" => SandboxFaultKind.RepeatedCursor,
            "malformed-json" => SandboxFaultKind.MalformedJson,
            "drop-connection" => SandboxFaultKind.DropConnection,
            "request-timeout" => SandboxFaultKind.RequestTimeout,
            "conflict" => SandboxFaultKind.Conflict,
            "length-required" => SandboxFaultKind.LengthRequired,
            var other => throw new WorkbookException(
                $"fault '{spec}': unknown kind '{other}' ({KindNames})"),
        };

        int? times = null;
        string? path = null;
        double? latencyMs = null, retryAfter = null, retryAfterMs = null;
        var status = 500;
        bool? shouldRetry = null;
        foreach (var pair in rest.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var (key, value) = pair.IndexOf('=') is var eq and > 0 ? (pair[..eq], pair[(eq + 1)..]) : throw new WorkbookException($"fault '{spec}': '{pair}' is not key=value");
            switch (key)
            {
                case "times":
                    times = (int)Number(spec, key, value, min: 1);
                    break;
                case "path":
                    path = value;
                    break;
                case "ms":
                    latencyMs = Number(spec, key, value, min: 0);
                    break;
                case "retry-after":
                    retryAfter = Number(spec, key, value, min: 0);
                    break;
                case "retry-after-ms":
                    retryAfterMs = Number(spec, key, value, min: 0);
                    break;
                case "status":
                    status = (int)Number(spec, key, value, min: 500);
                    break;
                case "should-retry":
                    shouldRetry = value switch
                    {
                        "true" => true,
                        "false" => false,
                        _ => throw new WorkbookException($"fault '{spec}': should-retry must be true or false, got '{value}'"),
                    };
                    break;
                default:
                    throw new WorkbookException($"fault '{spec}': unknown key '{key}' (times, path, ms, retry-after, retry-after-ms, status, should-retry)");
            }
        }

        if (kind == SandboxFaultKind.Latency && latencyMs is null)
        {
            throw new WorkbookException($"fault '{spec}': latency needs ms=<milliseconds>");
        }

        return new SandboxFault
        {
            Kind = kind,
            Times = times,
            PathContains = path,
            Latency = TimeSpan.FromMilliseconds(latencyMs ?? 0),
            RetryAfterSeconds = retryAfter,
            RetryAfterMilliseconds = retryAfterMs,
            Status = status,
            ShouldRetry = shouldRetry,
        };
    }

    /// <summary>The kinds as the CLI spells them.</summary>
    public const string KindNames =
        "latency, rate-limit, server-error, request-timeout, conflict, empty-page, repeated-cursor, malformed-json, drop-connection, length-required";

    public override string ToString() =>
        $"{Kind}{(PathContains is null ? "" : $" on *{PathContains}*")}{(Times is null ? "" : $" x{Times}")}";

    private static double Number(string spec, string key, string value, double min) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number) && number >= min
            ? number
            : throw new WorkbookException($"fault '{spec}': {key} must be a number >= {min.ToString(CultureInfo.InvariantCulture)}, got '{value}'");
}
