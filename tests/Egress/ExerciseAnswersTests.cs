using Workbook.Egress;

namespace Workbook.Tests.Egress;

/// <summary>The golden values of Part 2 on the exercise's export (checked by hand on the files).</summary>
public class ExerciseAnswersTests : IClassFixture<ExerciseAnswersTests.Loaded>
{
    public sealed class Loaded : IDisposable
    {
        public Loaded()
        {
            Database = EgressDatabase.Load(SharedData.EgressDir);
            Answers = EgressAnswers.Query(Database.Connection);
        }

        public EgressDatabase Database { get; }

        public EgressAnswers Answers { get; }

        public void Dispose() => Database.Dispose();
    }

    private readonly EgressAnswers _answers;

    public ExerciseAnswersTests(Loaded loaded) => _answers = loaded.Answers;

    [Fact]
    public void A_images_10_to_25_march_by_normalised_size()
    {
        Assert.Equal(
            [new ImageCount("256x256", 1411), new ImageCount("512x512", 1308), new ImageCount("1024x1024", 1328)],
            _answers.ImagesBySize);
    }

    [Fact]
    public void B_a1_march_invoice_has_20_charges_two_subtotals_and_the_billed_total()
    {
        var rows = _answers.A1MarchInvoice;
        Assert.Equal(23, rows.Count);
        Assert.Equal(16, rows.Count(r => r.Kind == InvoiceRowKind.Charge && r.Product == "CPU Hours"));
        Assert.Equal(4, rows.Count(r => r.Kind == InvoiceRowKind.Charge && r.Product == "Storage"));

        Assert.Equal(new InvoiceRow("CPU Hours", "CPU hours (c5.12xlarge)", 1668m, 0.012m, 20.016m), rows[0]);
        Assert.Equal(new InvoiceRow("CPU Hours", "Subtotal", null, null, 2222.153m), rows[16]);
        Assert.Equal(new InvoiceRow("Storage", "Storage GB-Hours (us-east-2)", 1011415.5m, 0.0011m, 1112.55705m), rows[19]);
        Assert.Equal(new InvoiceRow("Storage", "Subtotal", null, null, 5879.11905m), rows[21]);
        Assert.Equal(new InvoiceRow(null, "Invoice total", null, null, 8101.27205m), rows[22]);
        Assert.Null(_answers.A1MarchInvoiceDiscrepancy());
    }

    [Fact]
    public void C_billings_by_plan_for_march_by_billing_period()
    {
        Assert.Equal(
            [new PlanBilling("Infra SaaS Paygo", 1, 1, 8101.27205m), new PlanBilling("Free Plan", 1, 1, 2954.1162m)],
            _answers.BillingsByPlan);
    }

    [Fact]
    public void C_other_reading_invoices_issued_in_march_are_the_29_february_ones()
    {
        Assert.Equal(
            [new PlanBilling("Infra SaaS Paygo", 1, 1, 71.631875m), new PlanBilling("Free Plan", 1, 1, 29.2189m)],
            _answers.BillingsByPlanIssued);
    }

    [Fact]
    public void Reconciliation_every_billed_quantity_equals_the_events()
    {
        var rows = _answers.Reconciliation;
        Assert.Equal(51, rows.Count); // the sub-line items of the four FINALIZED invoices
        Assert.All(rows, row => Assert.Equal(ReconciliationRow.Match, row.Status));
        Assert.All(rows, row => Assert.Equal(row.BilledQuantity, row.MeteredQuantity));
        var m5 = rows.Single(r => r.CustomerName == "A1 Company" && r.PeriodStart == "2024-03-01" && r.BillableMetric == "CPU hours (m5.4xlarge)");
        Assert.Equal(3052m, m5.MeteredQuantity);
        var images = rows.Where(r => r.CustomerName == "B1 Company" && r.PeriodStart == "2024-03-01" && r.Product == "Images modeled")
            .ToDictionary(r => r.BillableMetric!, r => r.MeteredQuantity);
        Assert.Equal(2788m, images["Images (256x256)"]);
        Assert.Equal(2528m, images["Images (512x512)"]);
        Assert.Equal(2557m, images["Images (1024x1024)"]);
    }
}
