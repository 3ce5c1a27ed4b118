using Spectre.Console;

namespace Workbook.Cli;

/// <summary>
/// The one progress bar of the CLI: drawn on stderr, and only when stderr is a terminal, so redirected
/// output and CI logs stay clean. Library code reports through <see cref="IProgress{T}"/> and never
/// knows whether a bar is shown.
/// </summary>
public static class CliProgress
{
    /// <summary>
    /// Runs <paramref name="work"/>, showing a bar for <paramref name="total"/> units when the context is
    /// interactive and <paramref name="show"/> is true (callers pass false for small inputs).
    /// </summary>
    public static async Task<T> RunAsync<T>(CliContext context, string description, double total, bool show, Func<IProgress<double>, Task<T>> work)
    {
        if (!context.Interactive || !show)
        {
            return await work(new Progress<double>(_ => { }));
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        T result = default!;
        await console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask(description, maxValue: Math.Max(total, 1));
                result = await work(new SynchronousProgress(value => task.Value = value));
            });
        return result;
    }

    public static T Run<T>(CliContext context, string description, double total, bool show, Func<IProgress<double>, T> work) =>
        RunAsync(context, description, total, show, progress => Task.FromResult(work(progress))).GetAwaiter().GetResult();

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; would post to the thread pool and lag behind).</summary>
    private sealed class SynchronousProgress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
