using System.Runtime.CompilerServices;
using Spectre.Console;

namespace Workbook.Cli;

/// <summary>
/// The one progress bar of the CLI: drawn on stderr, and only when stderr is a terminal, so redirected
/// output and CI logs stay clean. Library code reports through <see cref="IProgress{T}"/> and never
/// knows whether a bar is shown. Without a bar, Spectre.Console is never loaded: every Spectre type is
/// inside <see cref="Bar"/>, which only a drawn bar calls (loading it costs a short command noticeable time).
/// </summary>
public static class CliProgress
{
    /// <summary>
    /// Runs <paramref name="work"/>, showing a bar for <paramref name="total"/> units when the context is
    /// interactive and <paramref name="show"/> is true (callers pass false for small inputs).
    /// </summary>
    public static Task<T> RunAsync<T>(CliContext context, string description, double total, bool show, Func<IProgress<double>, Task<T>> work) =>
        context.Interactive && show ? Bar.ShowAsync(description, total, work) : work(Silent.Instance);

    public static T Run<T>(CliContext context, string description, double total, bool show, Func<IProgress<double>, T> work) =>
        context.Interactive && show
            ? Bar.ShowAsync(description, total, progress => Task.FromResult(work(progress))).GetAwaiter().GetResult()
            : work(Silent.Instance);

    /// <summary>Progress nobody watches.</summary>
    private sealed class Silent : IProgress<double>
    {
        public static readonly Silent Instance = new();

        public void Report(double value)
        {
        }
    }

    private static class Bar
    {
        [MethodImpl(MethodImplOptions.NoInlining)]
        public static async Task<T> ShowAsync<T>(string description, double total, Func<IProgress<double>, Task<T>> work)
        {
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
    }

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; would post to the thread pool and lag behind).</summary>
    private sealed class SynchronousProgress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
