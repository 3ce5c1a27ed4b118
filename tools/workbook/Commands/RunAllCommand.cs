using System.CommandLine;
using System.Globalization;
using Workbook.Arr;
using Workbook.Core;
using Workbook.Egress;
using Workbook.Reporting;

namespace Workbook.Cli.Commands;

/// <summary>
/// `workbook run-all`: every deliverable in one go. Each step is one of the workbook's own commands, run in-process
/// through the same command tree a user types into, so run-all adds no second implementation of anything: it picks
/// the inputs (the exercise data when present, else generated data, and says which), runs the steps in order, keeps
/// going after a failed step, and ends with a summary of what was written and the answers the notebooks computed.
/// From the data export (not a generated one) and the sandbox (no token), it also refreshes the committed
/// deliverables in results/ (see <see cref="RefreshResults"/>), which CI compares with the committed copies.
/// </summary>
internal static class RunAllCommand
{
    /// <summary>The ARR as-of date when none is given: the challenge data's subscriptions end by 2025, so "today" gives 0.</summary>
    public static readonly DateOnly DefaultArrAsOf = new(2023, 6, 30);

    /// <summary>The committed deliverables' folder, its answers file, and its copy of the Umbrella example's rollup.</summary>
    public const string ResultsFolder = "results";
    public const string AnswersFile = "answers.txt";
    public static readonly string ExampleAccountsFile = Path.Combine("arr-example", ArrInputs.AccountsFile);

    private sealed record Request(string Out, string? Data, string? ArrData, DateOnly AsOf, string? Results);

    private sealed record StepResult(string Name, int ExitCode, string Deliverable);

    public static Command Create(CliContext context)
    {
        var output = new Option<string>("--out")
        {
            Description = "Folder for every deliverable (created; files in it are overwritten).",
            DefaultValueFactory = _ => "out",
            HelpName = "DIR",
        };
        var data = new Option<string?>("--data")
        {
            Description = $"The Metronome data export (9 CSVs). Default: {EgressDataFolder.DefaultSearch}; else a generated export.",
            HelpName = "DIR",
        };
        var arrData = new Option<string?>("--arr-data")
        {
            Description = $"Folder with the ARR challenge's {ArrInputs.AccountsFile}, {ArrInputs.SubscriptionsFile} and {ArrInputs.ItemsFile}. Default: arr-data/ when it holds them, else a generated set of {ArrGenerator.DefaultAccounts:N0} accounts.",
            HelpName = "DIR",
        };
        var asOf = CliOptions.Date("--as-of", $"The ARR as-of date. Default: {DefaultArrAsOf:yyyy-MM-dd}, inside the challenge data's subscription terms.");
        var results = new Option<string?>("--results")
        {
            Description = $"Folder of the committed deliverables to refresh (the customer summary, the Part 2 CSVs, the Umbrella example's accounts.csv as of {DefaultArrAsOf:yyyy-MM-dd}, the answers). Default: {ResultsFolder}/ of the checkout. Refreshed only from a data export that was found or given (not generated) and the local sandbox (no Metronome token).",
            HelpName = "DIR",
        };

        var command = new Command("run-all",
            "Produce every deliverable: customer_summary.csv (the Metronome API with METRONOME_BEARER_TOKEN, else the local sandbox), " +
            "the Part 2 CSVs, the ARR rollup's accounts.csv, the executed notebooks and the HTML walkthrough.")
        {
            output, data, arrData, asOf, results,
        };
        command.SetAction((parsed, cancellationToken) => RunAsync(
            context,
            new Request(parsed.GetRequiredValue(output), parsed.GetValue(data), parsed.GetValue(arrData), parsed.GetValue(asOf) ?? DefaultArrAsOf,
                parsed.GetValue(results)),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, Request request, CancellationToken cancellationToken)
    {
        var results = new List<StepResult>();
        var outFolder = request.Out;

        async Task<int> Step(string name, string deliverable, params string[] args)
        {
            context.Out.WriteLine();
            context.Out.WriteLine($"== {name}: workbook {string.Join(' ', args.Select(Quote))}");
            var code = await WorkbookCli.RunAsync(args, context, cancellationToken);
            results.Add(new StepResult(name, code, deliverable));
            return code;
        }

        // Inputs: the exercise data where it is, generated data where it is not, and the summary says which.
        var egressData = request.Data ?? EgressDataFolder.TryResolve(context.GetEnvironmentVariable);
        var generatedExport = egressData is null;
        if (egressData is null)
        {
            egressData = Path.Combine(outFolder, "generated", "egress");
            await Step("Generate a Metronome export (no exercise data found)", egressData, "generate", "egress", "--out", egressData);
        }

        var arrData = request.ArrData ?? (HasArrFiles(RepoPaths.TryFind("arr-data")) ? RepoPaths.TryFind("arr-data") : null);
        if (arrData is null)
        {
            arrData = Path.Combine(outFolder, "generated", "arr");
            await Step("Generate ARR input tables (no challenge files in arr-data/)", arrData, "generate", "arr", "--out", arrData);
        }

        var hasToken = !string.IsNullOrWhiteSpace(context.GetEnvironmentVariable(Workbook.Metronome.MetronomeClientOptions.TokenVariable));
        var summaryPath = Path.Combine(outFolder, "customer_summary.csv");
        await Step("Part 1: customer summary", summaryPath,
            hasToken ? ["customer-summary", "--out", summaryPath] : ["customer-summary", "--out", summaryPath, "--data", egressData]);

        var egressOut = Path.Combine(outFolder, "egress");
        await Step("Part 2: the data export in SQL", egressOut + Path.DirectorySeparatorChar, "egress", "--data", egressData, "--out", egressOut);

        var arrOut = Path.Combine(outFolder, "arr");
        await Step($"Part 3: ARR rollup as of {request.AsOf:yyyy-MM-dd}", Path.Combine(arrOut, "accounts.csv"),
            "arr",
            "--accounts", Path.Combine(arrData, ArrInputs.AccountsFile),
            "--subscriptions", Path.Combine(arrData, ArrInputs.SubscriptionsFile),
            "--items", Path.Combine(arrData, ArrInputs.ItemsFile),
            "--as-of", request.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "--out", Path.Combine(arrOut, "accounts.csv"),
            "--details", Path.Combine(arrOut, "account-details.csv"));

        // The notebooks find the export the way `workbook egress` does; point them at the one used above.
        var notebooksOut = Path.Combine(outFolder, "notebooks");
        var previous = Environment.GetEnvironmentVariable(EgressDataFolder.EnvironmentVariable);
        Environment.SetEnvironmentVariable(EgressDataFolder.EnvironmentVariable, Path.GetFullPath(egressData));
        try
        {
            await Step("Notebooks, executed", notebooksOut + Path.DirectorySeparatorChar, "notebooks", "run", "--out", notebooksOut);
        }
        finally
        {
            Environment.SetEnvironmentVariable(EgressDataFolder.EnvironmentVariable, previous);
        }

        var executed = Directory.Exists(notebooksOut) ? Directory.GetFiles(notebooksOut, "*.ipynb").Order(StringComparer.Ordinal).ToArray() : [];
        var siteOut = Path.Combine(outFolder, "site");
        if (executed.Length > 0)
        {
            await Step("HTML walkthrough", Path.Combine(siteOut, "index.html"), ["notebooks", "export", "--out", siteOut, .. executed]);
        }

        // The answers as the notebooks computed them: one source for this summary, results/ and the README.
        var answers = string.Join("\n", executed.Select(NotebookAnswers.Read).OfType<string>());
        var resultsFolder = request.Results ?? RepoPaths.TryFind(ResultsFolder);
        var resultsNote = WhyResultsAreNotRefreshed(resultsFolder is not null, generatedExport, hasToken,
            executed.Length > 0 && results.All(r => r.ExitCode == ExitCodes.Ok));
        if (resultsNote is null && resultsFolder is not null)
        {
            var example = await Step("Committed deliverables (results/): the Umbrella example, then copies of the above",
                resultsFolder + Path.DirectorySeparatorChar,
                "arr",
                "--accounts", Path.Combine(ExampleFolder(), ArrInputs.AccountsFile),
                "--subscriptions", Path.Combine(ExampleFolder(), ArrInputs.SubscriptionsFile),
                "--items", Path.Combine(ExampleFolder(), ArrInputs.ItemsFile),
                "--as-of", DefaultArrAsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                "--out", Path.Combine(resultsFolder, ExampleAccountsFile));
            if (example == ExitCodes.Ok)
            {
                RefreshResults(resultsFolder, summaryPath, egressOut, answers);
            }
        }

        WriteSummary(context, results, egressData, arrData, hasToken, resultsNote, answers);
        return results.All(r => r.ExitCode == ExitCodes.Ok) && executed.Length > 0 ? ExitCodes.Ok : ExitCodes.Failed;
    }

    /// <summary>
    /// Null when results/ is to be refreshed: the committed deliverables come from a data export that was found or
    /// given (a generated one is not the exercise's), through the local sandbox (the real API's answers are not the
    /// committed ones), from a run whose every step succeeded.
    /// </summary>
    internal static string? WhyResultsAreNotRefreshed(bool hasFolder, bool generatedExport, bool hasToken, bool allStepsOk) =>
        !hasFolder ? "not refreshed: no checkout (give --results DIR)"
        : generatedExport ? "not refreshed: this run used a generated export, not the exercise's"
        : hasToken ? "not refreshed: this run queried the real Metronome API, not the sandbox"
        : !allStepsOk ? "not refreshed: a step failed"
        : null;

    private static string ExampleFolder() => RepoPaths.TryFind(Path.Combine("arr-data", "example"))
        ?? throw new InvalidOperationException("arr-data/example is part of the checkout");

    /// <summary>
    /// The deliverables a reviewer opens on GitHub without running anything, copied byte for byte from this run's
    /// outputs (each file replaced atomically): the customer summary, the Part 2 answer CSVs, and the notebooks'
    /// answers. (The Umbrella example's accounts.csv is written there by its own `arr` step.)
    /// </summary>
    private static void RefreshResults(string resultsFolder, string summaryPath, string egressOut, string answers)
    {
        Copy(summaryPath, Path.Combine(resultsFolder, Path.GetFileName(summaryPath)));
        foreach (var file in EgressReport.Files)
        {
            Copy(Path.Combine(egressOut, file), Path.Combine(resultsFolder, "egress", file));
        }

        AtomicFile.WriteAllText(Path.Combine(resultsFolder, AnswersFile), answers);
    }

    private static void Copy(string from, string to) => AtomicFile.Write(to, target =>
    {
        using var source = File.OpenRead(from);
        source.CopyTo(target);
    });

    private static void WriteSummary(CliContext context, IReadOnlyList<StepResult> results, string egressData, string arrData, bool hasToken,
        string? resultsNote, string answers)
    {
        context.Out.WriteLine();
        context.Out.WriteLine("== run-all summary");
        context.Out.WriteLine($"  Metronome export: {egressData}");
        context.Out.WriteLine($"  ARR inputs:       {arrData}");
        context.Out.WriteLine($"  Metronome API:    {(hasToken ? "the real API (METRONOME_BEARER_TOKEN is set)" : "the local sandbox seeded from the export")}");
        foreach (var result in results)
        {
            var status = result.ExitCode == ExitCodes.Ok ? "ok    " : $"FAILED (exit {result.ExitCode})";
            context.Out.WriteLine($"  {status}  {result.Name}: {result.Deliverable}");
        }

        if (resultsNote is not null)
        {
            context.Out.WriteLine($"  results/ {resultsNote}");
        }

        context.Out.WriteLine();
        context.Out.WriteLine("== answers (as the notebooks computed them)");
        context.Out.Write(answers.Length > 0 ? answers : "none: the notebooks did not run\n");
    }

    private static bool HasArrFiles(string? folder) =>
        folder is not null && new[] { ArrInputs.AccountsFile, ArrInputs.SubscriptionsFile, ArrInputs.ItemsFile }.All(f => File.Exists(Path.Combine(folder, f)));

    private static string Quote(string arg) => arg.Contains(' ', StringComparison.Ordinal) ? $"\"{arg}\"" : arg;
}
