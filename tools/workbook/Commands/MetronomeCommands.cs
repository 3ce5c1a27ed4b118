using System.CommandLine;
using System.Globalization;
using Workbook.Core;
using Workbook.Egress;
using Workbook.CustomerSummary;
using Workbook.Metronome;
using Workbook.Sandbox;

namespace Workbook.Cli.Commands;

/// <summary>Part 1: `workbook customer-summary` and `workbook sandbox`.</summary>
internal static class MetronomeCommands
{
    public static Command CreateCustomerSummary(CliContext context)
    {
        var output = new Option<string>("--out") { Description = "The CSV file to write (atomically).", Required = true, HelpName = "FILE" };
        var baseUrl = new Option<string?>("--base-url")
        {
            Description = $"The API to query (default: ${MetronomeClientOptions.BaseUrlVariable}, else {MetronomeDefaults.BaseUrl}). Needs ${MetronomeClientOptions.TokenVariable}.",
            HelpName = "URL",
        };
        var concurrency = PositiveInt("--concurrency", "API calls in flight at once, the customer listing included.", CustomerSummaryFetcher.DefaultConcurrency, max: 256);
        var maxRetries = new Option<int>("--max-retries")
        {
            Description = "Retries per call after the first attempt (on connection errors, timeouts, 408, 409, 429, 5xx): at most N + 1 requests per call.",
            DefaultValueFactory = _ => MetronomeDefaults.MaxRetries,
            HelpName = "N",
        };
        maxRetries.InRange(0, 10);
        var timeout = PositiveInt("--timeout", "Per-attempt timeout in seconds.", (int)MetronomeDefaults.Timeout.TotalSeconds, max: 3600);
        var deadline = PositiveInt(
            "--deadline",
            "The whole run's limit in seconds: past it the run stops with an error (--timeout bounds one attempt).",
            (int)MetronomeConnectionOptions.DefaultDeadline.TotalSeconds,
            max: 7 * 24 * 3600);
        var data = DataOption($"Without a token: the data export that seeds the local sandbox (default: {EgressDataFolder.DefaultSearch}).");
        var seed = SeedOption("Without a token: the seed file of credit grants and contract balances for the sandbox (default: the built-in one, see lib/Sandbox/README.md).");

        var command = new Command(
            "customer-summary",
            $"Query the Metronome API and write the customer summary CSV: one row per customer with its current invoice, billing history and credit balances. " +
            $"With ${MetronomeClientOptions.TokenVariable} set it queries the real API; without it, a local sandbox seeded from the data export, over real HTTP on 127.0.0.1. " +
            "Exit code 1 when any customer's row could not be filled (its status column says why).")
        {
            output, baseUrl, concurrency, maxRetries, timeout, deadline, data, seed,
        };
        command.SetAction((parse, cancellationToken) => RunCustomerSummaryAsync(
            context,
            new SummaryRequest(
                parse.GetValue(output)!,
                parse.GetValue(baseUrl),
                parse.GetValue(concurrency),
                parse.GetValue(maxRetries),
                TimeSpan.FromSeconds(parse.GetValue(timeout)),
                TimeSpan.FromSeconds(parse.GetValue(deadline)),
                parse.GetValue(data),
                parse.GetValue(seed)),
            cancellationToken));
        return command;
    }

    public static Command CreateSandbox(CliContext context)
    {
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1 (default 0: pick a free one).", HelpName = "P" };
        port.InRange(0, 65535);
        var data = DataOption($"The data export to serve (default: {EgressDataFolder.DefaultSearch}).");
        var seed = SeedOption("The seed file of credit grants, contract balances and custom credit types (default: the built-in one, see lib/Sandbox/README.md).");
        var token = new Option<string?>("--token") { Description = "The bearer token to accept (default: a random one, printed).", HelpName = "TOKEN" };
        var latency = new Option<int>("--latency-ms") { Description = "Latency added to every request, in milliseconds.", HelpName = "MS" };
        latency.InRange(0, 600_000);
        var faults = new Option<string[]>("--fault")
        {
            Description = $"Inject a fault (repeatable): KIND[:key=value,...]. Kinds: {SandboxFault.KindNames}. " +
                "Keys: times=N (first N fitting requests), path=TEXT (paths containing TEXT), ms=N (latency), " +
                "retry-after=SECONDS, retry-after-ms=MS (rate-limit), status=5xx (server-error), should-retry=true|false (x-should-retry on an error). " +
                "E.g. --fault rate-limit:times=3,retry-after=1",
            HelpName = "SPEC",
            AllowMultipleArgumentsPerToken = false,
        };
        var log = new Option<bool>("--log") { Description = "Show ASP.NET Core's request log." };

        var command = new Command(
            "sandbox",
            "Serve a local Metronome API sandbox seeded from the data export, on 127.0.0.1, until Ctrl+C. " +
            "Prints the base URL and the token to use with it (see lib/Sandbox/README.md).")
        {
            port, data, seed, token, latency, faults, log,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var rules = (parse.GetValue(faults) ?? []).Select(SandboxFault.Parse).ToList();
            if (parse.GetValue(latency) is > 0 and var ms)
            {
                rules.Add(new SandboxFault { Kind = SandboxFaultKind.Latency, Latency = TimeSpan.FromMilliseconds(ms) });
            }

            var (dataset, folder) = LoadDataset(context, parse.GetValue(data), parse.GetValue(seed));
            var options = new SandboxOptions
            {
                Dataset = dataset,
                Port = parse.GetValue(port),
                Faults = rules,
                EnableLogging = parse.GetValue(log),
                BearerToken = parse.GetValue(token) is { Length: > 0 } given ? given : SandboxOptions.NewToken(),
            };
            await using var server = await SandboxServer.StartAsync(options, cancellationToken);
            context.Out.WriteLine($"Metronome sandbox listening on {server.BaseUrl} ({dataset.Customers.Count} customers from {folder}; now = {dataset.Now.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'}).");
            context.Out.WriteLine($"{MetronomeClientOptions.BaseUrlVariable}={server.BaseUrl}");
            context.Out.WriteLine($"{MetronomeClientOptions.TokenVariable}={server.BearerToken}");
            foreach (var rule in rules)
            {
                context.Out.WriteLine($"fault: {rule}");
            }

            context.Out.WriteLine("Press Ctrl+C to stop.");
            context.Out.Flush();
            await server.WaitForShutdownAsync(cancellationToken);
            return ExitCodes.Ok;
        });
        return command;
    }

    private sealed record SummaryRequest(string Output, string? BaseUrl, int Concurrency, int MaxRetries, TimeSpan Timeout, TimeSpan Deadline, string? Data, string? Seed);

    private static async Task<int> RunCustomerSummaryAsync(CliContext context, SummaryRequest request, CancellationToken cancellationToken)
    {
        var options = new MetronomeConnectionOptions
        {
            GetEnvironmentVariable = context.GetEnvironmentVariable,
            BaseUrl = request.BaseUrl is null ? null : MetronomeClientOptions.ParseBaseUrl(request.BaseUrl, "--base-url"),
            ExportFolder = request.Data,
            SeedFile = request.Seed,
            MaxConcurrentRequests = request.Concurrency,
            MaxRetries = request.MaxRetries,
            Timeout = request.Timeout,
            Deadline = request.Deadline,
            Clock = context.Clock,
        };
        if (options.Problem() is { } problem)
        {
            return Usage(context, problem.Replace("the base URL", "--base-url", StringComparison.Ordinal));
        }

        if (options.HasToken && (request.Data is not null || request.Seed is not null))
        {
            return Usage(context, $"--data and --seed seed the local sandbox, which runs only when {MetronomeClientOptions.TokenVariable} is not set");
        }

        AtomicFile.EnsureCanWrite(request.Output);
        if (!options.HasToken)
        {
            // The report must never overwrite what the sandbox is seeded from.
            var folder = EgressDataFolder.Resolve(request.Data, context.GetEnvironmentVariable);
            AtomicFile.EnsureNotAnInput(request.Output, [.. EgressExport.Locate(folder).Values, .. request.Seed is null ? Array.Empty<string>() : [request.Seed]]);
        }

        await using var connection = await CliProgress.RunAsync(
            context, "Loading the export", 1, show: !options.HasToken, progress => MetronomeConnection.OpenAsync(options with { LoadProgress = progress }, cancellationToken));
        if (connection.IsSandbox)
        {
            context.Err.WriteLine($"{MetronomeClientOptions.TokenVariable} is not set: querying {connection.Description}.");
        }

        // The bar shows the share of the customers listed so far that are done (the total is known only once the
        // listing, which runs alongside, has ended).
        var rows = await CliProgress.RunAsync(context, "Customers", total: 1, show: true, progress => connection.BuildRowsAsync(progress, cancellationToken));
        CustomerSummaryCsv.Write(request.Output, rows);

        var failed = rows.Count(r => !r.IsOk);
        context.Out.WriteLine($"wrote {rows.Count} customers to {request.Output}");
        if (failed > 0)
        {
            context.Err.WriteLine($"error: {failed} of {rows.Count} customers could not be summarised; their status column holds the error");
            return ExitCodes.Failed;
        }

        return ExitCodes.Ok;
    }

    private static (SandboxDataset Dataset, string Folder) LoadDataset(CliContext context, string? data, string? seedPath)
    {
        var folder = EgressDataFolder.Resolve(data, context.GetEnvironmentVariable);
        return (CliProgress.Run(context, "Loading the export", 1, show: true, progress => EgressSandboxDataset.Load(folder, seedPath, progress)), folder);
    }

    private static Option<string?> DataOption(string description) => new Option<string?>("--data") { Description = description, HelpName = "DIR" }.ExistingFolder();

    private static Option<string?> SeedOption(string description) => new("--seed") { Description = description, HelpName = "FILE" };

    private static Option<int> PositiveInt(string name, string description, int defaultValue, int max) =>
        new Option<int>(name) { Description = description, DefaultValueFactory = _ => defaultValue, HelpName = "N" }.InRange(1, max);

    private static int Usage(CliContext context, string message)
    {
        context.Err.WriteLine($"error: {message}");
        return ExitCodes.Usage;
    }
}
