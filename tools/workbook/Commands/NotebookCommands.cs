using System.CommandLine;
using System.Globalization;
using Workbook.Core;
using Workbook.Notebooks.Export;
using Workbook.Notebooks.Model;
using Workbook.Notebooks.Running;

namespace Workbook.Cli.Commands;

/// <summary>`workbook notebooks run` and `workbook notebooks export`.</summary>
internal static class NotebookCommands
{
    /// <summary>A day: beyond that a "timeout" is a typo.</summary>
    private const double MaxCellTimeoutSeconds = 86_400;

    public static Command Create(CliContext context)
    {
        var notebooks = new Command("notebooks", "Execute the workbook's notebooks headless, or export them as a static HTML site.");
        notebooks.Subcommands.Add(CreateRun(context));
        notebooks.Subcommands.Add(CreateExport(context));
        return notebooks;
    }

    private static Argument<string[]> PathsArgument() => new("paths")
    {
        Description = "Notebooks (.ipynb) to process, in order. Default: the repository's notebooks/*.ipynb, sorted by name.",
        Arity = ArgumentArity.ZeroOrMore,
    };

    private static Command CreateRun(CliContext context)
    {
        var paths = PathsArgument();
        var inPlace = new Option<bool>("--in-place") { Description = "Write the outputs into the notebooks themselves." };
        var output = new Option<string?>("--out") { Description = "Write the executed notebooks into this folder instead (same file names).", HelpName = "DIR" };
        var stopOnError = new Option<bool>("--stop-on-error") { Description = "Stop a notebook at its first cell with an error; later cells are left without outputs." };
        var cellTimeout = new Option<double>("--cell-timeout")
        {
            Description = "Seconds one cell may run before it is recorded as an error and the notebook stops.",
            DefaultValueFactory = _ => NotebookRunOptions.DefaultCellTimeout.TotalSeconds,
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 && seconds <= MaxCellTimeoutSeconds)
                {
                    return seconds;
                }

                result.AddError($"--cell-timeout must be a positive number of seconds (at most {MaxCellTimeoutSeconds}), not '{text}'");
                return 0;
            },
            HelpName = "SECONDS",
        };

        var run = new Command("run", "Execute notebooks cell by cell on the .NET Interactive engine (a kernel process per notebook, as VS Code runs it) and store their outputs. "
            + "Exit code 1 when any cell produced an error output, or a kernel exited or crashed (recorded on the cell that was running; the other notebooks still run).");
        run.Arguments.Add(paths);
        run.Options.Add(inPlace);
        run.Options.Add(output);
        run.Options.Add(stopOnError);
        run.Options.Add(cellTimeout);
        run.Validators.Add(result =>
        {
            var place = result.GetValue(inPlace);
            var folder = result.GetValue(output);
            if (place == (folder is not null))
            {
                result.AddError("give exactly one of --in-place or --out DIR");
            }
        });

        run.SetAction(async (parsed, cancellationToken) =>
        {
            var options = new NotebookRunOptions
            {
                StopOnError = parsed.GetValue(stopOnError),
                CellTimeout = TimeSpan.FromSeconds(parsed.GetValue(cellTimeout)),
            };
            var succeeded = await RunNotebooksAsync(context, NotebookFiles(parsed.GetValue(paths)), parsed.GetValue(output), options, cancellationToken);
            return succeeded ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return run;
    }

    private static Command CreateExport(CliContext context)
    {
        var paths = PathsArgument();
        var output = new Option<string>("--out") { Description = "Folder of the site: index.html and one page per notebook.", Required = true, HelpName = "DIR" };
        var export = new Command("export", "Write notebooks, with their stored outputs, as a static HTML walkthrough (no network, no JavaScript).");
        export.Arguments.Add(paths);
        export.Options.Add(output);
        export.SetAction(parsed =>
        {
            var written = SiteExporter.Export(NotebookFiles(parsed.GetValue(paths)), parsed.GetValue(output)!);
            foreach (var file in written)
            {
                context.Out.WriteLine($"wrote {Display(file)}");
            }

            return ExitCodes.Ok;
        });
        return export;
    }

    /// <summary>
    /// Runs notebooks in order and writes each, executed, into <paramref name="outFolder"/> (same file name) or back
    /// in place when it is null. Every notebook is read before any runs, so a bad file fails before work is done.
    /// Prints a line per notebook and one per failed cell; false when any cell errored. (`run-all` calls this too.)
    /// </summary>
    internal static async Task<bool> RunNotebooksAsync(CliContext context, IReadOnlyList<string> files, string? outFolder, NotebookRunOptions options, CancellationToken cancellationToken)
    {
        var targets = files.Select(f => outFolder is null ? f : Path.Combine(outFolder, Path.GetFileName(f))).ToList();
        if (targets.Distinct(StringComparer.Ordinal).Count() != targets.Count)
        {
            throw new WorkbookException("two notebooks have the same file name and would overwrite each other in --out: run them separately");
        }

        if (outFolder is not null)
        {
            foreach (var target in targets)
            {
                AtomicFile.EnsureNotAnInput(target, [.. files]);
            }
        }

        var notebooks = files.Select(NotebookFile.Load).ToList();
        // One line per notebook once it has run.
        var succeeded = true;
        for (var i = 0; i < notebooks.Count; i++)
        {
            var result = await NotebookRunner.RunAsync(notebooks[i], options, null, cancellationToken);
            AtomicFile.WriteAllText(targets[i], result.Notebook.ToJson());
            var notRun = result.CellsNotRun > 0 ? $", {result.CellsNotRun} not run" : "";
            context.Out.WriteLine($"{Display(files[i])}: {result.CellsRun} code cells run, {result.Failures.Count} with errors{notRun} -> {Display(targets[i])}");
            foreach (var failure in result.Failures)
            {
                context.Err.WriteLine($"error: {Display(files[i])}: {failure.Cell}: {failure.Message}");
            }

            succeeded &= result.Succeeded;
        }

        return succeeded;
    }

    /// <summary>The notebooks named, or the repository's notebooks/*.ipynb in name order.</summary>
    internal static List<string> NotebookFiles(string[]? paths)
    {
        if (paths is { Length: > 0 })
        {
            foreach (var path in paths.Where(p => !File.Exists(p)))
            {
                throw new InputDataException(path, 0, null, "notebook not found");
            }

            return [.. paths];
        }

        var folder = RepoPaths.TryFind("notebooks")
            ?? throw new WorkbookException("no notebooks given, and no repository notebooks/ folder found (run inside the checkout or name the .ipynb files)");
        var found = Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.ipynb").Order(StringComparer.Ordinal).ToList()
            : [];
        return found.Count > 0 ? found : throw new WorkbookException($"no notebooks (*.ipynb) in {folder}");
    }

    private static string Display(string path)
    {
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), Path.GetFullPath(path));
        return relative.StartsWith("..", StringComparison.Ordinal) ? Path.GetFullPath(path) : relative;
    }
}
