using Workbook.Core;
using Workbook.Sandbox;

namespace Workbook.Tests.Sandbox;

/// <summary>The sample export loaded once for the tests of this class.</summary>
public sealed class SampleDatasetFixture
{
    public SandboxDataset Dataset { get; } = EgressSandboxDataset.Load(SharedData.EgressDir, SandboxSeed.BuiltIn(), strictSeed: true, "built-in seed.json");
}

public class EgressSandboxDatasetTests(SampleDatasetFixture fixture) : IClassFixture<SampleDatasetFixture>
{
    private SandboxDataset Data => fixture.Dataset;

    private SandboxCustomer Named(string name) => Data.Customers.Single(c => c.Name == name);

    [Fact]
    public void Serves_the_exports_52_active_customers_each_with_one_alias()
    {
        Assert.Equal(52, Data.Customers.Count);
        Assert.All(Data.Customers, c => Assert.Single(c.IngestAliases));
        Assert.All(Data.Customers, c => Assert.Null(c.ArchivedAt));
        Assert.Equal(["a1_company"], Named("A1 Company").IngestAliases);
        Assert.Equal(new DateTimeOffset(2024, 4, 2, 16, 3, 17, TimeSpan.Zero), Named("A1 Company").CreatedAt);
    }

    [Fact]
    public void Now_is_the_last_event_not_the_wall_clock() =>
        Assert.Equal(new DateTimeOffset(2024, 4, 2, 16, 3, 33, 485, TimeSpan.Zero), Data.Now);

    [Theory]
    [InlineData("A1 Company", "Infra SaaS Paygo", "7163.1875", "810127.205")]
    [InlineData("B1 Company", "Free Plan", "2921.89", "295411.62")]
    public void Finalized_invoices_come_from_the_export_and_the_open_period_has_a_draft(string name, string plan, string february, string march)
    {
        var invoices = Data.InvoicesOf(Named(name).Id);
        var finalized = invoices.Where(i => i.IsFinalized).OrderBy(i => i.Start).ToList();
        var draft = Assert.Single(invoices, i => i.IsDraft);

        Assert.Equal([decimal.Parse(february, System.Globalization.CultureInfo.InvariantCulture), decimal.Parse(march, System.Globalization.CultureInfo.InvariantCulture)], finalized.Select(i => i.Total));
        Assert.All(invoices, i => Assert.Equal(CreditType.UsdCents, i.CreditType));
        Assert.All(finalized, i => Assert.Equal(i.Total, i.LineItems.Sum(l => l.Total)));
        Assert.Equal(new DateTimeOffset(2024, 4, 1, 0, 0, 0, TimeSpan.Zero), draft.Start);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero), draft.End);
        Assert.Null(draft.IssuedAt);
        Assert.Equal(plan, draft.PlanName);
        Assert.True(draft.Total > 0);
        Assert.Equal(draft.Total, draft.LineItems.Sum(l => l.Total));
        Assert.All(draft.LineItems, l => Assert.Equal(l.Total, l.SubLineItems.Sum(s => s.Subtotal)));
        Assert.All(draft.LineItems.SelectMany(l => l.SubLineItems), s => Assert.Equal(s.Subtotal, s.Quantity * s.Price));
        Assert.Equal(plan, Assert.Single(Data.PlansOf(Named(name).Id)).PlanName);
    }

    [Fact]
    public void Customers_without_invoices_have_no_plan_and_no_invoice()
    {
        var others = Data.Customers.Where(c => c.Name is not ("A1 Company" or "B1 Company")).ToList();
        Assert.Equal(50, others.Count);
        Assert.All(others, c => Assert.Empty(Data.InvoicesOf(c.Id)));
        Assert.All(others, c => Assert.Empty(Data.PlansOf(c.Id)));
    }

    [Theory]
    [InlineData("Launch promotion", 35000, 30749.5)] // posted deductions; also the pending one
    [InlineData("Trial credit", 0, 0)] // expired on 31 March
    public void Grant_balances_are_as_of_the_end_of_the_current_billing_period(string grant, decimal excludingPending, decimal includingPending)
    {
        var a1 = Named("A1 Company").Id;
        var balance = Data.BalanceOf(Data.CreditGrants.Single(g => g.CustomerId == a1 && g.Name == grant));

        Assert.Equal(new GrantBalance(new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero), excludingPending, includingPending), balance);
    }

    [Fact]
    public void The_seed_adds_grants_contract_balances_and_a_custom_unit()
    {
        Assert.Equal(["Launch promotion", "Trial credit", "Compute token bundle"], Data.CreditGrants.Where(g => g.CustomerId == Named("A1 Company").Id).Select(g => g.Name));
        Assert.Equal(5, Data.ContractBalancesOf(Named("B1 Company").Id).Count);
        Assert.Equal(["USD (cents)", "compute tokens"], Data.CreditTypes.Select(t => t.Name));
    }
}

public class GeneratedExportDatasetTests
{
    [Fact]
    public void A_generated_export_keeps_its_own_drafts_and_voids_and_gets_no_second_draft()
    {
        using var dir = new TempDir();
        Workbook.Egress.EgressGenerator.Write(dir.Path, new Workbook.Egress.EgressGeneratorOptions(Customers: 12, Seed: 5, EventsPerCustomer: 10));

        // The built-in seed names a1_company and b1_company, which the generator always writes.
        var data = EgressSandboxDataset.Load(dir.Path, SandboxSeed.BuiltIn(), strictSeed: true, "built-in seed.json");

        Assert.Equal(12, data.Customers.Count);
        var invoices = data.Customers.SelectMany(c => data.InvoicesOf(c.Id)).ToList();
        Assert.Contains(invoices, i => i.Status == SandboxInvoice.Void);
        foreach (var customer in data.Customers)
        {
            var drafts = data.InvoicesOf(customer.Id).Where(i => i.IsDraft).ToList();
            Assert.Equal(drafts.Count, drafts.Select(d => d.Start).Distinct().Count());
        }

        Assert.NotEmpty(data.CreditGrants);
    }
}
