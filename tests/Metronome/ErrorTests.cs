using Workbook.Metronome;
using Workbook.Sandbox;
using Workbook.Tests.Sandbox;

namespace Workbook.Tests.Metronome;

public class ErrorTests
{
    [Fact]
    public async Task A_rejected_token_says_so_without_revealing_the_token_and_is_not_retried()
    {
        await using var sandbox = await TestSandbox.StartAsync(new TestDataset().WithCustomers(1).Build());
        const string wrongToken = "sk_live_this-token-must-never-be-printed-0123456789";
        var retries = new List<MetronomeRetry>();
        using var client = sandbox.Client(o => o with { OnRetry = retries.Add }, token: wrongToken);

        var error = await Assert.ThrowsAsync<MetronomeApiException>(() => client.Customers.ListAsync().ToListAsync().AsTask());

        Assert.Equal(MetronomeErrorKind.Authentication, error.Kind);
        Assert.Equal(401, error.StatusCode);
        Assert.Equal(1, error.Attempts);
        Assert.Empty(retries);
        Assert.Equal("GET /v1/customers: the API token was rejected (401 Unauthorized); check METRONOME_BEARER_TOKEN: invalid or missing bearer token", error.Message);
        Assert.DoesNotContain(wrongToken, error.ToString());
        Assert.DoesNotContain(wrongToken, client.Options.ToString());
    }

    [Fact]
    public async Task A_server_echoing_the_token_has_it_redacted()
    {
        const string token = "sk_test_echoed-back-by-a-careless-proxy-42";
        using var client = new MetronomeClient(
            new MetronomeClientOptions { BearerToken = token, BaseUrl = new Uri("http://echo.invalid/"), MaxRetries = 0 },
            new EchoHandler());

        var error = await Assert.ThrowsAsync<MetronomeApiException>(() => client.Customers.RetrieveAsync("c1"));

        Assert.Equal(MetronomeErrorKind.BadRequest, error.Kind);
        Assert.DoesNotContain(token, error.Message);
        Assert.DoesNotContain(token, error.ServerMessage);
        Assert.Contains("Bearer [redacted]", error.ServerMessage);
    }

    [Fact]
    public async Task An_unknown_customer_is_not_found()
    {
        await using var sandbox = await TestSandbox.StartAsync(new TestDataset().WithCustomers(1).Build());
        using var client = sandbox.Client();

        var error = await Assert.ThrowsAsync<MetronomeApiException>(() => client.Customers.Invoices.ListAsync("no-such-customer").ToListAsync().AsTask());

        Assert.Equal(MetronomeErrorKind.NotFound, error.Kind);
        Assert.Equal(404, error.StatusCode);
        Assert.Equal("customer no-such-customer not found", error.ServerMessage);
    }

    [Fact]
    public async Task A_limit_outside_the_range_is_a_bad_request()
    {
        var data = new TestDataset().WithCustomers(1);
        await using var sandbox = await TestSandbox.StartAsync(data.Build());
        using var client = sandbox.Client();

        var customers = await Assert.ThrowsAsync<MetronomeApiException>(() => client.Customers.ListAsync(new CustomerListParams { Limit = 101 }).ToListAsync().AsTask());
        var balances = await Assert.ThrowsAsync<MetronomeApiException>(() => client.Contracts
            .ListBalancesAsync(new ContractBalanceListParams { CustomerId = data.Customers[0].Id, Limit = 26 }).ToListAsync().AsTask());

        Assert.Equal(MetronomeErrorKind.BadRequest, customers.Kind);
        Assert.Equal("limit must be an integer between 1 and 100, got '101'", customers.ServerMessage);
        Assert.Equal("limit must be an integer between 1 and 25, got '26'", balances.ServerMessage);
    }

    [Fact]
    public async Task Malformed_json_is_a_clear_error_naming_the_call()
    {
        await using var sandbox = await TestSandbox.StartAsync(
            new TestDataset().WithCustomers(3).Build(), new SandboxFault { Kind = SandboxFaultKind.MalformedJson, Times = 1 });
        using var client = sandbox.Client();

        var error = await Assert.ThrowsAsync<MetronomeApiException>(() => client.Customers.ListAsync().ToListAsync().AsTask());

        Assert.Equal(MetronomeErrorKind.MalformedResponse, error.Kind);
        Assert.Equal("GET /v1/customers: 200 OK with a JSON body that ends part-way (18 bytes, truncated)", error.Message);
        Assert.Equal(1, sandbox.Server.RequestCount);
    }

    [Fact]
    public async Task An_invoice_missing_a_field_the_report_reads_is_malformed_and_the_message_names_the_field()
    {
        using var client = new MetronomeClient(
            new MetronomeClientOptions { BearerToken = "t0ken-for-tests", BaseUrl = new Uri("http://fixed.invalid/") },
            new FixedHandler("""{"data": [{"id": "i1", "customer_id": "c1", "status": "DRAFT", "credit_type": {"id": "u", "name": "USD (cents)"}}], "next_page": null}"""));

        var error = await Assert.ThrowsAsync<MetronomeApiException>(() => client.Customers.Invoices.ListAsync("c1").ToListAsync().AsTask());

        Assert.Equal(MetronomeErrorKind.MalformedResponse, error.Kind);
        Assert.StartsWith("GET /v1/customers/c1/invoices: 200 OK with JSON that is not the documented shape", error.Message);
        Assert.Contains("'total'", error.Message);
    }

    [Fact]
    public async Task Fractional_amounts_keep_every_digit()
    {
        using var client = new MetronomeClient(
            new MetronomeClientOptions { BearerToken = "t0ken-for-tests", BaseUrl = new Uri("http://fixed.invalid/") },
            new FixedHandler("""
                {"data": [{"id": "i1", "customer_id": "c1", "status": "FINALIZED", "type": "USAGE", "total": 810127.205,
                  "credit_type": {"id": "2714e483-4ff1-48e4-9e25-ac732e8f24f2", "name": "USD (cents)"},
                  "start_timestamp": "2024-03-01T00:00:00+02:00", "line_items": []}], "next_page": ""}
                """));

        var invoice = Assert.Single(await client.Customers.Invoices.ListAsync("c1").ToListAsync());

        Assert.Equal(810127.205m, invoice.Total);
        Assert.True(invoice.TotalMoney.CreditType.IsUsdCents);
        Assert.Equal(new DateTimeOffset(2024, 2, 29, 22, 0, 0, TimeSpan.Zero), invoice.StartTimestamp);
        Assert.Equal(TimeSpan.Zero, invoice.StartTimestamp!.Value.Offset);
    }

    /// <summary>Answers 400 with the Authorization header it received in the message.</summary>
    private sealed class EchoHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.BadRequest)
            {
                Content = new StringContent($$"""{"message": "bad header: {{request.Headers.Authorization}}"}"""),
            });
    }

    private sealed class FixedHandler(string body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StringContent(body) });
    }
}
