namespace Workbook.Cli;

/// <summary>
/// What a command may touch of the outside world: the clock, the two output streams and the environment.
/// Tests build their own to run commands in-process with a fixed clock and captured output.
/// </summary>
public sealed record CliContext(
    TimeProvider Clock,
    TextWriter Out,
    TextWriter Err,
    bool Interactive,
    Func<string, string?> GetEnvironmentVariable)
{
    public static CliContext FromConsole() => new(
        TimeProvider.System,
        Console.Out,
        Console.Error,
        Interactive: !Console.IsErrorRedirected,
        Environment.GetEnvironmentVariable);
}

/// <summary>The program's exit codes.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The work failed: bad input data, an API error, a customer row that could not be filled.</summary>
    public const int Failed = 1;

    /// <summary>The command line itself was wrong: unknown command, missing or malformed option.</summary>
    public const int Usage = 2;
}
