using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workbook.Notebooks.Model;

/// <summary>
/// Writes notebook JSON byte for byte as VS Code's ipynb serializer does, so that a notebook saved by
/// `workbook notebooks run` and re-saved in VS Code gives no diff: keys sorted (ordinal, recursively), one-space
/// indentation, JSON.stringify's escaping (only quotes, backslashes and control characters; no \u escapes for
/// HTML-sensitive or non-ASCII characters), LF line ends and a final newline.
/// </summary>
public static class NotebookJson
{
    public static string Write(JsonNode root)
    {
        var json = new StringBuilder(1 << 16);
        WriteNode(json, root, 0);
        json.Append('\n');
        return json.ToString();
    }

    /// <summary>
    /// Splits text into the line array nbformat stores (VS Code's splitMultilineString): every line keeps its "\n"
    /// except the last, an empty last line is dropped, and empty text is an empty array.
    /// </summary>
    public static JsonArray Lines(string text)
    {
        var lines = new JsonArray();
        var normalized = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        var start = 0;
        while (start < normalized.Length)
        {
            var end = normalized.IndexOf('\n', start);
            if (end < 0)
            {
                lines.Add(normalized[start..]);
                break;
            }

            lines.Add(normalized[start..(end + 1)]);
            start = end + 1;
        }

        return lines;
    }

    /// <summary>The text of a multiline string field: a string, or an array of strings joined as they are.</summary>
    public static string Text(JsonNode? node) => node switch
    {
        null => "",
        JsonArray lines => string.Concat(lines.Select(l => l?.GetValue<string>() ?? "")),
        JsonValue value when value.TryGetValue<string>(out var s) => s,
        _ => node.ToJsonString(),
    };

    private static void WriteNode(StringBuilder json, JsonNode? node, int depth)
    {
        switch (node)
        {
            case null:
                json.Append("null");
                break;
            case JsonObject obj:
                WriteObject(json, obj, depth);
                break;
            case JsonArray array:
                WriteArray(json, array, depth);
                break;
            case JsonValue value:
                WriteValue(json, value);
                break;
        }
    }

    private static void WriteObject(StringBuilder json, JsonObject obj, int depth)
    {
        if (obj.Count == 0)
        {
            json.Append("{}");
            return;
        }

        json.Append("{\n");
        var first = true;
        foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!first)
            {
                json.Append(",\n");
            }

            first = false;
            Indent(json, depth + 1);
            WriteString(json, key);
            json.Append(": ");
            WriteNode(json, value, depth + 1);
        }

        json.Append('\n');
        Indent(json, depth);
        json.Append('}');
    }

    private static void WriteArray(StringBuilder json, JsonArray array, int depth)
    {
        if (array.Count == 0)
        {
            json.Append("[]");
            return;
        }

        json.Append("[\n");
        for (var i = 0; i < array.Count; i++)
        {
            if (i > 0)
            {
                json.Append(",\n");
            }

            Indent(json, depth + 1);
            WriteNode(json, array[i], depth + 1);
        }

        json.Append('\n');
        Indent(json, depth);
        json.Append(']');
    }

    private static void WriteValue(StringBuilder json, JsonValue value)
    {
        if (value.TryGetValue<string>(out var s))
        {
            WriteString(json, s);
            return;
        }

        if (value.TryGetValue<JsonElement>(out var element))
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    WriteString(json, element.GetString()!);
                    return;
                case JsonValueKind.True:
                    json.Append("true");
                    return;
                case JsonValueKind.False:
                    json.Append("false");
                    return;
                case JsonValueKind.Null:
                    json.Append("null");
                    return;
                default:
                    json.Append(element.GetRawText());
                    return;
            }
        }

        json.Append(value switch
        {
            _ when value.TryGetValue<bool>(out var b) => b ? "true" : "false",
            _ when value.TryGetValue<int>(out var i) => i.ToString(CultureInfo.InvariantCulture),
            _ when value.TryGetValue<long>(out var l) => l.ToString(CultureInfo.InvariantCulture),
            _ when value.TryGetValue<double>(out var d) => d.ToString("R", CultureInfo.InvariantCulture),
            _ when value.TryGetValue<decimal>(out var m) => m.ToString(CultureInfo.InvariantCulture),
            _ => value.ToJsonString(),
        });
    }

    /// <summary>A string literal escaped as JavaScript's JSON.stringify does.</summary>
    private static void WriteString(StringBuilder json, string text)
    {
        json.Append('"');
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '"':
                    json.Append("\\\"");
                    break;
                case '\\':
                    json.Append("\\\\");
                    break;
                case '\b':
                    json.Append("\\b");
                    break;
                case '\f':
                    json.Append("\\f");
                    break;
                case '\n':
                    json.Append("\\n");
                    break;
                case '\r':
                    json.Append("\\r");
                    break;
                case '\t':
                    json.Append("\\t");
                    break;
                default:
                    var loneSurrogate = char.IsHighSurrogate(c) ? !(i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                        : char.IsLowSurrogate(c) && !(i > 0 && char.IsHighSurrogate(text[i - 1]));
                    if (c < ' ' || loneSurrogate)
                    {
                        json.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        json.Append(c);
                    }

                    break;
            }
        }

        json.Append('"');
    }

    private static void Indent(StringBuilder json, int depth) => json.Append(' ', depth);
}
