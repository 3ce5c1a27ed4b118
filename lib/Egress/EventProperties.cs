using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Workbook.Egress;

/// <summary>
/// Event properties as the export writes them, <c>{key=value, key=value}</c> (a map's toString, not JSON),
/// turned into a JSON object so SQL can use json_extract. A value that is a JSON number becomes a number,
/// anything else a string. Properties already written as a JSON object are kept as they are.
/// </summary>
public static partial class EventProperties
{
    /// <summary>The JSON object for <paramref name="raw"/>; a <see cref="FormatException"/> says what is wrong.</summary>
    public static string ToJson(string raw)
    {
        var text = raw.Trim();
        if (text.Length < 2 || text[0] != '{' || text[^1] != '}')
        {
            throw new FormatException("expected {key=value, ...}");
        }

        if (text.Length > 2 && text.AsSpan(1).TrimStart().StartsWith("\""))
        {
            return ValidJsonObject(text);
        }

        var buffer = new ArrayBufferWriter<byte>(text.Length + 32);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (key, value) in Pairs(text[1..^1]))
            {
                if (!seen.Add(key))
                {
                    throw new FormatException($"the key '{key}' appears twice");
                }

                json.WritePropertyName(key);
                if (JsonNumber().IsMatch(value))
                {
                    json.WriteRawValue(value, skipInputValidation: true);
                }
                else
                {
                    json.WriteStringValue(value);
                }
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// Splits on ", " between pairs. The format has no escaping: a segment without '=' is taken to continue
    /// the previous value (a value that itself contained ", ").
    /// </summary>
    private static List<(string Key, string Value)> Pairs(string body)
    {
        var pairs = new List<(string Key, string Value)>();
        if (body.Trim().Length == 0)
        {
            return pairs;
        }

        foreach (var segment in body.Split(", "))
        {
            var eq = segment.IndexOf('=');
            if (eq > 0)
            {
                pairs.Add((segment[..eq].Trim(), segment[(eq + 1)..]));
            }
            else if (pairs.Count > 0)
            {
                pairs[^1] = (pairs[^1].Key, pairs[^1].Value + ", " + segment);
            }
            else
            {
                throw new FormatException($"expected key=value, found '{segment}'");
            }
        }

        return pairs;
    }

    private static string ValidJsonObject(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? text
                : throw new FormatException("expected a JSON object");
        }
        catch (JsonException error)
        {
            throw new FormatException($"not valid JSON ({error.Message})");
        }
    }

    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex JsonNumber();
}
