namespace Workbook.Reporting;

/// <summary>
/// The header a reader sees for a column or property name. The rule: split the name into words (snake_case,
/// kebab-case, camelCase, PascalCase); capitalise the first word and lower-case the rest; write the known
/// abbreviations in capitals (<c>ARR</c>, <c>ID</c>, <c>CPU</c>, <c>GB</c>, <c>API</c>, <c>CSV</c>, <c>SQL</c>,
/// <c>UTC</c>); a last word <c>usd</c> becomes the unit in brackets, and a first word <c>num</c> reads "Number of".
/// So <c>total_usd</c> → "Total (USD)", <c>CurrentInvoiceUsd</c> → "Current invoice (USD)", <c>HierarchyArr</c> →
/// "Hierarchy ARR", <c>UltimateParentId</c> → "Ultimate parent ID", <c>num_images</c> → "Number of images".
/// A name that already reads as words (it holds a space) is kept as written. Machines read the raw names: the CSV
/// twin of a table and the CSV files keep them.
/// </summary>
public static class ColumnHeaders
{
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "arr", "id", "cpu", "gb", "api", "csv", "sql", "utc", "usd",
    };

    public static string Readable(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Contains(' ', StringComparison.Ordinal) || name.Length == 0)
        {
            return name;
        }

        var words = Words(name);
        if (words.Count == 0)
        {
            return name;
        }

        var unit = words.Count > 1 && words[^1].Equals("usd", StringComparison.OrdinalIgnoreCase) ? " (USD)" : "";
        if (unit.Length > 0)
        {
            words.RemoveAt(words.Count - 1);
        }

        if (words.Count > 1 && words[0].Equals("num", StringComparison.OrdinalIgnoreCase))
        {
            words[0] = "number of";
        }

        var text = words.Select((word, i) => Abbreviations.Contains(word) ? word.ToUpperInvariant() : word.ToLowerInvariant()).ToList();
        text[0] = char.ToUpperInvariant(text[0][0]) + text[0][1..];
        return string.Join(' ', text) + unit;
    }

    /// <summary>The words of a name: separators split, and so does a lower-case letter or digit followed by a capital.</summary>
    private static List<string> Words(string name)
    {
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= name.Length; i++)
        {
            var c = i < name.Length ? name[i] : ' ';
            var boundary = !char.IsLetterOrDigit(c)
                || (i > 0 && char.IsUpper(c) && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1])))
                || (i > 0 && i + 1 < name.Length && char.IsUpper(c) && char.IsUpper(name[i - 1]) && char.IsLower(name[i + 1]));
            if (boundary && start >= 0)
            {
                words.Add(name[start..i]);
                start = -1;
            }

            if (char.IsLetterOrDigit(c) && start < 0)
            {
                start = i;
            }
        }

        return words;
    }
}
