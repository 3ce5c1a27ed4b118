using System.Text;
using System.Text.Json;

namespace Workbook.Metronome;

/// <summary>
/// Says why a successful (2xx) response's body could not be read as the documented JSON, in words a user can act
/// on: not JSON at all (a proxy's HTML page), JSON cut off part-way, an error body sent with a 2xx status, or JSON
/// of the wrong shape (a missing required field, an unknown enum value). The transport puts the endpoint in front.
/// </summary>
internal static class ResponseBodyProblem
{
    private const int MaxExcerpt = 200;

    public static string Describe(HttpResponseMessage response, byte[] body, JsonException error, SecretRedactor redactor)
    {
        var status = $"{(int)response.StatusCode} {response.ReasonPhrase}".TrimEnd();
        var contentType = response.Content.Headers.ContentType?.MediaType ?? "no content type";
        var text = Encoding.UTF8.GetString(body).Trim();
        if (text.Length == 0)
        {
            return $"{status} with an empty body, where JSON was expected";
        }

        if (text[0] is not ('{' or '['))
        {
            return $"{status} with a body that is not JSON ({contentType}): {redactor.Excerpt(text, MaxExcerpt)}";
        }

        if (IsTruncated(body))
        {
            return $"{status} with a JSON body that ends part-way ({body.Length} bytes, truncated)";
        }

        if (ErrorMessage(body) is { } message)
        {
            return $"{status} with an error body instead of data: {redactor.Excerpt(message, MaxExcerpt)}";
        }

        var where = error.Path is { Length: > 0 } path && !error.Message.Contains(path, StringComparison.Ordinal) ? $" at {path}" : "";
        return $"{status} with JSON that is not the documented shape{where}: {error.Message}";
    }

    /// <summary>True when the JSON is well-formed as far as it goes but stops inside an object or array.</summary>
    private static bool IsTruncated(byte[] body)
    {
        var reader = new Utf8JsonReader(body, isFinalBlock: false, state: default);
        try
        {
            while (reader.Read())
            {
            }
        }
        catch (JsonException)
        {
            return false;
        }

        return reader.CurrentDepth > 0 || reader.BytesConsumed < body.Length;
    }

    /// <summary>The <c>message</c> of an object that has one and no <c>data</c>: the API's error shape.</summary>
    private static string? ErrorMessage(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object
                && !root.TryGetProperty("data", out _)
                && root.TryGetProperty("message", out var message)
                && message.ValueKind == JsonValueKind.String
                ? message.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
