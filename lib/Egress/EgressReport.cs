using Workbook.Core;

namespace Workbook.Egress;

/// <summary>One CSV written by <see cref="EgressReport"/>.</summary>
public sealed record WrittenFile(string Path, int Rows);

/// <summary>
/// Writes the Part 2 answers as CSV: invariant culture, dollars to the cent and unit prices to 6 decimals (half
/// away from zero), quantities exact; each file written atomically and overwritten, never appended to.
/// </summary>
public static class EgressReport
{
    public const string ImagesBySizeFile = "images_by_size.csv";
    public const string A1MarchInvoiceFile = "a1_march_invoice.csv";
    public const string BillingsByPlanFile = "billings_by_plan.csv";
    public const string BillingsByPlanIssuedFile = "billings_by_plan_issued.csv";
    public const string ReconciliationFile = "reconciliation.csv";

    /// <summary>The files <see cref="Write"/> writes, in its order.</summary>
    public static readonly IReadOnlyList<string> Files = [ImagesBySizeFile, A1MarchInvoiceFile, BillingsByPlanFile, BillingsByPlanIssuedFile, ReconciliationFile];

    public static IReadOnlyList<WrittenFile> Write(EgressAnswers answers, string outputFolder) =>
    [
        Write(Path.Combine(outputFolder, ImagesBySizeFile), ["image_size", "num_images"], answers.ImagesBySize,
            (csv, row) => csv.Field(row.ImageSize).Field(Numbers.Plain(row.NumImages))),
        Write(Path.Combine(outputFolder, A1MarchInvoiceFile), ["product", "description", "quantity", "unit_price_usd", "total_usd"], answers.A1MarchInvoice,
            (csv, row) => csv.Field(row.Product).Field(row.Description)
                .Field(row.Quantity is { } quantity ? Numbers.Plain(quantity) : null)
                .Field(row.UnitPriceUsd is { } price ? Numbers.Fixed(price, 6) : null)
                .Field(Numbers.Dollars(row.TotalUsd))),
        WriteBillings(Path.Combine(outputFolder, BillingsByPlanFile), answers.BillingsByPlan),
        WriteBillings(Path.Combine(outputFolder, BillingsByPlanIssuedFile), answers.BillingsByPlanIssued),
        Write(Path.Combine(outputFolder, ReconciliationFile),
            ["customer_name", "period_start", "period_end", "product", "billable_metric", "billed_quantity", "metered_quantity", "difference", "status"],
            answers.Reconciliation,
            (csv, row) => csv.Field(row.CustomerName).Field(row.PeriodStart).Field(row.PeriodEnd).Field(row.Product).Field(row.BillableMetric)
                .Field(Numbers.Plain(row.BilledQuantity)).Field(Numbers.Plain(row.MeteredQuantity)).Field(Numbers.Plain(row.Difference)).Field(row.Status)),
    ];

    private static WrittenFile WriteBillings(string path, IReadOnlyList<PlanBilling> billings) =>
        Write(path, ["plan_name", "invoices", "customers", "total_usd"], billings,
            (csv, row) => csv.Field(row.PlanName).Field(row.Invoices).Field(row.Customers).Field(Numbers.Dollars(row.TotalUsd)));

    private static WrittenFile Write<T>(string path, IReadOnlyList<string> header, IReadOnlyList<T> rows, Action<CsvWriter, T> writeRow)
    {
        CsvWriter.WriteFile(path, header, rows, writeRow);
        return new WrittenFile(path, rows.Count);
    }
}
