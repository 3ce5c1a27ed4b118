using Workbook.CustomerSummary;
using Workbook.Tests.Metronome;

namespace Workbook.Tests.CustomerSummary;

/// <summary>
/// The four credit columns on a server whose balances, burn and expiries are known, and on the sandbox serving the
/// exercise's export. Expected figures are worked out by hand in the comments.
/// </summary>
public class CreditOutlookTests
{
    // 10 days into April's 30-day period.
    private static readonly DateTimeOffset AsOf = new(2024, 4, 11, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Burn_runway_next_expiry_and_projection_from_known_balances_burn_and_expiries()
    {
        var api = new ScriptedApi();
        api.Customers.Add(ScriptedApi.Json("""{"id": "c1", "name": "Acme", "created_at": "2024-01-01T00:00:00Z"}"""));
        api.Customers.Add(ScriptedApi.Json("""{"id": "c2", "name": "Beta", "created_at": "2024-01-01T00:00:00Z"}"""));
        // Acme: April's draft, 100,000 cents of usage before credits (90,000 after), 10 of 30 days elapsed.
        api.Invoices["c1"] = [ScriptedApi.Json($$"""
            {"id": "d1", "customer_id": "c1", "status": "DRAFT", "total": 90000, "subtotal": 100000, "credit_type": {{ScriptedApi.Usd}},
             "start_timestamp": "2024-04-01T00:00:00Z", "end_timestamp": "2024-05-01T00:00:00Z"}
            """)];
        api.Grants["c1"] =
        [
            Grant("c1", "2024-06-01T00:00:00Z", 300000),
            Grant("c1", "2024-05-01T00:00:00Z", 50000),
            Grant("c1", "2024-04-01T00:00:00Z", 0), // expired
        ];
        // A credit of 150,000 cents over two active segments of 100,000 each: the later-ending one holds 100,000,
        // the one ending 1 May the other 50,000.
        api.Balances["c1"] = [ScriptedApi.Json($$"""
            {"id": "k1", "type": "CREDIT", "balance": 150000, "access_schedule": {"credit_type": {{ScriptedApi.Usd}}, "schedule_items": [
              {"amount": 100000, "starting_at": "2024-01-01T00:00:00Z", "ending_before": "2024-05-01T00:00:00Z"},
              {"amount": 100000, "starting_at": "2024-04-01T00:00:00Z", "ending_before": "2024-12-01T00:00:00Z"}]} }
            """)];
        // Beta: no draft; March's finalized invoice, 31,000 cents of usage over 31 days; no credit.
        api.Invoices["c2"] = [ScriptedApi.Json($$"""
            {"id": "f1", "customer_id": "c2", "status": "FINALIZED", "total": 31000, "subtotal": 31000, "credit_type": {{ScriptedApi.Usd}},
             "start_timestamp": "2024-03-01T00:00:00Z", "end_timestamp": "2024-04-01T00:00:00Z"}
            """)];
        await using var server = await api.StartAsync();
        using var client = ScriptedApi.Client(server);

        var rows = await CustomerSummaryFetcher.BuildRowsAsync(client, AsOf);
        using var dir = new TempDir();
        CustomerSummaryCsv.Write(dir.File("summary.csv"), rows);
        var csv = CsvTable.Read(dir.File("summary.csv"));

        var acme = rows[0];
        Assert.Equal(500000m, acme.CreditBalanceCents);             // 300,000 + 50,000 + 150,000
        Assert.Equal(10000m, acme.CreditBurnCentsPerDay);           // 100,000 / 10 days
        Assert.Equal(50m, acme.CreditRunwayDays);                    // 500,000 / 10,000
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero), acme.NextCreditExpiry);
        Assert.Equal(100000m, acme.CreditExpiringCents);            // the 50,000 grant + 50,000 of the credit
        Assert.Equal(270000m, acme.ProjectedPeriodTotalCents);      // 90,000 × 30 / 10
        Assert.Equal(
            ["100.00", "50.0", "2024-05-01T00:00:00Z", "1000.00", "2700.00"],
            Columns(csv, 0));

        var beta = rows[1];
        Assert.Equal(1000m, beta.CreditBurnCentsPerDay);            // 31,000 / 31 days
        Assert.Null(beta.CreditRunwayDays);                          // no credit
        Assert.Null(beta.NextCreditExpiry);
        Assert.Null(beta.ProjectedPeriodTotalCents);                 // no draft
        Assert.Equal(["10.00", "", "", "", ""], Columns(csv, 1));
    }

    [Fact]
    public async Task On_the_sandbox_the_credit_columns_follow_the_seed_and_the_export()
    {
        await using var connection = await MetronomeConnection.OpenAsync(new MetronomeConnectionOptions
        {
            GetEnvironmentVariable = _ => null,
            ExportFolder = SharedData.EgressDir,
        });

        var rows = await connection.BuildRowsAsync();
        var a1 = rows.Single(r => r.CustomerName == "A1 Company");
        var b1 = rows.Single(r => r.CustomerName == "B1 Company");

        // A1: April's draft, priced from the usage of 1 April 00:00 to "now" (2 April 16:03:33.485), no credits applied
        // by the sandbox (subtotal = total); the promotional grant of 50,000 less 15,000 posted expires 1 March 2025.
        var elapsedDays = (decimal)(connection.AsOf - new DateTimeOffset(2024, 4, 1, 0, 0, 0, TimeSpan.Zero)).Ticks / TimeSpan.TicksPerDay;
        Assert.Equal(a1.CurrentInvoiceTotalCents / elapsedDays, a1.CreditBurnCentsPerDay);
        Assert.Equal(a1.CurrentInvoiceTotalCents / elapsedDays * 30, a1.ProjectedPeriodTotalCents);
        Assert.Equal(35000m, a1.CreditBalanceCents);
        Assert.Equal(35000m / a1.CreditBurnCentsPerDay, a1.CreditRunwayDays);
        Assert.Equal(new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero), a1.NextCreditExpiry);
        Assert.Equal(35000m, a1.CreditExpiringCents);
        Assert.True(b1.IsOk, b1.Status);
        Assert.NotNull(b1.NextCreditExpiry);
        Assert.All(rows.Where(r => r.CreditBalanceCents == 0), r => Assert.Null(r.CreditRunwayDays));
    }

    private static System.Text.Json.Nodes.JsonObject Grant(string customerId, string expiresAt, decimal excludingPending) => ScriptedApi.Json($$"""
        {"customer_id": "{{customerId}}", "expires_at": "{{expiresAt}}", "grant_amount": {"credit_type": {{ScriptedApi.Usd}} },
         "balance": {"excluding_pending": {{excludingPending}}, "including_pending": {{excludingPending}} } }
        """);

    private static string[] Columns(List<Dictionary<string, string>> csv, int row) =>
        OutlookColumns.Select(c => csv[row][c]).ToArray();

    private static readonly string[] OutlookColumns =
        ["credit_burn_usd_per_day", "credit_runway_days", "next_credit_expiry", "credit_expiring_usd", "projected_period_total_usd"];
}
