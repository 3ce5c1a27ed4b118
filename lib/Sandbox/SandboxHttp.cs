using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Workbook.Metronome;

namespace Workbook.Sandbox;

/// <summary>An error answer: the status and the <c>{"message": ...}</c> body the API documents.</summary>
internal sealed class SandboxError(int status, string message) : Exception(message)
{
    public int Status { get; } = status;

    public static SandboxError BadRequest(string message) => new(StatusCodes.Status400BadRequest, message);

    public static SandboxError NotFound(string message) => new(StatusCodes.Status404NotFound, message);
}

/// <summary>Reading requests and writing responses the way the API does.</summary>
internal static class SandboxHttp
{
    public static async Task WriteJsonAsync<T>(HttpContext context, T value, SandboxFaults faults, int status = StatusCodes.Status200OK)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        if (status == StatusCodes.Status200OK && faults.TryApply(SandboxFaultKind.MalformedJson, context.Request.Path) is not null)
        {
            // A body that stops mid-object: what a truncating proxy or a buggy server would send.
            await context.Response.WriteAsync("{\"data\": [{\"id\": \"", context.RequestAborted);
            return;
        }

        await JsonSerializer.SerializeAsync(context.Response.Body, value, MetronomeJson.Options, context.RequestAborted);
    }

    public static Task WriteErrorAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, new ErrorBody { Message = message }, MetronomeJson.Options, context.RequestAborted);
    }

    /// <summary>The page size: absent gives <paramref name="fallback"/>; outside [1, max] is a 400.</summary>
    public static int Limit(string? text, int max, int fallback)
    {
        if (text is null)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit >= 1 && limit <= max
            ? limit
            : throw SandboxError.BadRequest($"limit must be an integer between 1 and {max}, got '{text}'");
    }

    public static bool? Bool(HttpRequest request, string name) => request.Query[name].ToString() switch
    {
        "" => null,
        "true" => true,
        "false" => false,
        var other => throw SandboxError.BadRequest($"{name} must be true or false, got '{other}'"),
    };

    public static DateTimeOffset? Timestamp(HttpRequest request, string name)
    {
        var text = request.Query[name].ToString();
        if (text.Length == 0)
        {
            return null;
        }

        return MetronomeJson.TryParseTimestamp(text, out var value)
            ? value
            : throw SandboxError.BadRequest($"{name} must be an RFC 3339 timestamp, got '{text}'");
    }

    /// <summary>An array parameter, accepted both comma-joined (as the SDKs send it) and as repeated keys.</summary>
    public static IReadOnlyList<string> List(StringValues values) =>
        values.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();

    /// <summary>The JSON body as <typeparamref name="T"/>; an empty body is <paramref name="empty"/> (null: required).</summary>
    public static async Task<T> BodyAsync<T>(HttpContext context, T? empty)
        where T : class
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        if (buffer.Length == 0)
        {
            return empty ?? throw SandboxError.BadRequest("a JSON body is required");
        }

        try
        {
            buffer.Position = 0;
            return await JsonSerializer.DeserializeAsync<T>(buffer, MetronomeJson.Options, context.RequestAborted)
                ?? throw SandboxError.BadRequest("the body must be a JSON object");
        }
        catch (JsonException error)
        {
            throw SandboxError.BadRequest($"invalid JSON body: {error.Message}");
        }
    }
}
