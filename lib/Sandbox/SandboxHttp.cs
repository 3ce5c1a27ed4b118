using System.Globalization;
using System.Text.Unicode;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

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
    /// <summary>A 200 JSON answer written by <paramref name="write"/>, or the malformed-JSON fault's cut-off body.</summary>
    public static async Task WriteJsonAsync(HttpContext context, Action<Utf8JsonWriter> write, SandboxFaults faults)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        if (faults.TryApply(SandboxFaultKind.MalformedJson, context.Request.Path) is not null)
        {
            // A body that stops mid-object: what a truncating proxy or a buggy server would send.
            await context.Response.WriteAsync("{\"data\": [{\"id\": \"", context.RequestAborted);
            return;
        }

        await WriteAsync(context, write);
    }

    public static Task WriteErrorAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return WriteAsync(context, json => SandboxJson.Error(json, message));
    }

    private static async Task WriteAsync(HttpContext context, Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            write(json);
        }

        context.Response.ContentLength = buffer.Length;
        await context.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted);
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

        return SandboxJson.TryParseTimestamp(text, out var value)
            ? value
            : throw SandboxError.BadRequest($"{name} must be an RFC 3339 timestamp, got '{text}'");
    }

    /// <summary>An array parameter, accepted both comma-joined (as the SDKs send it) and as repeated keys.</summary>
    public static IReadOnlyList<string> List(StringValues values) =>
        values.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();

    /// <summary>
    /// The JSON body, whichever way it came (Content-Length or chunked, as any HTTP server accepts); an empty body
    /// is an empty object when <paramref name="required"/> is false.
    /// </summary>
    public static async Task<SandboxBody> BodyAsync(HttpContext context, bool required)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        if (buffer.Length == 0)
        {
            return required ? throw SandboxError.BadRequest("a JSON body is required") : new SandboxBody(default);
        }

        // JSON parsers check a string's UTF-8 only when it is read: checked here, the whole body once, so bad bytes
        // are the client's 400 rather than the server's 500 at the first field read.
        if (!Utf8.IsValid(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)))
        {
            throw SandboxError.BadRequest("the body is not valid UTF-8");
        }

        try
        {
            using var document = JsonDocument.Parse(buffer.ToArray());
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? new SandboxBody(document.RootElement.Clone())
                : throw SandboxError.BadRequest("the body must be a JSON object");
        }
        catch (JsonException error)
        {
            throw SandboxError.BadRequest($"invalid JSON body: {error.Message}");
        }
    }
}

/// <summary>A request's JSON object, read by wire name; a field of the wrong type is a 400 naming it.</summary>
internal readonly struct SandboxBody(JsonElement root)
{
    public string? String(string name) =>
        Field(name) is not { } value ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : throw Wrong(name, "a string");

    public bool? Bool(string name) =>
        Field(name) is not { } value ? null
        : value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean()
        : throw Wrong(name, "true or false");

    public int? Int(string name) =>
        Field(name) is not { } value ? null
        : value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number
        : throw Wrong(name, "an integer");

    public DateTimeOffset? Timestamp(string name) =>
        String(name) is not { } text ? null
        : SandboxJson.TryParseTimestamp(text, out var value) ? value
        : throw Wrong(name, "an RFC 3339 timestamp");

    public IReadOnlyList<string> Strings(string name) =>
        Field(name) is not { } value ? []
        : value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String)
            ? [.. value.EnumerateArray().Select(e => e.GetString()!)]
            : throw Wrong(name, "an array of strings");

    private JsonElement? Field(string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static SandboxError Wrong(string name, string expected) => SandboxError.BadRequest($"{name} must be {expected}");
}
