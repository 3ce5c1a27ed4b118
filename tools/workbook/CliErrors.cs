using System.Data.Common;
using System.Globalization;
using System.Text;
using Workbook.Core;

namespace Workbook.Cli;

/// <summary>
/// The one place a failure becomes what the user sees: exit code 2 for a request that cannot be carried out as asked,
/// 1 for everything else (data, files, network, databases), and one line saying what and where, never a stack trace
/// unless --verbose asks for one.
/// </summary>
internal static class CliErrors
{
    public const string VerboseOption = "--verbose";

    /// <summary>The exit code and the message line for <paramref name="error"/>.</summary>
    public static (int ExitCode, string Message) Describe(Exception error)
    {
        error = Unwrap(error);
        return error switch
        {
            UsageException => (ExitCodes.Usage, error.Message),
            WorkbookException => (ExitCodes.Failed, error.Message),
            OperationCanceledException => (ExitCodes.Failed, "cancelled"),
            DbException => (ExitCodes.Failed, $"the database: {error.Message}"),
            UnauthorizedAccessException or IOException => (ExitCodes.Failed, error.Message),
            HttpRequestException => (ExitCodes.Failed, $"the network: {error.Message}"),
            _ => (ExitCodes.Failed, $"unexpected {error.GetType().Name}: {error.Message} (run with {VerboseOption} for the details)"),
        };
    }

    /// <summary>Writes <paramref name="error"/> as one "error: ..." line (and, verbose, its stack) and returns its exit code.</summary>
    public static int Report(Exception error, TextWriter err, bool verbose)
    {
        var (code, message) = Describe(error);
        err.WriteLine($"error: {OneLine(message)}");
        if (verbose)
        {
            err.WriteLine(error.ToString());
        }

        return code;
    }

    /// <summary>
    /// The text as one printable line: control characters (a terminal's escape sequences, line breaks from a file's
    /// header) are shown as \u escapes instead of acting on the terminal.
    /// </summary>
    public static string OneLine(string text)
    {
        if (!text.AsSpan().ContainsAnyInRange('\0', '\u001F') && !text.AsSpan().ContainsAnyInRange('\u007F', '\u009F'))
        {
            return text;
        }

        var line = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (char.IsControl(c))
            {
                line.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                line.Append(c);
            }
        }

        return line.ToString();
    }

    private static Exception Unwrap(Exception error)
    {
        while (error is AggregateException { InnerExceptions.Count: 1 } aggregate)
        {
            error = aggregate.InnerExceptions[0];
        }

        return error is System.Reflection.TargetInvocationException { InnerException: { } inner } ? Unwrap(inner) : error;
    }
}
