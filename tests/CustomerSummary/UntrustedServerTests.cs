using System.Globalization;
using Workbook.CustomerSummary;
using Workbook.Metronome;
using Workbook.Tests.Metronome;

namespace Workbook.Tests.CustomerSummary;

/// <summary>
/// The customer summary against servers that answer less, or other, than the documentation promises: the report
/// reads what the official SDKs would read, and whatever is wrong with one customer's data fails that row only.
/// </summary>
public class UntrustedServerTests
{
    private static readonly DateTimeOffset AsOf = new(2024, 4, 11, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Customers_without_the_fields_the_report_does_not_use_give_the_complete_report()
    {
        var api = new ScriptedApi();
        // Only what the report reads; no updated_at, custom_fields, external_id or customer_config, and a billable
        // status this client has never heard of.
        api.Customers.Add(ScriptedApi.Json("""
            {"id": "c1", "name": "Acme", "created_at": "2024-01-02T03:04:05Z", "current_billable_status": {"value": "paused"}}
            """));
        api.Customers.Add(ScriptedApi.Json("""{"id": "c2", "name": "Beta", "created_at": "2024-01-03T00:00:00Z", "ingest_aliases": ["beta"]}"""));
        api.Customers.Add(ScriptedApi.Json("""{"id": "c3", "created_at": "2024-01-04T00:00:00Z"}"""));
        api.Invoices["c1"] = [ScriptedApi.Json($$"""
            {"id": "i1", "customer_id": "c1", "status": "FINALIZED", "total": 12345, "credit_type": {{ScriptedApi.Usd}},
             "start_timestamp": "2024-03-01T00:00:00Z", "end_timestamp": "2024-04-01T00:00:00Z"}
            """)];
        api.Grants["c1"] = [ScriptedApi.Json($$"""
            {"customer_id": "c1", "expires_at": "2025-01-01T00:00:00Z", "grant_amount": {"credit_type": {{ScriptedApi.Usd}} },
             "balance": {"excluding_pending": 5000, "including_pending": 4000} }
            """)];
        api.Balances["c2"] = [ScriptedApi.Json($$"""
            {"type": "PREPAID", "balance": 70000, "access_schedule": {"credit_type": {{ScriptedApi.Usd}}, "schedule_items": []} }
            """)];
        await using var server = await api.StartAsync();
        using var client = ScriptedApi.Client(server);

        var rows = await CustomerSummaryFetcher.BuildRowsAsync(client, AsOf);

        Assert.Equal(["", "Acme", "Beta"], rows.Select(r => r.CustomerName));
        Assert.Equal("error: GET /v1/customers: required field 'name' is missing", rows[0].Status);
        Assert.Equal("c3", rows[0].CustomerId);
        var acme = rows[1];
        Assert.True(acme.IsOk, acme.Status);
        Assert.Equal(12345m, acme.LifetimeBilledCents);
        Assert.Equal(1, acme.FinalizedInvoices);
        Assert.Equal(5000m, acme.CreditBalanceCents);
        Assert.Equal(4000m, acme.CreditBalanceIncludingPendingCents);
        Assert.Empty(acme.IngestAliases);
        var beta = rows[2];
        Assert.True(beta.IsOk, beta.Status);
        Assert.Equal(70000m, beta.CreditBalanceCents);
        Assert.Equal(["beta"], beta.IngestAliases);
    }

    [Fact]
    public async Task A_server_that_ignores_the_customer_filter_of_listGrants_gives_error_rows_not_someone_elses_credit()
    {
        var api = new ScriptedApi { IgnoreGrantFilter = true };
        foreach (var id in new[] { "c1", "c2" })
        {
            api.Customers.Add(ScriptedApi.Json($$"""{"id": "{{id}}", "name": "Customer {{id}}", "created_at": "2024-01-01T00:00:00Z"}"""));
            api.Grants[id] = [ScriptedApi.Json($$"""
                {"id": "g-{{id}}", "customer_id": "{{id}}", "expires_at": "2025-01-01T00:00:00Z",
                 "grant_amount": {"credit_type": {{ScriptedApi.Usd}} }, "balance": {"excluding_pending": 100, "including_pending": 100} }
                """)];
        }

        await using var server = await api.StartAsync();
        using var client = ScriptedApi.Client(server);

        var rows = await CustomerSummaryFetcher.BuildRowsAsync(client, AsOf);

        Assert.Equal(
            [
                "error: POST /v1/credits/listGrants for customer_ids [c1] returned grant g-c2 of another customer (c2)",
                "error: POST /v1/credits/listGrants for customer_ids [c2] returned grant g-c1 of another customer (c1)",
            ],
            rows.Select(r => r.Status));
        Assert.All(rows, r => Assert.Null(r.CreditBalanceCents));
    }

    [Fact]
    public async Task An_invoice_of_another_customer_fails_the_row()
    {
        var api = new ScriptedApi();
        api.Customers.Add(ScriptedApi.Json("""{"id": "c1", "name": "Acme", "created_at": "2024-01-01T00:00:00Z"}"""));
        api.Invoices["c1"] = [ScriptedApi.Json($$"""{"id": "i9", "customer_id": "c9", "status": "FINALIZED", "total": 1, "credit_type": {{ScriptedApi.Usd}} }""")];
        await using var server = await api.StartAsync();
        using var client = ScriptedApi.Client(server);

        var row = Assert.Single(await CustomerSummaryFetcher.BuildRowsAsync(client, AsOf));

        Assert.Equal("error: GET /v1/customers/c1/invoices returned invoice i9 of another customer (c9)", row.Status);
        Assert.Null(row.LifetimeBilledCents);
    }

    [Fact]
    public async Task Amounts_that_overflow_fail_that_customers_row_only()
    {
        var api = new ScriptedApi();
        foreach (var id in new[] { "c1", "c2" })
        {
            api.Customers.Add(ScriptedApi.Json($$"""{"id": "{{id}}", "name": "Customer {{id}}", "created_at": "2024-01-01T00:00:00Z"}"""));
        }

        // Two finalized invoices of 5e28 cents each: each fits a decimal, their sum does not.
        api.Invoices["c1"] = [.. new[] { "i1", "i2" }.Select(id => ScriptedApi.Json($$"""
            {"id": "{{id}}", "customer_id": "c1", "status": "FINALIZED", "total": 50000000000000000000000000000, "credit_type": {{ScriptedApi.Usd}} }
            """))];
        api.Invoices["c2"] = [ScriptedApi.Json($$"""{"id": "i3", "customer_id": "c2", "status": "FINALIZED", "total": 250, "credit_type": {{ScriptedApi.Usd}} }""")];
        await using var server = await api.StartAsync();
        using var client = ScriptedApi.Client(server);

        var rows = await CustomerSummaryFetcher.BuildRowsAsync(client, AsOf);

        Assert.StartsWith("error: the customer's amounts overflow the decimal range", rows[0].Status);
        Assert.True(rows[1].IsOk, rows[1].Status);
        Assert.Equal(250m, rows[1].LifetimeBilledCents);
    }

    [Fact]
    public async Task A_drawable_commit_without_its_balance_fails_the_row_naming_endpoint_and_field()
    {
        var api = new ScriptedApi();
        api.Customers.Add(ScriptedApi.Json("""{"id": "c1", "name": "Acme", "created_at": "2024-01-01T00:00:00Z"}"""));
        api.Balances["c1"] = [ScriptedApi.Json("""{"id": "k1", "type": "CREDIT"}""")];
        await using var server = await api.StartAsync();
        using var client = ScriptedApi.Client(server);

        var row = Assert.Single(await CustomerSummaryFetcher.BuildRowsAsync(client, AsOf));

        Assert.Equal(
            "error: POST /v1/contracts/customerBalances/list: required field 'balance' is missing on CREDIT k1 (asked with include_balance)",
            row.Status);
    }

    [Fact]
    public async Task A_list_of_endless_empty_pages_stops_with_a_clear_error()
    {
        var requests = 0;
        await using var server = await LengthRequiredServer.StartAsync((_, _) => Task.FromResult(new LengthRequiredServer.Answer(
            200, $$"""{"data": [], "next_page": "cursor-{{Interlocked.Increment(ref requests).ToString(CultureInfo.InvariantCulture)}}"}""")));
        using var client = ScriptedApi.Client(server);

        var error = await Assert.ThrowsAsync<MetronomeApiException>(() => CustomerSummaryFetcher.BuildRowsAsync(client, AsOf));

        Assert.Equal(
            "GET /v1/customers: 20 pages in a row had no items but a next_page cursor (page 20); stopping instead of paging on",
            error.Message);
        Assert.Equal(MetronomeDefaults.MaxEmptyPagesInARow, requests);
    }

    [Fact]
    public async Task A_run_past_its_deadline_stops_with_an_error_that_says_so()
    {
        // Slow empty pages, each with a fresh cursor: never more than a few in a row before the deadline.
        var requests = 0;
        await using var server = await LengthRequiredServer.StartAsync(async (_, _) =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(300));
            var n = Interlocked.Increment(ref requests);
            return new LengthRequiredServer.Answer(200, $$"""{"data": [], "next_page": "c{{n.ToString(CultureInfo.InvariantCulture)}}"}""");
        });
        await using var connection = await MetronomeConnection.OpenAsync(new MetronomeConnectionOptions
        {
            GetEnvironmentVariable = name => name == MetronomeClientOptions.TokenVariable ? "tok_deadline" : null,
            BaseUrl = server.BaseUrl,
            Deadline = TimeSpan.FromSeconds(1),
        });

        var started = DateTimeOffset.UtcNow;
        var error = await Assert.ThrowsAsync<Workbook.Core.WorkbookException>(() => connection.BuildRowsAsync());

        Assert.StartsWith("the customer summary did not finish within its deadline of 1 s (--deadline)", error.Message);
        Assert.InRange(requests, 1, 5);
        Assert.InRange(DateTimeOffset.UtcNow - started, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(5));
    }
}
