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
    /// Parses the CLI form <c>kind[:key=value,...]</c>. Kinds: latency, rate-limit, server-error, empty-page,
    /// repeated-cursor, malformed-json, drop-connection. Keys: times, path, ms (latency), retry-after (seconds),
    /// retry-after-ms, status (server-error). Example: <c>server-error:times=2,path=/v1/customers/abc,status=503</c>.
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
            var other => throw new WorkbookException(
                $"fault '{spec}': unknown kind '{other}' (latency, rate-limit, server-error, empty-page, repeated-cursor, malformed-json, drop-connection)"),
        };

        int? times = null;
        string? path = null;
        double? latencyMs = null, retryAfter = null, retryAfterMs = null;
        var status = 500;
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
                default:
                    throw new WorkbookException($"fault '{spec}': unknown key '{key}' (times, path, ms, retry-after, retry-after-ms, status)");
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
        };
    }

    public override string ToString() =>
        $"{Kind}{(PathContains is null ? "" : $" on *{PathContains}*")}{(Times is null ? "" : $" x{Times}")}";

    private static double Number(string spec, string key, string value, double min) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number) && number >= min
            ? number
            : throw new WorkbookException($"fault '{spec}': {key} must be a number >= {min.ToString(CultureInfo.InvariantCulture)}, got '{value}'");
}
