using System.Globalization;
using Workbook.Core;
using Workbook.Egress;
using Workbook.Metronome;
using Workbook.Sandbox;

namespace Workbook.CustomerSummary;

/// <summary>
/// Part 1's one way to a Metronome client: the real API when <c>METRONOME_BEARER_TOKEN</c> is set, else a local
/// sandbox over real HTTP on 127.0.0.1, seeded from the data export. The CLI's customer-summary and notebook 01 both
/// open one; disposing it stops the sandbox and the client together. It lives with the customer summary, not in
/// lib/Sandbox, because the sandbox must not know the client's types (it is the client's independent check), and not
/// in lib/Metronome, because the client must not know the sandbox.
/// </summary>
public sealed class MetronomeConnection : IAsyncDisposable
{
    private readonly SandboxServer? _sandbox;

    private readonly TimeSpan _deadline;
    private readonly TimeProvider _clock;

    private MetronomeConnection(MetronomeConnectionOptions options, MetronomeClient client, SandboxServer? sandbox, DateTimeOffset asOf, string? exportFolder, string description)
    {
        _deadline = options.Deadline;
        _clock = options.Clock;
        Client = client;
        _sandbox = sandbox;
        AsOf = asOf;
        ExportFolder = exportFolder;
        Description = description;
    }

    public MetronomeClient Client { get; }

    /// <summary>The report's as-of instant: the clock for the real API; the sandbox's "now" (the export's last event).</summary>
    public DateTimeOffset AsOf { get; }

    public bool IsSandbox => _sandbox is not null;

    /// <summary>The export the sandbox serves; null for the real API.</summary>
    public string? ExportFolder { get; }

    /// <summary>What is being queried, for a log line; never the token.</summary>
    public string Description { get; }

    /// <summary>Requests the sandbox has received so far; null for the real API.</summary>
    public long? SandboxRequests => _sandbox?.RequestCount;

    public static async Task<MetronomeConnection> OpenAsync(MetronomeConnectionOptions options, CancellationToken cancellationToken = default)
    {
        if (options.Problem() is { } problem)
        {
            throw new WorkbookException(problem);
        }

        if (options.HasToken)
        {
            var fromEnvironment = MetronomeClientOptions.FromEnvironment(options.GetEnvironmentVariable);
            var api = ClientOptions(options, options.BaseUrl ?? fromEnvironment.BaseUrl, fromEnvironment.BearerToken);
            return new MetronomeConnection(options, new MetronomeClient(api), null, options.Clock.GetUtcNow(), null, $"the Metronome API at {api.BaseUrl}");
        }

        var folder = EgressDataFolder.Resolve(options.ExportFolder, options.GetEnvironmentVariable);
        var dataset = EgressSandboxDataset.Load(folder, options.SeedFile, options.LoadProgress);
        var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Dataset = dataset }, cancellationToken).ConfigureAwait(false);
        MetronomeClient client;
        try
        {
            client = new MetronomeClient(ClientOptions(options, sandbox.BaseUrl, sandbox.BearerToken));
        }
        catch
        {
            await sandbox.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return new MetronomeConnection(
            options,
            client,
            sandbox,
            dataset.Now,
            folder,
            $"a local Metronome sandbox at {sandbox.BaseUrl} seeded from {folder} (as of {MetronomeJson.FormatTimestamp(dataset.Now)})");
    }

    /// <summary>
    /// Every customer's summary row, sorted by name then id (see <see cref="CustomerSummaryFetcher.BuildRowsAsync"/>),
    /// within the run's <see cref="MetronomeConnectionOptions.Deadline"/>: past it, the run stops with an error that says so.
    /// </summary>
    public async Task<IReadOnlyList<CustomerSummaryRow>> BuildRowsAsync(IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        using var deadline = new CancellationTokenSource(_deadline, _clock);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            return await CustomerSummaryFetcher.BuildRowsAsync(
                Client, AsOf, Client.Options.MaxConcurrentRequests ?? CustomerSummaryFetcher.DefaultConcurrency, progress, stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new WorkbookException(
                $"the customer summary did not finish within its deadline of {_deadline.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s " +
                $"(--deadline); {Description} was still being queried");
        }
    }

    /// <summary>
    /// Checks the rows against the export the sandbox serves (<see cref="CustomerSummaryCheck"/>), reading it again
    /// from its files. Only for the sandbox: the real API's data is not in a local export.
    /// </summary>
    public SummaryCheckResult CheckAgainstExport(IReadOnlyList<CustomerSummaryRow> rows)
    {
        if (ExportFolder is null)
        {
            throw new WorkbookException("the summary comes from the real Metronome API: there is no local export to check it against");
        }

        using var export = EgressDatabase.Load(ExportFolder);
        return CustomerSummaryCheck.AgainstExport(rows, export.Connection);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (_sandbox is not null)
        {
            await _sandbox.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static MetronomeClientOptions ClientOptions(MetronomeConnectionOptions options, Uri baseUrl, string token) => new()
    {
        BaseUrl = baseUrl,
        BearerToken = token,
        MaxRetries = options.MaxRetries,
        MaxConcurrentRequests = options.MaxConcurrentRequests,
        Timeout = options.Timeout,
    };
}
