using System.Collections.Concurrent;
using System.Text;
using Workbook.Cli;
using Workbook.Metronome;

namespace Workbook.Tests.Sandbox;

public class SandboxCommandTests
{
    /// <summary>Collects written lines so a test can read them while the command is still running.</summary>
    private sealed class LineCapture : TextWriter
    {
        private readonly StringBuilder _current = new();

        public ConcurrentQueue<string> Lines { get; } = new();

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
            lock (_current)
            {
                if (value == '\n')
                {
                    Lines.Enqueue(_current.ToString().TrimEnd('\r'));
                    _current.Clear();
                }
                else
                {
                    _current.Append(value);
                }
            }
        }
    }

    [Fact]
    public async Task Serves_the_export_with_injected_faults_until_cancelled_and_prints_how_to_reach_it()
    {
        var output = new LineCapture();
        var context = new CliContext(TimeProvider.System, output, new LineCapture(), Interactive: false, _ => null);
        using var stop = new CancellationTokenSource();
        var run = WorkbookCli.RunAsync(
            ["sandbox", "--data", SharedData.EgressDir, "--token", "sandbox-token-for-test", "--latency-ms", "1", "--fault", "rate-limit:times=1,retry-after=0.01"],
            context,
            stop.Token);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!output.Lines.Any(l => l.StartsWith("Press Ctrl+C", StringComparison.Ordinal)) && !run.IsCompleted && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        var lines = output.Lines.ToList();
        var baseUrl = lines.Single(l => l.StartsWith("METRONOME_BASE_URL=", StringComparison.Ordinal))["METRONOME_BASE_URL=".Length..];
        Assert.Contains("METRONOME_BEARER_TOKEN=sandbox-token-for-test", lines);
        Assert.Contains(lines, l => l.StartsWith("Metronome sandbox listening on http://127.0.0.1:", StringComparison.Ordinal) && l.Contains("52 customers"));
        Assert.Contains("fault: RateLimit x1", lines);

        var retries = new List<MetronomeRetry>();
        using (var client = new MetronomeClient(new MetronomeClientOptions { BaseUrl = new Uri(baseUrl), BearerToken = "sandbox-token-for-test", OnRetry = retries.Add }))
        {
            Assert.Equal(52, (await client.Customers.ListAsync().ToListAsync()).Count);
        }

        Assert.Equal(429, Assert.Single(retries).StatusCode);
        await stop.CancelAsync();
        Assert.Equal(0, await run);
    }
}
