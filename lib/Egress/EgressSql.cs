using System.Reflection;

namespace Workbook.Egress;

/// <summary>
/// The SQL of Part 2, embedded from lib/Egress/Sql/*.sql: the library runs these texts, the notebook's SQL cells
/// hold the same texts, and the tests run them too, so there is one copy of each question.
/// </summary>
public static class EgressSql
{
    /// <summary>The tables, indexes, metric rules and the metered_usage view.</summary>
    public const string Schema = "schema.sql";

    /// <summary>(a) Images generated 10–25 March 2024 by image size.</summary>
    public const string ImagesBySize = "images_by_size.sql";

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

    private static readonly Assembly Assembly = typeof(EgressSql).Assembly;

    /// <summary>The text of one of the SQL files, exactly as in the repository.</summary>
    public static string Text(string fileName)
    {
        using var stream = Assembly.GetManifestResourceStream("Workbook.Egress.Sql." + fileName)
            ?? throw new ArgumentException($"no embedded SQL file named {fileName}", nameof(fileName));
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The names of all embedded SQL files.</summary>
    public static IReadOnlyList<string> FileNames =>
        [.. Assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith("Workbook.Egress.Sql.", StringComparison.Ordinal))
            .Select(name => name["Workbook.Egress.Sql.".Length..])
            .Order(StringComparer.Ordinal)];
}
