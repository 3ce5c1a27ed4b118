using Microsoft.Data.Sqlite;

namespace Workbook.Metronome;

/// <summary>One customer whose summary disagrees with the data export it was served from.</summary>
public sealed record SummaryMismatch(string Customer, string Field, string Report, string Export);

/// <summary>The outcome of <see cref="CustomerSummaryCheck.AgainstExport"/>.</summary>
public sealed record SummaryCheckResult(int CustomersInReport, int CustomersInExport, IReadOnlyList<SummaryMismatch> Mismatches)
{
    public bool Agrees => CustomersInReport == CustomersInExport && Mismatches.Count == 0;

    public override string ToString() => Agrees
        ? $"All {CustomersInReport} customers agree with the export: finalized invoice counts, lifetime billed and last finalized period."
        : $"{Mismatches.Count} disagreements; {CustomersInReport} customers in the report, {CustomersInExport} in the export.";
}

/// <summary>
/// Checks a customer summary made through the API against the data export it was served from (the sandbox's
/// case): the same customers, and per customer the FINALIZED invoice count, the lifetime billed (sum of FINALIZED
/// USD totals, VOID excluded) and the end of the last finalized period, read straight from the export's tables.
/// A round trip through HTTP, JSON, pagination and the report's arithmetic that must change nothing.
/// </summary>
public static class CustomerSummaryCheck
{
    private const string ExportFigures = """
        SELECT c.id,
               COUNT(i.id),
               COALESCE(SUM(i.total), 0),
               MAX(i.end_timestamp)
        FROM customer c
        LEFT JOIN invoice i
               ON i.customer_id = c.id AND i.status = 'FINALIZED' AND i.credit_type_id = '2714e483-4ff1-48e4-9e25-ac732e8f24f2'
        GROUP BY c.id
        """;

    public static SummaryCheckResult AgainstExport(IReadOnlyList<CustomerSummaryRow> rows, SqliteConnection export)
    {
        var exportFigures = new Dictionary<string, (long Count, decimal TotalCents, string? LastEnd)>(StringComparer.Ordinal);
        using (var command = export.CreateCommand())
        {
            command.CommandText = ExportFigures;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                // REAL sums of the export's amounts: 15 significant digits drop the binary noise (see the egress answers).
                exportFigures[reader.GetString(0)] = (reader.GetInt64(1), (decimal)reader.GetDouble(2), reader.IsDBNull(3) ? null : reader.GetString(3));
            }
        }

        var mismatches = new List<SummaryMismatch>();
        foreach (var row in rows)
        {
            if (!exportFigures.TryGetValue(row.CustomerId, out var figures))
            {
                mismatches.Add(new(row.CustomerName, "customer_id", row.CustomerId, "(not in the export)"));
                continue;
            }

            Compare(row, "finalized_invoices", row.FinalizedInvoices ?? 0, figures.Count, mismatches);
            Compare(row, "lifetime_billed (cents)", row.LifetimeBilledCents ?? 0m, figures.TotalCents, mismatches);
            Compare(row, "last_finalized_period_end", row.LastFinalizedPeriodEnd is { } end ? MetronomeJson.FormatTimestamp(end) : null,
                figures.LastEnd is { } last ? MetronomeJson.FormatTimestamp(DateTimeOffset.Parse(last, System.Globalization.CultureInfo.InvariantCulture)) : null, mismatches);
        }

        return new SummaryCheckResult(rows.Count, exportFigures.Count, mismatches);
    }

    private static void Compare<T>(CustomerSummaryRow row, string field, T report, T export, List<SummaryMismatch> mismatches)
    {
        if (!EqualityComparer<T>.Default.Equals(report, export))
        {
            mismatches.Add(new(row.CustomerName, field, Convert.ToString(report, System.Globalization.CultureInfo.InvariantCulture) ?? "",
                Convert.ToString(export, System.Globalization.CultureInfo.InvariantCulture) ?? ""));
        }
    }
}
