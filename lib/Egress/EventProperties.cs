using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Workbook.Egress;

/// <summary>
/// Event properties as the export writes them, <c>{key=value, key=value}</c> (a map's toString, not JSON),
/// turned into a JSON object so SQL can use json_extract. A value that is a JSON number becomes a number,
/// anything else a string (kept verbatim: '256×256' stays readable). Properties already written as a JSON
/// object are kept as they are.
/// </summary>
public static class EventProperties
{
    private const string Separator = ", ";

    /// <summary>What a JSON string must escape: the quote, the backslash and control characters.</summary>
    private static readonly SearchValues<char> NeedsEscaping =
        SearchValues.Create("\"\\" + string.Concat(Enumerable.Range(0, 32).Select(c => (char)c)));

    /// <summary>The JSON object for <paramref name="raw"/>; a <see cref="FormatException"/> says what is wrong.</summary>
    public static string ToJson(string raw)
    {
        var text = raw.AsSpan().Trim();
        if (text.Length < 2 || text[0] != '{' || text[^1] != '}')
        {
            throw new FormatException("expected {key=value, ...}");
        }

        var body = text[1..^1];
        if (body.TrimStart().StartsWith("\""))
        {
            return ValidJsonObject(text.ToString());
        }

        var json = new StringBuilder(raw.Length + 64).Append('{');
        var keys = new List<Range>();
        if (!body.Trim().IsEmpty)
        {
            // The format has no escaping: a segment without '=' is taken to continue the previous value
            // (a value that itself contained ", "), so a value ends where the next "key=" segment starts.
            var position = 0;
            while (position < body.Length)
            {
                var eq = body[position..].IndexOf('=');
                var next = NextPairStart(body, position);
                var end = next == body.Length ? next : next - Separator.Length;
                if (eq <= 0 || position + eq > end)
                {
                    throw new FormatException($"expected key=value, found '{body[position..end].ToString()}'");
                }

                var key = new Range(position, position + eq);
                var keyText = body[key].Trim();
                foreach (var seen in keys)
                {
                    if (body[seen].Trim().SequenceEqual(keyText))
                    {
                        throw new FormatException($"the key '{keyText.ToString()}' appears twice");
                    }
                }

                keys.Add(key);
                AppendPair(json, keyText, body[(position + eq + 1)..end], first: keys.Count == 1);
                position = next;
            }
        }

        return json.Append('}').ToString();
    }

    /// <summary>Where the pair after the one starting at <paramref name="start"/> starts (or the end of the body).</summary>
    private static int NextPairStart(ReadOnlySpan<char> body, int start)
    {
        var position = start;
        while (true)
        {
            var separator = body[position..].IndexOf(Separator);
            if (separator < 0)
            {
                return body.Length;
            }

            var candidate = position + separator + Separator.Length;
            var segmentEnd = body[candidate..].IndexOf(Separator) is var s and >= 0 ? candidate + s : body.Length;
            if (body[candidate..segmentEnd].IndexOf('=') > 0)
            {
                return candidate;
            }

            position = candidate;
        }
    }

    private static void AppendPair(StringBuilder json, ReadOnlySpan<char> key, ReadOnlySpan<char> value, bool first)
    {
        if (!first)
        {
            json.Append(',');
        }

        AppendString(json, key);
        json.Append(':');
        if (IsJsonNumber(value))
        {
            json.Append(value);
        }
        else
        {
            AppendString(json, value);
        }
    }

    private static void AppendString(StringBuilder json, ReadOnlySpan<char> text)
    {
        json.Append('"');
        for (var special = text.IndexOfAny(NeedsEscaping); special >= 0; special = text.IndexOfAny(NeedsEscaping))
        {
            json.Append(text[..special]);
            var c = text[special];
            json.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                _ => "\\u" + ((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture),
            });
            text = text[(special + 1)..];
        }

        json.Append(text).Append('"');
    }

    /// <summary>JSON's number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?</summary>
    internal static bool IsJsonNumber(ReadOnlySpan<char> text)
    {
        var i = 0;
        if (i < text.Length && text[i] == '-')
        {
            i++;
        }

        if (i >= text.Length || !char.IsAsciiDigit(text[i]) || (text[i] == '0' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
        {
            return false;
        }

        i = Digits(text, i);
        if (i < text.Length && text[i] == '.')
        {
            var start = ++i;
            i = Digits(text, i);
            if (i == start)
            {
                return false;
            }
        }

        if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
        {
            i++;
            if (i < text.Length && (text[i] == '+' || text[i] == '-'))
            {
                i++;
            }

            var start = i;
            i = Digits(text, i);
            if (i == start)
            {
                return false;
            }
        }

        return i == text.Length;
    }

    private static int Digits(ReadOnlySpan<char> text, int i)
    {
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        return i;
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
}
