using System.Net;
using Workbook.Metronome;

namespace Workbook.Tests.Metronome;

/// <summary>What the client puts on the wire, seen by a recording handler.</summary>
public class ClientRequestTests
{
    private sealed class Recorder : HttpMessageHandler
    {
        public List<(HttpRequestMessage Request, string? Body)> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add((request, request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken)));
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""{"data": [], "next_page": null}""") };
        }
    }

    private static (MetronomeClient Client, Recorder Recorder) Create(string baseUrl = "https://proxy.example/metronome/")
    {
        var recorder = new Recorder();
        return (new MetronomeClient(new MetronomeClientOptions { BearerToken = "tok_123", BaseUrl = new Uri(baseUrl) }, recorder), recorder);
    }

    [Fact]
    public async Task Get_lists_send_the_token_filters_and_comma_joined_arrays_under_the_base_path()
    {
        var (client, recorder) = Create();
        using var _ = client;

        await client.Customers.ListAsync(new CustomerListParams { Limit = 100, CustomerIds = ["a", "b c"], OnlyArchived = true }).ToListAsync();
        await client.Customers.Invoices.ListAsync("cust/1", new InvoiceListParams { Status = "DRAFT", Sort = "date_desc", StartingOn = new DateTimeOffset(2024, 4, 1, 0, 0, 0, TimeSpan.Zero) }).ToListAsync();

        var (customers, _) = recorder.Requests[0];
        Assert.Equal("https://proxy.example/metronome/v1/customers?limit=100&customer_ids=a%2Cb%20c&only_archived=true", customers.RequestUri!.AbsoluteUri);
        Assert.Equal("Bearer tok_123", customers.Headers.Authorization!.ToString());
        Assert.Equal("application/json", customers.Headers.Accept.Single().MediaType);
        Assert.Equal(
            "https://proxy.example/metronome/v1/customers/cust%2F1/invoices?status=DRAFT&sort=date_desc&starting_on=2024-04-01T00%3A00%3A00Z",
            recorder.Requests[1].Request.RequestUri!.AbsoluteUri);
    }

    [Fact]
    public async Task Every_request_names_the_workbook_and_its_version_and_a_body_goes_with_its_length()
    {
        var (client, recorder) = Create();
        using var _ = client;

        await client.CreditGrants.ListAsync(new CreditGrantListParams { CustomerIds = ["c1"] }).ToListAsync();

        var (request, body) = recorder.Requests[0];
        Assert.Equal(UserAgent.Value, request.Headers.UserAgent.ToString());
        Assert.StartsWith("Workbook/1.0.0 (Metronome API client; .NET ", UserAgent.Value);
        Assert.Equal(body!.Length, request.Content!.Headers.ContentLength);
        Assert.NotEqual(true, request.Headers.TransferEncodingChunked);
        Assert.Equal("application/json; charset=utf-8", request.Content.Headers.ContentType!.ToString());
    }

    [Fact]
    public async Task Post_lists_put_filters_in_the_body_and_the_cursor_where_each_endpoint_wants_it()
    {
        var (client, recorder) = Create("http://localhost:8080");
        using var _ = client;

        await client.CreditGrants.ListAsync(new CreditGrantListParams { CustomerIds = ["c1"], Limit = 10 }).ToListAsync();
        await client.Contracts.ListBalancesAsync(new ContractBalanceListParams { CustomerId = "c1", IncludeBalance = true, IncludeContractBalances = true, Limit = 25 }).ToListAsync();

        Assert.Equal("http://localhost:8080/v1/credits/listGrants?limit=10", recorder.Requests[0].Request.RequestUri!.AbsoluteUri);
        Assert.Equal("""{"customer_ids":["c1"]}""", recorder.Requests[0].Body);
        Assert.Equal(HttpMethod.Post, recorder.Requests[1].Request.Method);
        Assert.Equal("http://localhost:8080/v1/contracts/customerBalances/list", recorder.Requests[1].Request.RequestUri!.AbsoluteUri);
        Assert.Equal("""{"customer_id":"c1","include_balance":true,"include_contract_balances":true,"limit":25}""", recorder.Requests[1].Body);
    }

    /// <summary>Answers with the given statuses in turn, each with an x-should-retry header when given.</summary>
    private sealed class Scripted(params (HttpStatusCode Status, string? ShouldRetry)[] answers) : HttpMessageHandler
    {
        public int Calls { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var (status, shouldRetry) = answers[Math.Min(Calls++, answers.Length - 1)];
            var response = new HttpResponseMessage(status)
            {
                Content = new StringContent(status == HttpStatusCode.OK ? """{"data": [], "next_page": null}""" : """{"message": "scripted"}"""),
            };
            if (shouldRetry is not null)
            {
                response.Headers.Add("x-should-retry", shouldRetry);
            }

            return Task.FromResult(response);
        }
    }

    [Fact]
    public async Task The_servers_x_should_retry_header_overrides_the_status_rule()
    {
        var noRetry = new Scripted((HttpStatusCode.ServiceUnavailable, "false"), (HttpStatusCode.OK, null));
        var retry = new Scripted((HttpStatusCode.BadRequest, "true"), (HttpStatusCode.OK, null));
        var options = new MetronomeClientOptions { BearerToken = "tok_123", BaseUrl = new Uri("http://scripted.invalid/"), RetryDelayScale = 0 };
        using var first = new MetronomeClient(options, noRetry);
        using var second = new MetronomeClient(options, retry);

        var error = await Assert.ThrowsAsync<MetronomeApiException>(() => first.CreditTypes.ListAsync().ToListAsync().AsTask());
        var types = await second.CreditTypes.ListAsync().ToListAsync();

        Assert.Equal((503, 1), (error.StatusCode, error.Attempts));
        Assert.Equal(1, noRetry.Calls);
        Assert.Empty(types);
        Assert.Equal(2, retry.Calls);
    }
}
