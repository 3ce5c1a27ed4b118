using System.CommandLine;
using System.Globalization;
using Workbook.Core;
using Workbook.Sql;
using Workbook.Egress;

namespace Workbook.Cli.Commands;

/// <summary>Part 2: `workbook egress` (the three SQL answers) and `workbook generate egress`.</summary>
internal static class EgressCommands
{
    public const string DefaultOutput = "out/egress";

    /// <summary>The most customers and events per customer `generate egress` writes.</summary>
    private const int MaxGeneratedCustomers = 1_000_000;
    private const int MaxGeneratedEventsPerCustomer = 100_000;

    /// <summary>Bytes the generator writes per event and per customer besides its events (measured: 231 and 5,200), with a margin.</summary>
    private const long GeneratedBytesPerEvent = 250;
    private const long GeneratedBytesPerCustomer = 6_000;

    /// <summary>Exports at least this large get a progress bar (when stderr is a terminal): about a second of loading.</summary>
    private const long ProgressThresholdBytes = 50L << 20;

    public static Command Create(CliContext context)
    {
        var data = new Option<string?>("--data")
        {
            Description = $"Folder holding the export's nine CSV files ('Metronome Sample Egress Data - <table>.csv' or '<table>.csv'). " +
                $"Default: {EgressDataFolder.DefaultSearch}.",
            HelpName = "dir",
        }.ExistingFolder();
        var output = new Option<string>("--out")
        {
            Description = "Folder for the CSVs (each written atomically, overwritten).",
            DefaultValueFactory = _ => DefaultOutput,
            HelpName = "dir",
        };
        var database = new Option<string?>("--db")
        {
            Description = "SQLite or DuckDB: also keep the loaded database in this file (written whole, then renamed into place), for the notebook or your own SQL.",
            HelpName = "file",
        };

        var engines = new EngineOptions([.. SqlEngines.All.Select(e => e.Name())], SqlEngine.Sqlite.Name(), "loads the export and answers the questions (PostgreSQL: the load replaces the previous one, in one transaction)");
        var command = new Command("egress",
            "Load the Metronome data export into SQLite (or DuckDB, or PostgreSQL) and write the Part 2 answers as CSV: images_by_size.csv (a), a1_march_invoice.csv (b), " +
            "billings_by_plan.csv and billings_by_plan_issued.csv (c, both readings) and reconciliation.csv (billed vs metered quantities).")
        {
            data, output, database,
        };
        engines.AddTo(command);
        command.SetCancellableAction((parsed, cancellationToken) =>
        {
            var engine = engines.EngineOf(parsed)!.Value;
            var (connection, usage) = engines.Resolve(parsed, context);
            if (usage is not null || (engine == SqlEngine.Postgres && parsed.GetValue(database) is not null))
            {
                context.Err.WriteLine($"error: {usage ?? "--db is for --engine sqlite or duckdb: PostgreSQL keeps the load in its database"}");
                return ExitCodes.Usage;
            }

            var folder = EgressDataFolder.Resolve(parsed.GetValue(data), context.GetEnvironmentVariable);
            var outFolder = parsed.GetRequiredValue(output);
            var files = EgressExport.Locate(folder);
            // Every output before the load: a bad --out must not leave a --db built (or replaced).
            foreach (var answer in EgressReport.Files.Select(file => Path.Combine(outFolder, file)))
            {
                AtomicFile.EnsureCanWrite(answer);
                AtomicFile.EnsureNotAnInput(answer, [.. files.Values]);
            }

            if (parsed.GetValue(database) is { } databaseFile)
            {
                AtomicFile.EnsureNotAnInput(databaseFile, [.. files.Values]);
                DatabaseFile.EnsureReplaceable(engine, databaseFile);
                AtomicFile.EnsureCanCreate(databaseFile);
            }

            AtomicFile.EnsureCanCreate(Path.Combine(outFolder, EgressReport.Files[0]));

            var target = new EgressTarget(engine, parsed.GetValue(database), connection);
            var size = files.Values.Sum(path => new FileInfo(path).Length);
            using var loaded = CliProgress.Run(context, $"Loading the export into {engine.Name()}", 1.0, size >= ProgressThresholdBytes,
                progress => EgressLoad.Load(folder, target, progress, cancellationToken));
            var answers = EgressAnswers.Query(loaded.Connection, engine);
            var written = EgressReport.Write(answers, outFolder);
            WriteSummary(context, folder, loaded, answers, written);
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command CreateGenerate(CliContext context)
    {
        var output = new Option<string>("--out")
        {
            Description = "Folder for the nine export files ('Metronome Sample Egress Data - <table>.csv', each written atomically).",
            Required = true,
            HelpName = "dir",
        };
        var seed = new Option<int>("--seed")
        {
            Description = "Random seed: the same seed and counts give byte-identical files.",
            DefaultValueFactory = _ => EgressGeneratorOptions.DefaultSeed,
        };
        var customers = new Option<int>("--customers")
        {
            Description = $"How many customers (at least {EgressGeneratorOptions.MinimumCustomers}: A1 Company and B1 Company are always there).",
            DefaultValueFactory = _ => EgressGeneratorOptions.DefaultCustomers,
            HelpName = "count",
        }.InRange(EgressGeneratorOptions.MinimumCustomers, MaxGeneratedCustomers, why: "A1 Company and B1 Company are always there");
        var eventsPerCustomer = new Option<int>("--events-per-customer")
        {
            Description = "Average events per customer (A1 and B1 Company send at least 800).",
            DefaultValueFactory = _ => EgressGeneratorOptions.DefaultEventsPerCustomer,
            HelpName = "count",
        }.InRange(1, MaxGeneratedEventsPerCustomer);

        var command = new Command("egress",
            "Write a synthetic Metronome data export (same nine files, columns and quirks as the exercise's), with FINALIZED invoices priced from its events.")
        {
            output, seed, customers, eventsPerCustomer,
        };
        command.SetCancellableAction((parsed, cancellationToken) =>
        {
            var folder = parsed.GetRequiredValue(output);
            var options = new EgressGeneratorOptions(parsed.GetValue(customers), parsed.GetValue(seed), parsed.GetValue(eventsPerCustomer));
            DiskSpace.EnsureRoomFor(folder, options.Customers * (GeneratedBytesPerCustomer + GeneratedBytesPerEvent * options.EventsPerCustomer),
                string.Create(CultureInfo.InvariantCulture, $"generating {options.Customers:#,##0} customers"));
            var totals = CliProgress.Run(context, "Generating the export", 1.0, options.Customers >= 2_000,
                progress => EgressGenerator.Write(folder, options, progress, cancellationToken));
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"wrote a synthetic export to {folder}: {totals.Customers:#,##0} customers, {totals.Events:#,##0} events, " +
                $"{totals.Invoices:#,##0} invoices ({totals.FinalizedInvoices:#,##0} FINALIZED)"));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void WriteSummary(CliContext context, string folder, EgressLoad loaded, EgressAnswers answers, IReadOnlyList<WrittenFile> written)
    {
        var culture = CultureInfo.InvariantCulture;
        var counts = loaded.RowCounts;
        context.Out.WriteLine(string.Create(culture,
            $"loaded {counts["customer"]:#,##0} customers, {counts["events"]:#,##0} events and {counts["invoice"]:#,##0} invoices from {folder} into {loaded.Engine.Name()}"));
        if (!loaded.InMemory)
        {
            context.Out.WriteLine($"database: {loaded.Location}");
        }

        context.Out.WriteLine("(a) images, 10-25 March 2024: " +
            string.Join(", ", answers.ImagesBySize.Select(row => string.Create(culture, $"{row.ImageSize ?? "(no size)"} {row.NumImages:#,##0}"))));
        var invoiceTotal = answers.A1MarchInvoice.FirstOrDefault(row => row.Kind == InvoiceRowKind.InvoiceTotal);
        context.Out.WriteLine(invoiceTotal is null
            ? "(b) A1 Company: no FINALIZED March 2024 invoice"
            : $"(b) A1 Company, March 2024: {answers.A1MarchInvoice.Count(row => row.Kind == InvoiceRowKind.Charge)} charges, total {Numbers.DollarsDisplay(invoiceTotal.TotalUsd)}");
        context.Out.WriteLine("(c) billings by plan, March 2024: " +
            string.Join(", ", answers.BillingsByPlan.Select(row => $"{row.PlanName} {Numbers.DollarsDisplay(row.TotalUsd)}")));
        var matching = answers.Reconciliation.Count(row => row.Matches);
        context.Out.WriteLine($"reconciliation: {matching} of {answers.Reconciliation.Count} billed quantities match the events");
        foreach (var file in written)
        {
            context.Out.WriteLine($"wrote {file.Path} ({file.Rows} rows)");
        }

        if (answers.A1MarchInvoiceDiscrepancy() is { } discrepancy && invoiceTotal is not null)
        {
            context.Err.WriteLine($"warning: A1 Company's March invoice does not add up: {discrepancy}");
        }

        if (matching < answers.Reconciliation.Count)
        {
            context.Err.WriteLine($"warning: {answers.Reconciliation.Count - matching} billed quantities differ from the events (status column of reconciliation.csv)");
        }
    }
}
