using System.CommandLine;
using System.Globalization;
using Workbook.Arr;
using Workbook.Core;
using Workbook.Sql;

namespace Workbook.Cli.Commands;

/// <summary>Part 3: `workbook arr` (the ARR rollup), `workbook arr movements` and `workbook generate arr`.</summary>
internal static class ArrCommands
{
    /// <summary>The most accounts `generate arr` writes: 13 GB of CSV, which the loaders' int-indexed tables still hold.</summary>
    private const long MaxGeneratedAccounts = 100_000_000;

    /// <summary>Bytes the generator writes per account, the three files together (measured at 250,000: 129), with a margin.</summary>
    private const long GeneratedBytesPerAccount = 140;

    /// <summary>Inputs at least this large get a progress bar (when stderr is a terminal): about 1 s of work.</summary>
    private const long ProgressThresholdBytes = 100L << 20;

    public static Command Create(CliContext context)
    {
        var (accounts, subscriptions, items, lenient) = InputOptions();
        var output = RequiredFile("--out", "Where to write the filled accounts.csv (atomically; never one of the inputs).");
        var asOf = CliOptions.Date("--as-of",
            "The day ARR is measured on (yyyy-MM-dd): subscriptions and items active on it count, both ends inclusive. Default: today (UTC).");
        var details = new Option<string?>("--details")
        {
            Description = "Also write per-account details: depth, subtree_arr (the account plus its descendants), hierarchy_arr and issue flags.",
            HelpName = "file",
        };

        var engines = new EngineOptions([EngineOptions.InMemory, SqlEngine.DuckDb.Name(), SqlEngine.Postgres.Name()], EngineOptions.InMemory,
            "computes the rollup: the in-memory engine, or lib/Arr/Sql/rollup.sql in DuckDB or PostgreSQL (scratch tables, nothing kept)");
        var command = new Command("arr", "Fill ultimate_parent_id, arr and hierarchy_arr in accounts.csv, and print a run summary.")
        {
            accounts, subscriptions, items, asOf, output, lenient, details,
        };
        engines.AddTo(command);
        command.Subcommands.Add(CreateMovements(context));
        command.SetCancellableAction((parsed, cancellationToken) =>
        {
            var engine = engines.EngineOf(parsed);
            var (connection, usage) = engines.Resolve(parsed, context);
            if (usage is not null || (engine is not null && parsed.GetValue(details) is not null))
            {
                context.Err.WriteLine($"error: {usage ?? "--details comes from the in-memory engine: drop --engine, or --details"}");
                return ExitCodes.Usage;
            }

            var inputs = new[] { parsed.GetRequiredValue(accounts), parsed.GetRequiredValue(subscriptions), parsed.GetRequiredValue(items) };
            var outPath = parsed.GetRequiredValue(output);
            var detailsPath = parsed.GetValue(details);
            AtomicFile.EnsureCanWrite(outPath);
            AtomicFile.EnsureNotAnInput(outPath, inputs);
            if (detailsPath is not null)
            {
                AtomicFile.EnsureCanWrite(detailsPath);
                AtomicFile.EnsureNotAnInput(detailsPath, inputs);
                if (FileIdentity.SameFile(detailsPath, outPath))
                {
                    throw new UsageException($"--details {detailsPath} is the same file as --out {outPath}: give each its own file");
                }

                AtomicFile.EnsureCanCreate(detailsPath);
            }

            AtomicFile.EnsureCanCreate(outPath);

            var day = parsed.GetValue(asOf) ?? DateOnly.FromDateTime(context.Clock.GetUtcNow().UtcDateTime);
            ArrResult Run(IProgress<double> progress)
            {
                var loaded = ArrInputs.Load(inputs[0], inputs[1], inputs[2], parsed.GetValue(lenient), new Scaled(progress, 0.8), cancellationToken);
                // The rollup itself is one linear pass (a tenth of the run): the token is looked at on each side of it.
                cancellationToken.ThrowIfCancellationRequested();
                var rollup = engine is { } sql ? ArrSqlRollup.Compute(loaded, day, sql, connection) : ArrRollup.Compute(loaded, day);
                cancellationToken.ThrowIfCancellationRequested();
                progress.Report(0.85);
                ArrOutput.WriteAccounts(rollup, outPath, cancellationToken);
                if (detailsPath is not null)
                {
                    ArrOutput.WriteDetails(rollup, detailsPath, cancellationToken);
                }

                progress.Report(1.0);
                return rollup;
            }

            var size = inputs.Sum(path => File.Exists(path) ? new FileInfo(path).Length : 0);
            var result = CliProgress.Run(context, "ARR rollup", 1.0, show: size >= ProgressThresholdBytes, Run);

            context.Out.Write(ArrOutput.FormatSummary(result.Summary));
            context.Out.WriteLine($"wrote {outPath}");
            if (detailsPath is not null)
            {
                context.Out.WriteLine($"wrote {detailsPath}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>`workbook arr movements`: the monthly bridge, retention and concentration, and every entity's movements.</summary>
    private static Command CreateMovements(CliContext context)
    {
        var (accounts, subscriptions, items, lenient) = InputOptions();
        var from = CliOptions.Month("--from", "The first month of the bridge (yyyy-MM).");
        var to = CliOptions.Month("--to", "The last month of the bridge (yyyy-MM), inclusive.");
        var level = new Option<ArrLevel>("--level")
        {
            Description = "hierarchy: an entity is a hierarchy, keyed by its ultimate parent (accounts on or below a cycle are one '(unresolved)' entity); account: each account.",
            DefaultValueFactory = _ => ArrLevel.Hierarchy,
            HelpName = "hierarchy|account",
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
                if (text is "hierarchy" or "account")
                {
                    return text == "account" ? ArrLevel.Account : ArrLevel.Hierarchy;
                }

                result.AddError($"--level '{text}' is not a level: expected hierarchy or account");
                return default;
            },
        };
        var output = RequiredFile("--out", $"Folder for {ArrMovementsOutput.BridgeFile} and {ArrMovementsOutput.MovementsFile} (written as a pair: both new, or both as they were).");
        var command = new Command("movements", "Month-end ARR by entity: the monthly bridge (new, reactivation, expansion, contraction, churn), retention and concentration.")
        {
            accounts, subscriptions, items, from, to, level, output, lenient,
        };
        command.SetCancellableAction((parsed, cancellationToken) =>
        {
            var inputs = new[] { parsed.GetRequiredValue(accounts), parsed.GetRequiredValue(subscriptions), parsed.GetRequiredValue(items) };
            var folder = parsed.GetRequiredValue(output);
            if (parsed.GetValue(to) < parsed.GetValue(from))
            {
                context.Err.WriteLine($"error: --to {parsed.GetValue(to):yyyy-MM} is before --from {parsed.GetValue(from):yyyy-MM}");
                return ExitCodes.Usage;
            }

            var bridgePath = Path.Combine(folder, ArrMovementsOutput.BridgeFile);
            var movementsPath = Path.Combine(folder, ArrMovementsOutput.MovementsFile);
            foreach (var path in new[] { bridgePath, movementsPath })
            {
                AtomicFile.EnsureCanWrite(path);
                AtomicFile.EnsureNotAnInput(path, inputs);
                AtomicFile.EnsureCanCreate(path);
            }

            var size = inputs.Sum(path => File.Exists(path) ? new FileInfo(path).Length : 0);
            var result = CliProgress.Run(context, "ARR movements", 1.0, show: size >= ProgressThresholdBytes, progress =>
            {
                var loaded = ArrInputs.Load(inputs[0], inputs[1], inputs[2], parsed.GetValue(lenient), new Scaled(progress, 0.8), cancellationToken);
                cancellationToken.ThrowIfCancellationRequested();
                var movements = ArrMovements.Compute(loaded, parsed.GetValue(from), parsed.GetValue(to), parsed.GetValue(level));
                cancellationToken.ThrowIfCancellationRequested();
                progress.Report(0.9);
                ArrMovementsOutput.Write(movements, folder);
                progress.Report(1.0);
                return movements;
            });

            context.Out.Write(ArrMovementsOutput.FormatSummary(result));
            context.Out.WriteLine($"wrote {bridgePath}");
            context.Out.WriteLine($"wrote {movementsPath}");
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command CreateGenerate(CliContext context)
    {
        var output = RequiredFile("--out", "Folder for accounts.csv, subscriptions.csv and subscription_items.csv (each written atomically).");
        var accountCount = new Option<long>("--accounts")
        {
            Description = "How many accounts (subscriptions and items scale with it: 35,000 subscriptions per 250,000 accounts).",
            DefaultValueFactory = _ => ArrGenerator.DefaultAccounts,
            HelpName = "count",
        }.InRange(1L, MaxGeneratedAccounts);
        var seed = new Option<int>("--seed")
        {
            Description = "Random seed: the same seed and count give byte-identical files.",
            DefaultValueFactory = _ => ArrGenerator.DefaultSeed,
        };

        var command = new Command("arr", "Write synthetic accounts, subscriptions and subscription items shaped like the ARR challenge's tables.")
        {
            output, accountCount, seed,
        };
        command.SetCancellableAction((parsed, cancellationToken) =>
        {
            var folder = parsed.GetRequiredValue(output);
            var count = parsed.GetValue(accountCount);
            DiskSpace.EnsureRoomFor(folder, count * GeneratedBytesPerAccount, $"generating {count:#,##0} accounts");
            var totals = CliProgress.Run(context, "Generating accounts", count, count >= 1_000_000, progress =>
                ArrGenerator.Write(folder, count, parsed.GetValue(seed), progress, cancellationToken));
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"wrote {totals.Accounts:#,##0} accounts ({totals.Roots:#,##0} without parent), {totals.Subscriptions:#,##0} subscriptions and {totals.Items:#,##0} subscription items to {folder}"));
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The three input files and --lenient, as every ARR command takes them.</summary>
    private static (Option<string> Accounts, Option<string> Subscriptions, Option<string> Items, Option<bool> Lenient) InputOptions() =>
    (
        RequiredFile("--accounts", "accounts.csv: id, parent_id, name, ultimate_parent_id, arr, hierarchy_arr (the last three are filled in the output)."),
        RequiredFile("--subscriptions", "subscriptions.csv: id, account_id, start_date, end_date (yyyy-MM-dd)."),
        RequiredFile("--items", "subscription_items.csv: id, subscription_id, product_name, quantity, list_price, discount, start_date, end_date."),
        new Option<bool>("--lenient")
        {
            Description = "Skip and report bad subscription and item rows (unparsable, out of range, end before start) instead of stopping at the first.",
        });

    private static Option<string> RequiredFile(string name, string description) =>
        new(name) { Description = description, Required = true, HelpName = name == "--out" ? "path" : "file" };

    /// <summary>Maps a phase's 0..1 onto a share of the whole bar.</summary>
    private sealed class Scaled(IProgress<double> inner, double share) : IProgress<double>
    {
        public void Report(double value) => inner.Report(value * share);
    }
}
