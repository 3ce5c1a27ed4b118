using System.CommandLine;

namespace Workbook.Cli;

/// <summary>How a command's synchronous work gets the run's cancellation token (Ctrl+C, SIGTERM).</summary>
internal static class CommandActions
{
    /// <summary>
    /// Sets <paramref name="action"/>, which runs on the invoking thread and observes the token: System.CommandLine
    /// passes the token only to its asynchronous action shape, so the work's result is wrapped in a completed task.
    /// </summary>
    public static void SetCancellableAction(this Command command, Func<ParseResult, CancellationToken, int> action) =>
        command.SetAction((parsed, cancellationToken) => Task.FromResult(action(parsed, cancellationToken)));
}
