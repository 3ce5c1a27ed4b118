using Microsoft.Data.Sqlite;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Documents;
using Workbook.Notebooks.Model;

namespace Workbook.Notebooks.Running;

public sealed record NotebookRunOptions
{
    public static readonly TimeSpan DefaultCellTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Stop at the first cell with an error output (later code cells are left without outputs).</summary>
    public bool StopOnError { get; init; }

    /// <summary>How long one cell may run. A cell that times out stops the notebook: its half-done state cannot be trusted.</summary>
    public TimeSpan CellTimeout { get; init; } = DefaultCellTimeout;
}

/// <summary>A cell that produced an error output: which one, and the first line of the error.</summary>
public sealed record CellFailure(string Cell, string Message);

public sealed record NotebookRunResult(NotebookFile Notebook, int CellsRun, int CellsNotRun, IReadOnlyList<CellFailure> Failures)
{
    public bool Succeeded => Failures.Count == 0;
}

/// <summary>
/// Runs a notebook headless on the real engine (<see cref="NotebookKernel"/>), cell by cell, and fills in its outputs.
/// Like VS Code, the notebook's folder is the working directory while it runs (so its NuGet.config and relative paths
/// resolve there). Outputs are deterministic: execution counts 1..n, no timestamps, ids and metadata kept. One
/// notebook runs at a time per process: the working directory and the console are process-wide.
/// </summary>
public static class NotebookRunner
{
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    public static Task<NotebookRunResult> RunAsync(string path, NotebookRunOptions options, CancellationToken cancellationToken = default) =>
        RunAsync(NotebookFile.Load(path), options, null, cancellationToken);

    /// <summary>Runs a loaded notebook, filling in its outputs; <paramref name="cellsDone"/> hears the code cells finished so far.</summary>
    public static async Task<NotebookRunResult> RunAsync(NotebookFile notebook, NotebookRunOptions options, Action<int>? cellsDone, CancellationToken cancellationToken = default)
    {
        await OneAtATime.WaitAsync(cancellationToken);
        var previousDirectory = Directory.GetCurrentDirectory();
        var kernel = NotebookKernel.Create();
        var hung = false;
        try
        {
            Directory.SetCurrentDirectory(Path.GetDirectoryName(Path.GetFullPath(notebook.Path))!);
            var failures = new List<CellFailure>();
            var run = 0;
            var notRun = 0;
            var stopped = false;
            foreach (var cell in notebook.CodeCells.ToList())
            {
                cell.Outputs.Clear();
                if (stopped)
                {
                    cell.ExecutionOrder = 0;
                    notRun++;
                    cellsDone?.Invoke(run + notRun);
                    continue;
                }

                var outputs = new CellOutputs();
                var finished = await RunCellAsync(kernel, cell.Contents, cell.KernelName ?? notebook.DefaultKernelName, outputs, options.CellTimeout, cancellationToken);
                cell.ExecutionOrder = ++run;
                cell.Outputs.AddRange(outputs.Outputs);
                if (outputs.FirstError is { } error)
                {
                    failures.Add(new CellFailure(notebook.Label(cell), error));
                    stopped = options.StopOnError;
                }

                hung |= !finished;
                stopped |= !finished;
                cellsDone?.Invoke(run);
            }

            return new NotebookRunResult(notebook, run, notRun, failures);
        }
        finally
        {
            // A hung cell still holds the kernel: leave it to the process's exit rather than wait on its disposal.
            if (!hung)
            {
                kernel.Dispose();
            }

            // Connections are pooled by connection string, and "Data Source=x.db" names a different file in every
            // notebook folder: a pooled connection must never cross notebooks.
            SqliteConnection.ClearAllPools();
            Directory.SetCurrentDirectory(previousDirectory);
            OneAtATime.Release();
        }
    }

    /// <summary>Submits one cell to its kernel and records the events. False when the cell ran past the timeout.</summary>
    private static async Task<bool> RunCellAsync(Microsoft.DotNet.Interactive.CompositeKernel kernel, string code, string kernelName, CellOutputs outputs, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var submission = kernel.SendAsync(new SubmitCode(code, kernelName), cancellationToken);
        if (await Task.WhenAny(submission, Task.Delay(timeout, cancellationToken)) != submission)
        {
            outputs.Error($"The cell did not finish within {timeout.TotalSeconds:0.###} s (--cell-timeout) and was stopped; the rest of the notebook was not run.");
            return false;
        }

        foreach (var kernelEvent in (await submission).Events)
        {
            outputs.Add(kernelEvent);
        }

        return true;
    }
}
