using System.Reflection;
using Workbook.Core;

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
    public static string Text(string fileName) =>
        TryText(Prefix + fileName) ?? throw new ArgumentException($"no embedded SQL file named {fileName}", nameof(fileName));

    /// <summary>
    /// The text <paramref name="engine"/> runs for <paramref name="fileName"/>: its own file in Sql/&lt;engine&gt;/
    /// where the dialects differ (that file says why), else the shared one.
    /// </summary>
    public static string Text(string fileName, SqlEngine engine) =>
        (engine == SqlEngine.Sqlite ? null : TryText($"{Prefix}{engine.Name()}.{fileName}")) ?? Text(fileName);

    /// <summary>True when <paramref name="engine"/> has its own text of <paramref name="fileName"/>.</summary>
    public static bool HasOwnText(string fileName, SqlEngine engine) =>
        engine != SqlEngine.Sqlite && Assembly.GetManifestResourceInfo($"{Prefix}{engine.Name()}.{fileName}") is not null;

    /// <summary>The names of the shared SQL files (lib/Egress/Sql/*.sql).</summary>
    public static IReadOnlyList<string> FileNames => Names("");

    /// <summary>The names of <paramref name="engine"/>'s own files (lib/Egress/Sql/&lt;engine&gt;/*.sql).</summary>
    public static IReadOnlyList<string> OwnFileNames(SqlEngine engine) => Names(engine.Name() + ".");

    private const string Prefix = "Workbook.Egress.Sql.";

    private static readonly Assembly Assembly = typeof(EgressSql).Assembly;

    private static string? TryText(string resource)
    {
        using var stream = Assembly.GetManifestResourceStream(resource);
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static List<string> Names(string folder) =>
        [.. Assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(Prefix + folder, StringComparison.Ordinal))
            .Select(name => name[(Prefix + folder).Length..])
            .Where(name => name.IndexOf('.') == name.LastIndexOf('.'))
            .Order(StringComparer.Ordinal)];
}
