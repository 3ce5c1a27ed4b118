using Workbook.Egress;
using Workbook.CustomerSummary;
using Workbook.Metronome;
using Workbook.Sandbox;
using Workbook.Tests.Sandbox;

namespace Workbook.Tests.Metronome;

/// <summary>The notebook's view and cross-check of the customer summary, on the sample export through the sandbox.</summary>
public class CustomerSummaryCheckTests(SampleDatasetFixture fixture) : IClassFixture<SampleDatasetFixture>
{
    private async Task<IReadOnlyList<CustomerSummaryRow>> SummariseAsync()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Dataset = fixture.Dataset });
        using var client = new MetronomeClient(new MetronomeClientOptions { BaseUrl = sandbox.BaseUrl, BearerToken = sandbox.BearerToken });
        return await CustomerSummaryFetcher.BuildRowsAsync(client, fixture.Dataset.Now, 8, progress: null, CancellationToken.None);
    }

    [Fact]
    public async Task The_summary_served_by_the_sandbox_agrees_with_the_export()
    {
        var rows = await SummariseAsync();
        using var export = EgressDatabase.Load(SharedData.EgressDir);

        var result = CustomerSummaryCheck.AgainstExport(rows, export.Connection);

        Assert.Empty(result.Mismatches);
        Assert.True(result.Agrees);
        Assert.Equal(52, result.CustomersInReport);
        Assert.StartsWith("All 52 customers agree", result.ToString());
    }

    [Fact]
    public async Task A_tampered_row_is_reported_with_field_and_both_values()
    {
        var rows = (await SummariseAsync()).ToList();
        var a1 = rows.FindIndex(r => r.CustomerName == "A1 Company");
        rows[a1] = rows[a1] with { LifetimeBilledCents = 1m, FinalizedInvoices = 5 };
        using var export = EgressDatabase.Load(SharedData.EgressDir);

        var result = CustomerSummaryCheck.AgainstExport(rows, export.Connection);

        Assert.False(result.Agrees);
        Assert.Equal(
            [new SummaryMismatch("A1 Company", "finalized_invoices", "5", "2"), new SummaryMismatch("A1 Company", "lifetime_billed (cents)", "1", "817290.3925")],
            result.Mismatches);
    }

    [Fact]
    public async Task The_dollar_view_converts_cents_and_keeps_other_credit_types_unconverted()
    {
        var views = (await SummariseAsync()).Select(CustomerBalanceView.From).ToList();

        var a1 = views.Single(v => v.Customer == "A1 Company");
        Assert.Equal("Infra SaaS Paygo", a1.Plan);
        Assert.Equal(8101.27205m, a1.LastInvoiceUsd);
        Assert.Equal(8172.903925m, a1.LifetimeBilledUsd);
        Assert.Equal(350m, a1.CreditUsd);
        Assert.Equal(307.495m, a1.CreditWithPendingUsd);
        Assert.True(a1.HasActivity());
        Assert.Contains(views, v => v.OtherCredits.Contains("compute tokens=", StringComparison.Ordinal));
        Assert.Contains(views, v => !v.HasActivity());
    }
}
