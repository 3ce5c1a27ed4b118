namespace Workbook.Notebooks.Running;

/// <summary>A run of a cell's lines on one kernel; <see cref="FirstLine"/> is its 0-based line in the cell.</summary>
internal sealed record CellSegment(string Kernel, string Code, int FirstLine);

/// <summary>
/// Splits a cell at kernel-selector lines (<c>#!csharp</c>, <c>#!sql-egress</c>...), which switch kernels at the start
/// of any line in Polyglot Notebooks, not only on the first line.
/// </summary>
internal static class CellSegments
{
    private static readonly string[] CSharpNames = ["csharp", "c#", "C#"];

    // Polyglot's other kernels: recognised as selectors so that a cell on one of them is reported as unsupported,
    // instead of its first line being taken for an unknown magic command.
    private static readonly string[] OtherKernels = ["fsharp", "f#", "F#", "pwsh", "powershell", "javascript", "js", "html", "mermaid", "markdown", "md", "value", "http", "kql", "sql", "python"];

    public static IReadOnlyList<CellSegment> Split(string source, string cellKernel, IReadOnlyDictionary<string, string> aliases)
    {
        var lines = source.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var segments = new List<CellSegment>();
        var kernel = Canonical(cellKernel, aliases) ?? cellKernel;
        var start = 0;
        for (var i = 0; i <= lines.Length; i++)
        {
            var selector = i < lines.Length ? Selector(lines[i], aliases) : null;
            if (i < lines.Length && selector is null)
            {
                continue;
            }

            var code = string.Join("\n", lines[start..i]);
            if (code.Trim().Length > 0)
            {
                segments.Add(new CellSegment(kernel, code, start));
            }

            if (selector is not null)
            {
                kernel = selector;
                start = i + 1;
            }
        }

        return segments;
    }

    /// <summary>The kernel a "#!name" line selects, or null when the line is not a kernel selector.</summary>
    private static string? Selector(string line, IReadOnlyDictionary<string, string> aliases)
    {
        var trimmed = line.Trim();
        return trimmed.StartsWith("#!", StringComparison.Ordinal) && !trimmed.Contains(' ', StringComparison.Ordinal)
            ? Canonical(trimmed[2..], aliases)
            : null;
    }

    public static string? Canonical(string name, IReadOnlyDictionary<string, string> aliases)
    {
        if (CSharpNames.Contains(name, StringComparer.Ordinal))
        {
            return "csharp";
        }

        if (aliases.TryGetValue(name, out var aliased))
        {
            return Canonical(aliased, new Dictionary<string, string>()) ?? aliased;
        }

        return name.StartsWith("sql-", StringComparison.Ordinal) || name.StartsWith("kql-", StringComparison.Ordinal) || OtherKernels.Contains(name, StringComparer.Ordinal)
            ? name
            : null;
    }
}
