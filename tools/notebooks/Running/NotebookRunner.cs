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
/// Runs a notebook headless on the real engine, cell by cell, and fills in its outputs. Each notebook gets a kernel
/// process of its own (<see cref="KernelProcess"/>), started in the notebook's folder as VS Code does (so its
/// NuGet.config and relative paths resolve there). A kernel that times out, exits or crashes becomes an error output
/// on the cell that was running and ends that notebook only. Outputs are deterministic: execution counts 1..n, no
/// timestamps, ids and metadata kept.
/// </summary>
public static class NotebookRunner
{
    public static Task<NotebookRunResult> RunAsync(string path, NotebookRunOptions options, CancellationToken cancellationToken = default) =>
        RunAsync(NotebookFile.Load(path), options, null, cancellationToken);

    /// <summary>Runs a loaded notebook, filling in its outputs; <paramref name="cellsDone"/> hears the code cells finished so far.</summary>
    public static async Task<NotebookRunResult> RunAsync(NotebookFile notebook, NotebookRunOptions options, Action<int>? cellsDone, CancellationToken cancellationToken = default)
    {
        await using var kernel = KernelProcess.Start(Path.GetDirectoryName(Path.GetFullPath(notebook.Path))!);
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
            var end = await kernel.RunCellAsync(cell.Contents, cell.KernelName ?? notebook.DefaultKernelName, outputs, options.CellTimeout, cancellationToken);
            cell.ExecutionOrder = ++run;
            cell.Outputs.AddRange(outputs.Outputs);
            if (outputs.FirstError is { } error)
            {
                failures.Add(new CellFailure(notebook.Label(cell), error));
                stopped = options.StopOnError;
            }

            // A kernel that timed out or exited is gone, and with it the state the later cells build on.
            stopped |= end != CellEnd.Finished;
            cellsDone?.Invoke(run);
        }

        return new NotebookRunResult(notebook, run, notRun, failures);
    }
}
