using System.Globalization;
using Workbook.Core;
using Workbook.CustomerSummary;
using Workbook.Metronome;
using Workbook.Sandbox;
using Workbook.Tests.Cli;
using Workbook.Tests.Sandbox;

namespace Workbook.Tests.Metronome;

public class CustomerSummaryCommandTests
{
    private static string Dollars(decimal cents) => Numbers.Dollars(cents / 100m);

    [Fact]
    public async Task Without_a_token_the_sample_export_is_summarised_through_the_local_sandbox()
    {
        using var dir = new TempDir();
        var output = dir.File("customer_summary.csv");

        var result = await CliRunner.RunAsync(["customer-summary", "--out", output, "--data", SharedData.EgressDir]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("METRONOME_BEARER_TOKEN is not set: querying a local Metronome sandbox at http://127.0.0.1:", result.Err);
        Assert.Contains("wrote 52 customers to", result.Out);

        var oracle = SampleExportOracle.Load(SharedData.EgressDir);
        var rows = CsvTable.Read(output);
        Assert.Equal(52, rows.Count);
        Assert.Equal(
            oracle.Customers.OrderBy(c => c.Name, StringComparer.Ordinal).ThenBy(c => c.Id, StringComparer.Ordinal).Select(c => c.Id),
            rows.Select(r => r["customer_id"]));
        Assert.All(rows, r => Assert.Equal("ok", r["status"]));

        foreach (var customer in oracle.Customers)
        {
            var row = rows.Single(r => r["customer_id"] == customer.Id);
            var finalized = oracle.Invoices.Where(i => i.CustomerId == customer.Id && i.Status == "FINALIZED").OrderBy(i => i.End, StringComparer.Ordinal).ToList();
            Assert.Equal(customer.Name, row["customer_name"]);
            Assert.Equal(string.Join(';', customer.Aliases), row["ingest_aliases"]);
            Assert.Equal("", row["archived_at"]);
            Assert.Equal(finalized.Count.ToString(CultureInfo.InvariantCulture), row["finalized_invoices"]);
            Assert.Equal(Dollars(finalized.Sum(i => i.Total)), row["lifetime_billed_usd"]);
            if (finalized.Count == 0)
            {
                // No plan, no invoice: the current-invoice columns stay empty.
                foreach (var column in new[] { "plan_name", "current_invoice_id", "current_period_start", "current_period_end", "current_invoice_total_usd", "last_finalized_invoice_total_usd" })
                {
                    Assert.Equal("", row[column]);
                }

                continue;
            }

            Assert.Equal(finalized[^1].PlanName, row["plan_name"]);
            Assert.Equal(Dollars(finalized[^1].Total), row["last_finalized_invoice_total_usd"]);
            Assert.Equal($"{finalized[^1].End}T00:00:00Z", row["last_finalized_period_end"]);
            Assert.Equal("2024-04-01T00:00:00Z", row["current_period_start"]);
            Assert.Equal("2024-05-01T00:00:00Z", row["current_period_end"]);
            Assert.Equal(Dollars(oracle.AprilDraftCents(customer.Id)), row["current_invoice_total_usd"]);
        }

        var a1 = rows.Single(r => r["customer_name"] == "A1 Company");
        var b1 = rows.Single(r => r["customer_name"] == "B1 Company");
        // The exercise's figures: 7163.1875 + 810127.205 cents and 2921.89 + 295411.62 cents.
        Assert.Equal(("8172.90", "8101.27", "Infra SaaS Paygo"), (a1["lifetime_billed_usd"], a1["last_finalized_invoice_total_usd"], a1["plan_name"]));
        Assert.Equal(("2983.34", "2954.12", "Free Plan"), (b1["lifetime_billed_usd"], b1["last_finalized_invoice_total_usd"], b1["plan_name"]));
        Assert.NotEqual("0.00", a1["current_invoice_total_usd"]);
        // From lib/Sandbox/seed.json. A1: 50000 - 15000 = 35000 cents; 4250.5 pending; the trial grant expired.
        Assert.Equal(("350.00", "307.50", "compute tokens=1000"), (a1["credit_balance_usd"], a1["credit_balance_including_pending_usd"], a1["other_credit_types"]));
        // B1: prepaid 874250.8 + credit 2500 + customer-level credit 249.5 cents; the postpaid commit is not credit.
        Assert.Equal(("8770.00", "8770.00", "compute tokens=500"), (b1["credit_balance_usd"], b1["credit_balance_including_pending_usd"], b1["other_credit_types"]));
        Assert.All(rows.Where(r => r != a1 && r != b1), r => Assert.Equal(("0.00", "0.00", ""), (r["credit_balance_usd"], r["credit_balance_including_pending_usd"], r["other_credit_types"])));
    }

    private static TestDataset SyntheticCustomers(int count)
    {
        var data = new TestDataset().WithCustomers(count);
        var march = new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero);
        foreach (var (customer, i) in data.Customers.Select((c, i) => (c, i)).ToList())
        {
            data.WithInvoice(TestDataset.MakeInvoice(customer.Id, SandboxInvoice.Finalized, 1000m + i, march))
                .WithInvoice(TestDataset.MakeInvoice(customer.Id, SandboxInvoice.Draft, 50.5m * i, march.AddMonths(1)))
                .WithGrant(TestDataset.MakeGrant(customer.Id, "promo", 100m * i, 90m * i));
        }

        return data;
    }

    private static Dictionary<string, string> Api(TestSandbox sandbox, string? token = null) =>
        new() { ["METRONOME_BEARER_TOKEN"] = token ?? sandbox.Server.BearerToken };

    [Fact]
    public async Task With_a_token_and_base_url_it_reports_from_that_server_identically_on_every_run()
    {
        var data = SyntheticCustomers(30);
        await using var sandbox = await TestSandbox.StartAsync(data.Build());
        using var dir = new TempDir();
        string[] args = ["customer-summary", "--base-url", sandbox.Server.BaseUrl.ToString(), "--concurrency", "4"];

        var first = await CliRunner.RunAsync([.. args, "--out", dir.File("a.csv")], environment: Api(sandbox));
        var second = await CliRunner.RunAsync([.. args, "--out", dir.File("b.csv")], environment: Api(sandbox));

        Assert.Equal(0, first.ExitCode);
        Assert.DoesNotContain("sandbox", first.Err);
        Assert.Equal(File.ReadAllBytes(dir.File("a.csv")), File.ReadAllBytes(dir.File("b.csv")));
        var rows = CsvTable.Read(dir.File("a.csv"));
        Assert.Equal(30, rows.Count);
        var seventh = rows.Single(r => r["customer_name"] == "Customer 0007");
        Assert.Equal(("10.07", "3.54", "7.00", "6.30"), (seventh["lifetime_billed_usd"], seventh["current_invoice_total_usd"], seventh["credit_balance_usd"], seventh["credit_balance_including_pending_usd"]));
        // 2 customer-list calls (active, archived) + 4 per customer.
        Assert.Equal(2 * (2 + (4 * 30)), sandbox.Server.RequestCount);
    }

    [Fact]
    public async Task One_failing_customer_gets_its_error_in_the_status_the_others_are_intact_and_the_exit_code_is_1()
    {
        var data = SyntheticCustomers(12);
        var broken = data.Customers[5];
        await using var sandbox = await TestSandbox.StartAsync(
            data.Build(), new SandboxFault { Kind = SandboxFaultKind.ServerError, PathContains = $"/v1/customers/{broken.Id}/" });
        using var dir = new TempDir();
        var output = dir.File("summary.csv");

        var result = await CliRunner.RunAsync(
            ["customer-summary", "--out", output, "--base-url", sandbox.Server.BaseUrl.ToString()], environment: Api(sandbox));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error: 1 of 12 customers could not be summarised", result.Err);
        var rows = CsvTable.Read(output);
        Assert.Equal(12, rows.Count);
        var failed = rows.Single(r => r["customer_id"] == broken.Id);
        Assert.Equal(
            $"error: GET /v1/customers/{broken.Id}/invoices: server error (500 Internal Server Error): internal server error (injected) (after 3 attempts)",
            failed["status"]);
        Assert.Equal(("Customer 0005", "alias_5", "", ""), (failed["customer_name"], failed["ingest_aliases"], failed["lifetime_billed_usd"], failed["credit_balance_usd"]));
        foreach (var row in rows.Where(r => r != failed))
        {
            var i = int.Parse(row["customer_name"]["Customer ".Length..], CultureInfo.InvariantCulture);
            Assert.Equal("ok", row["status"]);
            Assert.Equal(Dollars(1000m + i), row["lifetime_billed_usd"]);
            Assert.Equal(Dollars(100m * i), row["credit_balance_usd"]);
        }
    }

    [Fact]
    public async Task A_rejected_token_fails_the_run_without_printing_the_token_or_writing_a_file()
    {
        await using var sandbox = await TestSandbox.StartAsync(SyntheticCustomers(2).Build());
        using var dir = new TempDir();
        const string token = "sk_live_do-not-print-me-987654321";

        var result = await CliRunner.RunAsync(
            ["customer-summary", "--out", dir.File("x.csv"), "--base-url", sandbox.Server.BaseUrl.ToString()], environment: Api(sandbox, token));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: GET /v1/customers: the API token was rejected (401 Unauthorized); check METRONOME_BEARER_TOKEN: invalid or missing bearer token\n", result.Err.ReplaceLineEndings("\n"));
        Assert.DoesNotContain(token, result.Out + result.Err);
        Assert.False(File.Exists(dir.File("x.csv")));
    }

    [Theory]
    [InlineData(new[] { "--base-url", "http://127.0.0.1:1" }, null, "--base-url names an API server but METRONOME_BEARER_TOKEN is not set")]
    [InlineData(new string[0], "METRONOME_BASE_URL", "METRONOME_BASE_URL names an API server but METRONOME_BEARER_TOKEN is not set")]
    [InlineData(new[] { "--data", "." }, "METRONOME_BEARER_TOKEN", "--data and --seed seed the local sandbox")]
    [InlineData(new[] { "--concurrency", "0" }, null, "--concurrency must be between 1 and 256, got 0")]
    public async Task Contradictory_or_bad_options_are_usage_errors(string[] extra, string? variable, string message)
    {
        using var dir = new TempDir();
        var env = variable is null ? new Dictionary<string, string>() : new Dictionary<string, string> { [variable] = "http://127.0.0.1:1" };

        var result = await CliRunner.RunAsync(["customer-summary", "--out", dir.File("x.csv"), .. extra], environment: env);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Err);
    }

    [Fact]
    public async Task Help_documents_every_option()
    {
        var summary = await CliRunner.RunAsync(["customer-summary", "--help"]);
        var sandbox = await CliRunner.RunAsync(["sandbox", "--help"]);

        Assert.Equal(0, summary.ExitCode);
        foreach (var option in new[] { "--out", "--base-url", "--concurrency", "--max-retries", "--timeout", "--data", "--seed" })
        {
            Assert.Contains(option, summary.Out);
        }

        foreach (var option in new[] { "--port", "--data", "--seed", "--token", "--latency-ms", "--fault", "--log" })
        {
            Assert.Contains(option, sandbox.Out);
        }
    }
}
