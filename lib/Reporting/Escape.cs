using System.Text;

namespace Workbook.Reporting;

/// <summary>Text escaping for HTML and SVG (XML) output: only the characters that must be escaped, so outputs stay readable in diffs.</summary>
public static class Escape
{
    /// <summary>Escapes &amp;, &lt;, &gt; and double quotes (safe in element content and double-quoted attributes).</summary>
    public static string Html(string text)
    {
        if (text.AsSpan().IndexOfAny("&<>\"") < 0)
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            escaped.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                _ => c.ToString(),
            });
        }

        return escaped.ToString();
    }

    /// <summary>XML text and attribute values: the HTML escapes, minus control characters XML 1.0 cannot hold.</summary>
    public static string Xml(string text)
    {
        var escaped = Html(text);
        return escaped.Any(c => c < ' ' && c is not '\t' and not '\n' and not '\r')
            ? new string(escaped.Where(c => c >= ' ' || c is '\t' or '\n' or '\r').ToArray())
            : escaped;
    }
}
