using System.Reflection;
using Microsoft.CodeAnalysis.Scripting;
using Microsoft.Data.Sqlite;
using Workbook.Notebooks.Model;
using Workbook.Notebooks.Shim;
using Workbook.Reporting;

namespace Workbook.Notebooks.Running;

/// <summary>One run of one notebook: its C# script state, its connected SQLite kernels and the packages it referenced.</summary>
internal sealed class NotebookSession(Notebook notebook, string folder, NotebookRunOptions options)
{
    /// <summary>Polyglot's SQLite extension: accepted as the runner's built-in SQLite support.</summary>
    public const string SqliteExtensionPackage = "Microsoft.DotNet.Interactive.SQLite";

    private static readonly Lazy<PackageCatalog> Packages = new(PackageCatalog.ForRunningProgram);

    private readonly CSharpKernel _csharp = new();
    private readonly Dictionary<string, SqliteKernel> _sqlKernels = new(StringComparer.Ordinal);
    private bool _sqliteExtensionLoaded;

    public async Task<NotebookRunResult> RunAsync(Action<int>? cellsDone, CancellationToken cancellationToken)
    {
        var failures = new List<CellFailure>();
        var run = 0;
        var notRun = 0;
        var stopped = false;
        var aliases = notebook.KernelAliases;
        foreach (var cell in notebook.Cells.Where(c => c.IsCode))
        {
            if (stopped)
            {
                cell.SetResult(null, []);
                cellsDone?.Invoke(run + ++notRun);
                continue;
            }

            var outputs = new CellOutputs();
            var finished = await RunCellAsync(cell, aliases, outputs, cancellationToken);
            cell.SetResult(++run, outputs.Close());
            if (outputs.HasError)
            {
                failures.Add(new CellFailure(cell.Label, outputs.FirstError!));
                stopped = options.StopOnError;
            }

            stopped |= !finished;
            cellsDone?.Invoke(run);
        }

        return new NotebookRunResult(notebook, run, notRun, failures);
    }

    /// <summary>Runs a cell's segments in order, stopping at the first error. False when the cell timed out.</summary>
    private async Task<bool> RunCellAsync(NotebookCell cell, IReadOnlyDictionary<string, string> aliases, CellOutputs outputs, CancellationToken cancellationToken)
    {
        foreach (var segment in CellSegments.Split(cell.Source, cell.KernelName ?? notebook.DefaultKernelName, aliases))
        {
            Func<Task>? work = segment.Kernel switch
            {
                "csharp" => () => RunCSharpAsync(segment, outputs, cancellationToken),
                _ when _sqlKernels.TryGetValue(segment.Kernel, out var sql) => () =>
                {
                    sql.Run(segment.Code, outputs, options.CellTimeout);
                    return Task.CompletedTask;
                },
                _ => null,
            };

            if (work is null)
            {
                outputs.Error(segment.Kernel.StartsWith("sql-", StringComparison.Ordinal)
                    ? $"no kernel named {segment.Kernel}: connect it in an earlier cell with #!connect sqlite --kernel-name {segment.Kernel[4..]} \"Data Source=<file>\""
                    : $"the kernel '{segment.Kernel}' is not supported by the workbook runner, which runs C# cells and SQL cells on connected SQLite kernels");
                return true;
            }

            if (!await WithTimeoutAsync(work, outputs, cancellationToken))
            {
                return false;
            }

            if (outputs.HasError)
            {
                return true;
            }
        }

        return true;
    }

    /// <summary>
    /// Runs cell work on its own thread, with the console and display(...) routed to the cell's outputs. A cell that
    /// outlives the timeout is abandoned (.NET cannot stop a thread), recorded as an error, and ends the run.
    /// </summary>
    private async Task<bool> WithTimeoutAsync(Func<Task> work, CellOutputs outputs, CancellationToken cancellationToken)
    {
        var task = Task.Factory.StartNew(
            () =>
            {
                ConsoleCapture.Use(outputs);
                DisplayHost.Use(new CellDisplaySink(outputs));
                return work();
            },
            cancellationToken,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default).Unwrap();

        using var stopWaiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var timeout = Task.Delay(options.CellTimeout, stopWaiting.Token);
        if (await Task.WhenAny(task, timeout) == timeout)
        {
            cancellationToken.ThrowIfCancellationRequested();
            outputs.Error($"the cell did not finish within {options.CellTimeout.TotalSeconds:0.###} s (the cell timeout); the run stops here, since the notebook's state is unknown");
            return false;
        }

        await stopWaiting.CancelAsync();
        try
        {
            await task;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (CompilationErrorException error)
        {
            outputs.Error(ErrorText.FromDiagnostics(error.Diagnostics, folder));
        }
        catch (CellException error)
        {
            outputs.Error(ErrorText.FromException(error.InnerException!, folder));
        }
        catch (Exception error) when (error is DirectiveException or SqliteException)
        {
            outputs.Error(error.Message);
        }
        catch (Exception error)
        {
            outputs.Error(ErrorText.FromException(error, folder));
        }

        return true;
    }

    private async Task RunCSharpAsync(CellSegment segment, CellOutputs outputs, CancellationToken cancellationToken)
    {
        // Leading blank lines keep Roslyn's line numbers those of the cell.
        var (code, directives) = CSharpDirectives.Extract(new string('\n', segment.FirstLine) + segment.Code);
        var installed = new List<string>();
        foreach (var directive in directives)
        {
            switch (directive)
            {
                case Directive.Unsupported unsupported:
                    throw new DirectiveException($"({unsupported.Line + 1}): {unsupported.Message}");
                case Directive.LibraryReference library:
                    _csharp.AddAssemblyWithDependencies(Assembly.Load(new AssemblyName(library.AssemblyName)));
                    break;
                case Directive.NuGetReference package:
                    installed.Add(Reference(package));
                    break;
                case Directive.ConnectSqlite connect:
                    Connect(connect, outputs);
                    break;
            }
        }

        if (installed.Count > 0)
        {
            outputs.Display([new FormattedValue(MimeTypes.Html,
                "<div><strong>Installed Packages</strong><ul>" + string.Concat(installed.Select(p => $"<li><span>{Escape.Html(p)}</span></li>")) + "</ul></div>")]);
        }

        if (code.Trim().Length == 0)
        {
            return;
        }

        var (hasValue, value) = await _csharp.RunAsync(code, cancellationToken);
        // A trailing display(x) (no semicolon) has already shown x: its DisplayedValue is not shown again.
        if (hasValue && value is not DisplayedValue)
        {
            outputs.Display(Formatters.Format(value));
        }
    }

    /// <summary>Binds a NuGet reference to the program's own restored package; returns "Name, Version" for the Installed Packages note.</summary>
    private string Reference(Directive.NuGetReference reference)
    {
        if (string.Equals(reference.Name, SqliteExtensionPackage, StringComparison.OrdinalIgnoreCase))
        {
            // The extension brings Microsoft.Data.Sqlite into the C# kernel; so does the runner.
            _sqliteExtensionLoaded = true;
            if (Packages.Value.Find("Microsoft.Data.Sqlite.Core") is { } sqlite)
            {
                AddPackage(sqlite);
            }

            return $"{SqliteExtensionPackage}, {reference.Version ?? "built in"}";
        }

        var package = Packages.Value.Find(reference.Name, reference.Version, out var problem)
            ?? throw new DirectiveException($"({reference.Line + 1}): {problem}");
        AddPackage(package);
        return $"{package.Name}, {package.Version}";
    }

    private void AddPackage(PackageCatalog.Package package)
    {
        foreach (var assembly in Packages.Value.Load(package))
        {
            _csharp.AddAssemblyWithDependencies(assembly);
        }
    }

    private void Connect(Directive.ConnectSqlite connect, CellOutputs outputs)
    {
        if (!_sqliteExtensionLoaded)
        {
            throw new DirectiveException(
                $"({connect.Line + 1}): #!connect sqlite needs the SQLite extension first, as in Polyglot Notebooks: run a cell with #r \"nuget: {SqliteExtensionPackage}, <version>\" before this one");
        }

        var name = "sql-" + connect.KernelName;
        _sqlKernels[name] = new SqliteKernel(name, connect.ConnectionString);
        notebook.DeclareKernel(name, "SQLite");
        outputs.Display([new FormattedValue(MimeTypes.PlainText, $"Kernel added: #!{name}")]);
    }
}

/// <summary>A directive of a cell that the runner cannot honour; the message is the cell's error.</summary>
internal sealed class DirectiveException(string message) : Exception(message);
