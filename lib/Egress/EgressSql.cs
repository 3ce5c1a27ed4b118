using Workbook.Sql;

namespace Workbook.Egress;

/// <summary>
/// The SQL of Part 2, embedded from lib/Egress/Sql/*.sql: the library runs these texts, the notebook's SQL cells
/// hold the same texts, and the tests run them too, so there is one copy of each question.
/// </summary>
public static class EgressSql
{
    /// <summary>The tables and the metric rules, created before the load.</summary>
    public const string Schema = "schema.sql";

    /// <summary>Run after the load: the indexes and metered_usage (each event's properties read once).</summary>
    public const string Derived = "derived.sql";

    /// <summary>(a) Images generated 10–25 March 2024 by image size.</summary>
    public const string ImagesBySize = "images_by_size.sql";

    /// <summary>(a) by day: images per day and size over the same window, for the chart.</summary>
    public const string ImagesPerDay = "images_per_day.sql";

    /// <summary>(b) A1 Company's FINALIZED March 2024 invoice: charges, product subtotals and the invoice total.</summary>
    public const string A1MarchInvoice = "a1_march_invoice.sql";

    /// <summary>(c) Billings by plan for March 2024: invoices whose billing period starts in March.</summary>
    public const string BillingsByPlan = "billings_by_plan.sql";

    /// <summary>(c), the other reading: invoices issued in March 2024.</summary>
    public const string BillingsByPlanIssued = "billings_by_plan_issued.sql";

    /// <summary>Every FINALIZED invoice's billed quantities against the quantities metered from raw events.</summary>
    public const string Reconciliation = "reconciliation.sql";

    /// <summary>Each plan charge's unit price, from the sub-line items that billed it.</summary>
    public const string ChargePrices = "charge_prices.sql";

    /// <summary>One customer's usage per billable metric over a period (parameters $customer_id, $start, $end).</summary>
    public const string MeteredUsageForPeriod = "metered_usage_for_period.sql";

    /// <summary>The text of one of the SQL files, exactly as in the repository.</summary>
    public static string Text(string fileName) => Texts.Text(fileName);

    /// <summary>The text <paramref name="engine"/> runs for <paramref name="fileName"/> (its own where the dialects differ).</summary>
    public static string Text(string fileName, SqlEngine engine) => Texts.Text(fileName, engine);

    /// <summary>True when <paramref name="engine"/> has its own text of <paramref name="fileName"/>.</summary>
    public static bool HasOwnText(string fileName, SqlEngine engine) => Texts.HasOwnText(fileName, engine);

    /// <summary>The names of the shared SQL files (lib/Egress/Sql/*.sql).</summary>
    public static IReadOnlyList<string> FileNames => Texts.FileNames;

    /// <summary>The names of <paramref name="engine"/>'s own files (lib/Egress/Sql/&lt;engine&gt;/*.sql).</summary>
    public static IReadOnlyList<string> OwnFileNames(SqlEngine engine) => Texts.OwnFileNames(engine);

    private static readonly SqlTexts Texts = new("Workbook.Egress.Sql.");
}
