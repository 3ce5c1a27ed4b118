namespace Workbook.Core;

/// <summary>
/// Bad input data: names the file, the 1-based line and the field, so a user can go straight to the cell.
/// Thrown by every loader; the CLI turns it into one line on stderr and exit code 1.
/// </summary>
public sealed class InputDataException : WorkbookException
{
    public InputDataException(string file, long line, string? field, string problem)
        : base(Describe(file, line, field, problem))
    {
        File = file;
        Line = line;
        Field = field;
        Problem = problem;
    }

    public string File { get; }

    /// <summary>1-based physical line; 0 when the problem concerns the whole file (missing, empty).</summary>
    public long Line { get; }

    public string? Field { get; }

    public string Problem { get; }

    /// <summary>The message: "file:line: column 'field': problem" (what a loader reports for a row it skips, too).</summary>
    public static string Describe(string file, long line, string? field, string problem)
    {
        var where = line > 0 ? $"{file}:{line}" : file;
        return field is null ? $"{where}: {problem}" : $"{where}: column '{field}': {problem}";
    }
}

/// <summary>An expected failure with a message meant for the user (no stack trace needed).</summary>
public class WorkbookException : Exception
{
    public WorkbookException(string message) : base(message) { }

    public WorkbookException(string message, Exception inner) : base(message, inner) { }
}
