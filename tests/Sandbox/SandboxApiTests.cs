using System.Net;
using System.Text;
using System.Text.Json;
using Workbook.Core;
using Workbook.Metronome;
using Workbook.Sandbox;

namespace Workbook.Tests.Sandbox;

/// <summary>The sandbox's wire format, checked with a plain HttpClient against the documented shapes.</summary>
public class SandboxApiTests
{
    private static async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(HttpClient http, string path, string json)
    {
        using var response = await http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    [Fact]
    public async Task Lists_use_the_documented_envelope_snake_case_and_utc_timestamps()
    {
        var data = new TestDataset().WithCustomers(3);
        var customer = data.Customers[0].Id;
        data.WithInvoice(TestDataset.MakeInvoice(customer, SandboxInvoice.Finalized, 810127.205m, new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero)));
        await using var sandbox = await TestSandbox.StartAsync(data.Build());
        using var http = sandbox.RawHttp();

        var (status, customers) = await GetAsync(http, "/v1/customers?limit=2");
        var (_, lastPage) = await GetAsync(http, $"/v1/customers?limit=2&next_page={Uri.EscapeDataString(customers.GetProperty("next_page").GetString()!)}");
        var (_, invoices) = await GetAsync(http, $"/v1/customers/{customer}/invoices");

        Assert.Equal(HttpStatusCode.OK, status);
        var first = customers.GetProperty("data")[0];
        Assert.Equal(customer, first.GetProperty("id").GetString());
        Assert.Equal("alias_0", first.GetProperty("ingest_aliases")[0].GetString());
        Assert.Equal("2024-01-01T00:00:00Z", first.GetProperty("created_at").GetString());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("archived_at").ValueKind);
        Assert.Equal(JsonValueKind.Null, lastPage.GetProperty("next_page").ValueKind); // always present, null at the end
        Assert.Single(lastPage.GetProperty("data").EnumerateArray());

        var invoice = invoices.GetProperty("data")[0];
        Assert.Equal("810127.205", invoice.GetProperty("total").GetRawText());
        Assert.Equal(CreditType.UsdCentsId, invoice.GetProperty("credit_type").GetProperty("id").GetString());
        Assert.Equal("USD (cents)", invoice.GetProperty("credit_type").GetProperty("name").GetString());
        Assert.Equal(2, invoice.GetProperty("credit_type").EnumerateObject().Count());
        Assert.Equal("2024-03-01T00:00:00Z", invoice.GetProperty("start_timestamp").GetString());
        Assert.True(invoice.GetProperty("line_items")[0].TryGetProperty("sub_line_items", out _));
    }

    [Fact]
    public async Task Requests_without_the_right_token_get_401()
    {
        await using var sandbox = await TestSandbox.StartAsync(new TestDataset().WithCustomers(1).Build());
        using var anonymous = sandbox.RawHttp(authorized: false);
        using var wrong = sandbox.RawHttp(authorized: false);
        wrong.DefaultRequestHeaders.Authorization = new("Bearer", sandbox.Server.BearerToken + "x");

        var (missing, body) = await GetAsync(anonymous, "/v1/customers");
        var (rejected, _) = await GetAsync(wrong, "/v1/credit-types/list");

        Assert.Equal(HttpStatusCode.Unauthorized, missing);
        Assert.Equal(HttpStatusCode.Unauthorized, rejected);
        Assert.Equal("invalid or missing bearer token", body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task The_bearer_scheme_is_case_insensitive_and_the_token_is_not()
    {
        await using var sandbox = await TestSandbox.StartAsync(new TestDataset().WithCustomers(1).Build());
        using var lower = sandbox.RawHttp(authorized: false);
        lower.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "bearer " + sandbox.Server.BearerToken);
        using var upperToken = sandbox.RawHttp(authorized: false);
        upperToken.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "BEARER " + sandbox.Server.BearerToken.ToUpperInvariant());

        Assert.Equal(HttpStatusCode.OK, (await GetAsync(lower, "/v1/customers")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(upperToken, "/v1/customers")).Status);
    }

    [Fact]
    public async Task Invalid_utf8_inside_a_json_string_is_a_400_that_says_so()
    {
        var data = new TestDataset().WithCustomers(1);
        await using var sandbox = await TestSandbox.StartAsync(data.Build());
        using var http = sandbox.RawHttp();
        byte[] body = [.. "{\"customer_id\": \"caf"u8, 0xE9, .. "\"}"u8]; // a Windows-1252 é

        using var response = await http.PostAsync("/v1/contracts/customerBalances/list", new ByteArrayContent(body) { Headers = { ContentType = new("application/json") } });
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("the body is not valid UTF-8", JsonDocument.Parse(text).RootElement.GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("/v1/customers?limit=0", "limit must be an integer between 1 and 100, got '0'")]
    [InlineData("/v1/customers?limit=abc", "limit must be an integer between 1 and 100, got 'abc'")]
    [InlineData("/v1/credit-types/list?limit=101", "limit must be an integer between 1 and 100, got '101'")]
    [InlineData("/v1/customers?next_page=not-a-cursor", "invalid next_page cursor")]
    [InlineData("/v1/customers?only_archived=yes", "only_archived must be true or false, got 'yes'")]
    public async Task Bad_parameters_get_400_with_a_message(string path, string message)
    {
        await using var sandbox = await TestSandbox.StartAsync(new TestDataset().WithCustomers(1).Build());
        using var http = sandbox.RawHttp();

        var (status, body) = await GetAsync(http, path);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(message, body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Unknown_ids_and_paths_get_404()
    {
        var data = new TestDataset().WithCustomers(1);
        await using var sandbox = await TestSandbox.StartAsync(data.Build());
        using var http = sandbox.RawHttp();

        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(http, "/v1/customers/nope")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(http, "/v1/customers/nope/plans")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(http, $"/v1/customers/{data.Customers[0].Id}/invoices/nope")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(http, "/v1/contracts/customerBalances/list", """{"customer_id": "nope"}""")).Status);
        var (status, body) = await GetAsync(http, "/v2/unknown");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("no such endpoint: GET /v2/unknown", body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Balances_need_a_customer_id_cap_the_limit_at_25_and_honour_the_include_flags()
    {
        var data = new TestDataset().WithCustomers(1);
        var customer = data.Customers[0].Id;
        data.WithBalances(
            customer,
            TestDataset.MakeBalance("contract commit", SandboxContractBalance.Prepaid, 874250.8m),
            TestDataset.MakeBalance("customer credit", SandboxContractBalance.Credit, 249.5m, contractLevel: false));
        await using var sandbox = await TestSandbox.StartAsync(data.Build());
        using var http = sandbox.RawHttp();

        var (missing, missingBody) = await PostAsync(http, "/v1/contracts/customerBalances/list", "{}");
        var (tooMany, _) = await PostAsync(http, "/v1/contracts/customerBalances/list", $$"""{"customer_id": "{{customer}}", "limit": 26}""");
        var (_, plain) = await PostAsync(http, "/v1/contracts/customerBalances/list", $$"""{"customer_id": "{{customer}}"}""");
        var (_, full) = await PostAsync(http, "/v1/contracts/customerBalances/list",
            $$"""{"customer_id": "{{customer}}", "include_balance": true, "include_contract_balances": true, "limit": 25}""");

        Assert.Equal(HttpStatusCode.BadRequest, missing);
        Assert.Equal("customer_id is required", missingBody.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, tooMany);
        var only = Assert.Single(plain.GetProperty("data").EnumerateArray());
        Assert.Equal("customer credit", only.GetProperty("name").GetString());
        Assert.False(only.TryGetProperty("balance", out _));
        Assert.Equal(["874250.8", "249.5"], full.GetProperty("data").EnumerateArray().Select(b => b.GetProperty("balance").GetRawText()));
        Assert.Equal("PREPAID", full.GetProperty("data")[0].GetProperty("type").GetString());
    }

    [Fact]
    public async Task Grants_filter_by_customer_in_the_body_and_refuse_conflicting_filters()
    {
        var data = new TestDataset().WithCustomers(2);
        data.WithGrant(TestDataset.MakeGrant(data.Customers[0].Id, "a", 1, 1)).WithGrant(TestDataset.MakeGrant(data.Customers[1].Id, "b", 2, 2));
        await using var sandbox = await TestSandbox.StartAsync(data.Build());
        using var http = sandbox.RawHttp();

        var (_, one) = await PostAsync(http, "/v1/credits/listGrants?limit=10", $$"""{"customer_ids": ["{{data.Customers[1].Id}}"]}""");
        var (_, all) = await PostAsync(http, "/v1/credits/listGrants", "");
        var (conflict, _) = await PostAsync(http, "/v1/credits/listGrants", """{"customer_ids": ["x"], "credit_grant_ids": ["y"]}""");

        Assert.Equal("b", Assert.Single(one.GetProperty("data").EnumerateArray()).GetProperty("name").GetString());
        Assert.Equal(2, all.GetProperty("data").GetArrayLength());
        Assert.Equal(HttpStatusCode.BadRequest, conflict);
    }

    [Fact]
    public async Task Customers_filter_by_alias_ids_and_archived_state()
    {
        var data = new TestDataset().WithCustomers(3).WithCustomer(TestDataset.MakeCustomer(3, archivedAt: TestDataset.Now));
        await using var sandbox = await TestSandbox.StartAsync(data.Build());
        using var http = sandbox.RawHttp();

        async Task<string[]> Names(string query) =>
            [.. (await GetAsync(http, "/v1/customers" + query)).Body.GetProperty("data").EnumerateArray().Select(c => c.GetProperty("name").GetString()!)];

        Assert.Equal(["Customer 0000", "Customer 0001", "Customer 0002"], await Names(""));
        Assert.Equal(["Customer 0003"], await Names("?only_archived=true"));
        Assert.Equal(["Customer 0001"], await Names("?ingest_alias=alias_1"));
        Assert.Equal(["Customer 0000", "Customer 0002"], await Names($"?customer_ids={data.Customers[0].Id},{data.Customers[2].Id}"));
        Assert.Equal(["Customer 0000", "Customer 0002"], await Names($"?customer_ids={data.Customers[0].Id}&customer_ids={data.Customers[2].Id}"));
    }

    [Fact]
    public async Task Credit_types_list_usd_cents_and_custom_units()
    {
        await using var sandbox = await TestSandbox.StartAsync(new TestDataset().WithCustomers(1).Build());
        using var client = sandbox.Client();

        var types = await client.CreditTypes.ListAsync().ToListAsync();

        Assert.Equal([(CreditType.UsdCentsId, "USD (cents)", true), (TestDataset.Tokens.Id, "compute tokens", false)], types.Select(t => (t.Id, t.Name, t.IsCurrency)));
    }

    [Fact]
    public async Task Stats_count_requests_and_need_no_token()
    {
        await using var sandbox = await TestSandbox.StartAsync(new TestDataset().WithCustomers(1).Build());
        using var http = sandbox.RawHttp(authorized: false);
        await GetAsync(http, "/v1/customers");

        var (status, body) = await GetAsync(http, "/_sandbox/stats");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(2, body.GetProperty("requests").GetInt64());
    }

    [Fact]
    public async Task The_base_url_is_loopback_on_the_port_it_picked()
    {
        await using var started = await SandboxServer.StartAsync(new SandboxOptions { Dataset = new TestDataset().WithCustomers(1).Build() });

        Assert.Equal("127.0.0.1", started.BaseUrl.Host);
        Assert.NotEqual(0, started.BaseUrl.Port);
        Assert.StartsWith("sandbox_", started.BearerToken);
        Assert.DoesNotContain(started.BearerToken, started.Options.ToString());
    }

    [Fact]
    public async Task Grant_balances_are_served_as_of_the_end_of_the_customers_current_billing_period()
    {
        var data = new TestDataset().WithCustomers(2);
        var invoiced = data.Customers[0].Id;
        var april = new DateTimeOffset(2024, 4, 1, 0, 0, 0, TimeSpan.Zero);
        data.WithInvoice(TestDataset.MakeInvoice(invoiced, SandboxInvoice.Draft, 10m, april.AddDays(-14)))
            .WithGrant(TestDataset.MakeGrant(invoiced, "lapsing", 2000m, 1500m) with { ExpiresAt = april.AddDays(10) })
            .WithGrant(TestDataset.MakeGrant(data.Customers[1].Id, "monthly", 300m, 300m));
        await using var sandbox = await TestSandbox.StartAsync(data.Build());
        using var http = sandbox.RawHttp();

        using var response = await http.PostAsync("v1/credits/listGrants", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var balances = json.RootElement.GetProperty("data").EnumerateArray().ToDictionary(
            g => g.GetProperty("name").GetString()!,
            g => g.GetProperty("balance").ToString());

        // The draft's period (18 March to 18 April) ends after the grant expires: nothing left including pending.
        Assert.Equal("""{"effective_at":"2024-04-18T00:00:00Z","excluding_pending":2000,"including_pending":0}""", balances["lapsing"]);
        // A customer never invoiced bills by calendar month: April ends on 1 May.
        Assert.Equal("""{"effective_at":"2024-05-01T00:00:00Z","excluding_pending":300,"including_pending":300}""", balances["monthly"]);
    }
}
