using Workbook.Core;
using Workbook.Egress;
using Workbook.CustomerSummary;
using Workbook.Metronome;

namespace Workbook.Tests.Metronome;

/// <summary>Part 1's one entry point: the real API with a token, the local sandbox without, disposed together.</summary>
public class MetronomeConnectionTests
{
    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public async Task Without_a_token_it_serves_the_export_from_a_local_sandbox_and_the_summary_matches_the_export()
    {
        await using var connection = await MetronomeConnection.OpenAsync(new MetronomeConnectionOptions
        {
            GetEnvironmentVariable = Environment(),
            ExportFolder = SharedData.EgressDir,
        });

        var rows = await connection.BuildRowsAsync();
        var check = connection.CheckAgainstExport(rows);

        Assert.True(connection.IsSandbox);
        Assert.Equal(new DateTimeOffset(2024, 4, 2, 16, 3, 33, 485, TimeSpan.Zero), connection.AsOf);
        Assert.StartsWith("a local Metronome sandbox at http://127.0.0.1:", connection.Description);
        Assert.Equal(52, rows.Count);
        Assert.All(rows, r => Assert.True(r.IsOk, r.Status));
        Assert.True(check.Agrees, check.ToString());
        Assert.True(connection.SandboxRequests >= 1 + (4 * 52));
    }

    [Fact]
    public async Task On_a_generated_2000_customer_export_the_summary_matches_the_export()
    {
        using var dir = new TempDir();
        EgressGenerator.Write(dir.Path, new EgressGeneratorOptions(Customers: 2000, Seed: 1));
        await using var connection = await MetronomeConnection.OpenAsync(new MetronomeConnectionOptions
        {
            GetEnvironmentVariable = Environment(),
            ExportFolder = dir.Path,
            MaxConcurrentRequests = 16,
        });

        var rows = await connection.BuildRowsAsync();
        var check = connection.CheckAgainstExport(rows);

        Assert.Equal(2000, rows.Count);
        Assert.All(rows, r => Assert.True(r.IsOk, r.Status));
        Assert.True(check.Agrees, check.ToString());
        Assert.Contains(rows, r => r.FinalizedInvoices > 0 && r.CurrentInvoiceTotalCents is not null);
    }

    [Fact]
    public async Task With_a_token_it_queries_the_named_server_and_starts_no_sandbox()
    {
        await using var server = await LengthRequiredServer.StartAsync((_, _) => Task.FromResult(new LengthRequiredServer.Answer(200, """{"data": [], "next_page": null}""")));
        var clock = new FixedClock(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
        await using var connection = await MetronomeConnection.OpenAsync(new MetronomeConnectionOptions
        {
            GetEnvironmentVariable = Environment((MetronomeClientOptions.TokenVariable, "tok_secret_42")),
            BaseUrl = server.BaseUrl,
            ExportFolder = "/nowhere", // a notebook passes its export either way; with a token it is not used
            Clock = clock,
        });

        var rows = await connection.BuildRowsAsync();

        Assert.False(connection.IsSandbox);
        Assert.Null(connection.SandboxRequests);
        Assert.Equal(clock.GetUtcNow(), connection.AsOf);
        Assert.Equal($"the Metronome API at {server.BaseUrl}", connection.Description);
        Assert.Empty(rows);
        Assert.Equal(2, server.Requests.Count); // active, then archived customers
        Assert.Throws<WorkbookException>(() => connection.CheckAgainstExport(rows));
    }

    [Theory]
    [InlineData(true, false, "the base URL names an API server but METRONOME_BEARER_TOKEN is not set")]
    [InlineData(false, true, "METRONOME_BASE_URL names an API server but METRONOME_BEARER_TOKEN is not set")]
    public async Task A_server_named_without_a_token_is_refused_rather_than_swapped_for_the_sandbox(bool option, bool variable, string message)
    {
        var options = new MetronomeConnectionOptions
        {
            GetEnvironmentVariable = variable ? Environment((MetronomeClientOptions.BaseUrlVariable, "https://api.example.test")) : Environment(),
            BaseUrl = option ? new Uri("https://api.example.test") : null,
        };

        Assert.StartsWith(message, options.Problem());
        Assert.StartsWith(message, (await Assert.ThrowsAsync<WorkbookException>(() => MetronomeConnection.OpenAsync(options))).Message);
    }


    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
