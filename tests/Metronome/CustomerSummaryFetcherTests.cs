using System.Net;
using Workbook.CustomerSummary;
using Workbook.Metronome;
using Workbook.Sandbox;
using Workbook.Tests.Sandbox;

namespace Workbook.Tests.Metronome;

public class CustomerSummaryFetcherTests
{
    private sealed class Recorder : IProgress<double>
    {
        public List<double> Values { get; } = [];

        public void Report(double value)
        {
            lock (Values)
            {
                Values.Add(value);
            }
        }
    }

    [Fact]
    public async Task Lists_while_fetching_and_returns_every_customer_sorted_with_progress_that_never_goes_back()
    {
        var data = new TestDataset().WithCustomers(150).WithCustomer(TestDataset.MakeCustomer(150, archivedAt: TestDataset.Now));
        await using var sandbox = await TestSandbox.StartAsync(data.Build());
        using var client = sandbox.Client(o => o with { MaxConcurrentRequests = 8 });
        var progress = new Recorder();

        var rows = await CustomerSummaryFetcher.BuildRowsAsync(client, TestDataset.Now, concurrency: 8, progress);

        Assert.Equal(data.Customers.OrderBy(c => c.Name, StringComparer.Ordinal).Select(c => c.Id), rows.Select(r => r.CustomerId));
        Assert.All(rows, r => Assert.Equal("ok", r.Status));
        Assert.NotNull(rows.Single(r => r.CustomerName == "Customer 0150").ArchivedAt);
        Assert.Equal(1.0, progress.Values[^1]);
        Assert.Equal(progress.Values.Order(), progress.Values);
        // 2 pages of active customers, 1 of archived ones, 4 calls per customer.
        Assert.Equal(3 + (4 * 151), sandbox.Server.RequestCount);
    }

    [Fact]
    public async Task A_listing_that_breaks_midway_fails_the_whole_run()
    {
        await using var sandbox = await TestSandbox.StartAsync(
            new TestDataset().WithCustomers(250).Build(), new SandboxFault { Kind = SandboxFaultKind.RepeatedCursor, PathContains = "/v1/customers" });
        using var client = sandbox.Client();

        var error = await Assert.ThrowsAsync<MetronomeApiException>(() => CustomerSummaryFetcher.BuildRowsAsync(client, TestDataset.Now));

        Assert.Equal(MetronomeErrorKind.MalformedResponse, error.Kind);
        Assert.StartsWith("GET /v1/customers: page 2 returned a next_page cursor that was already used", error.Message);
    }

    /// <summary>Answers every call after a pause, recording the most calls it ever had in flight.</summary>
    private sealed class SlowHandler : HttpMessageHandler
    {
        private int _inFlight;

        public int MostInFlight { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var now = Interlocked.Increment(ref _inFlight);
            lock (this)
            {
                MostInFlight = Math.Max(MostInFlight, now);
            }

            await Task.Delay(30, cancellationToken);
            Interlocked.Decrement(ref _inFlight);
            return new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent("""
                    {"data": {"id": "c1", "name": "Acme", "external_id": "c1", "ingest_aliases": [], "custom_fields": {}, "customer_config": {},
                     "created_at": "2024-01-01T00:00:00Z", "updated_at": "2024-01-01T00:00:00Z"}}
                    """),
            };
        }
    }

    [Fact]
    public async Task The_client_keeps_at_most_max_concurrent_requests_in_flight()
    {
        var handler = new SlowHandler();
        using var client = new MetronomeClient(
            new MetronomeClientOptions { BearerToken = "tok_123", BaseUrl = new Uri("http://slow.invalid/"), MaxConcurrentRequests = 3 }, handler);

        var customers = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => client.Customers.RetrieveAsync("c1")));

        Assert.All(customers, c => Assert.Equal("Acme", c.Name));
        Assert.Equal(3, handler.MostInFlight);
    }
}
