using Microsoft.CodeAnalysis;

namespace Workbook.Notebooks.Running;

/// <summary>
/// The text of an error output, made deterministic: compile errors as Roslyn prints them ("(3,5): error CS0103: ..."),
/// runtime errors as the exception's ToString() without file paths and line numbers of compiled code, without the
/// runner's and Roslyn's own frames, and with the notebook's folder written as a relative path.
/// </summary>
internal static class ErrorText
{
    private static readonly string[] HiddenFramePrefixes =
    [
        "at Microsoft.CodeAnalysis.",
        "at System.Runtime.CompilerServices.",
        "at System.Runtime.ExceptionServices.",
        "at System.Threading.",
        "at Workbook.Notebooks.",
        "at System.Reflection.",
        "at System.RuntimeMethodHandle.",
        "--- End of stack trace from previous location ---",
        "--- End of inner exception stack trace ---",
    ];

    public static string FromDiagnostics(IEnumerable<Diagnostic> diagnostics, string notebookFolder) =>
        Relative(string.Join("\n", diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString())), notebookFolder);

    public static string FromException(Exception exception, string notebookFolder)
    {
        var lines = exception.ToString().Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n')
            .Where(line => !HiddenFramePrefixes.Any(prefix => line.TrimStart().StartsWith(prefix, StringComparison.Ordinal)))
            .Select(WithoutSourceLocation);
        return Relative(string.Join("\n", lines).TrimEnd(), notebookFolder);
    }

    /// <summary>"   at A.B() in /home/x/lib/B.cs:line 42" → "   at A.B()": paths and line numbers change with the machine and the build.</summary>
    private static string WithoutSourceLocation(string line)
    {
        if (!line.TrimStart().StartsWith("at ", StringComparison.Ordinal))
        {
            return line;
        }

        var at = line.LastIndexOf(" in ", StringComparison.Ordinal);
        return at > 0 && line.IndexOf(":line ", at, StringComparison.Ordinal) > 0 ? line[..at] : line;
    }

    private static string Relative(string text, string notebookFolder)
    {
        var folder = Path.TrimEndingDirectorySeparator(notebookFolder);
        return text.Replace(folder + Path.DirectorySeparatorChar, "", StringComparison.Ordinal).Replace(folder, ".", StringComparison.Ordinal);
    }
}
