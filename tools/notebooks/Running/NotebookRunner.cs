using Microsoft.Data.Sqlite;
using Workbook.Notebooks.Model;

namespace Workbook.Notebooks.Running;

public sealed record NotebookRunOptions
{
    public static readonly TimeSpan DefaultCellTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Stop at the first cell with an error output (later code cells are left without outputs).</summary>
    public bool StopOnError { get; init; }

    /// <summary>How long one cell may run. A cell that times out stops the run: its half-done state cannot be trusted.</summary>
    public TimeSpan CellTimeout { get; init; } = DefaultCellTimeout;
}

/// <summary>A cell that produced an error output: which one, and the first line of the error.</summary>
public sealed record CellFailure(string Cell, string Message);

public sealed record NotebookRunResult(Notebook Notebook, int CellsRun, int CellsNotRun, IReadOnlyList<CellFailure> Failures)
{
    public bool Succeeded => Failures.Count == 0;
}

/// <summary>
/// Runs a notebook headless, cell by cell, and fills in its outputs (execution counts 1..n, display_data,
/// stream and error outputs as Polyglot Notebooks writes them). The notebook's folder is the current directory
/// and the base of relative paths while it runs. Outputs hold no timestamps and no machine paths, so the
/// same notebook and data give the same bytes. One notebook runs at a time per process (the current
/// directory and the console are process-wide).
/// </summary>
public static class NotebookRunner
{
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    public static Task<NotebookRunResult> RunAsync(string path, NotebookRunOptions options, CancellationToken cancellationToken = default) =>
        RunAsync(Notebook.Load(path), options, null, cancellationToken);

    /// <summary>
    /// Runs a loaded notebook, filling in its outputs in place. <paramref name="cellsDone"/> is told the number of code
    /// cells finished so far (run or left unrun), for a progress bar.
    /// </summary>
    public static async Task<NotebookRunResult> RunAsync(Notebook notebook, NotebookRunOptions options, Action<int>? cellsDone, CancellationToken cancellationToken = default)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(notebook.Path))!;
        await OneAtATime.WaitAsync(cancellationToken);
        var previousDirectory = Directory.GetCurrentDirectory();
        try
        {
            Directory.SetCurrentDirectory(folder);
            ConsoleCapture.Install();
            // Microsoft.Data.Sqlite pools connections by connection string, and "Data Source=shop.db" names a
            // different file in every notebook folder: a pooled connection must never cross notebooks.
            SqliteConnection.ClearAllPools();
            return await new NotebookSession(notebook, folder, options).RunAsync(cellsDone, cancellationToken);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.SetCurrentDirectory(previousDirectory);
            OneAtATime.Release();
        }
    }
}
