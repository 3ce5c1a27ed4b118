using Microsoft.Data.Sqlite;
using Workbook.Egress;
using Workbook.Metronome;

namespace Workbook.CustomerSummary;

/// <summary>
/// Checks a customer summary made through the API against the data export it was served from (the sandbox's
/// case): the same customers, and per customer the FINALIZED invoice count, the lifetime billed (sum of FINALIZED
/// USD totals, VOID excluded) and the end of the last finalized period, read from the export's tables through <see cref="ExportTables"/>.
/// A round trip through HTTP, JSON, pagination and the report's arithmetic that must change nothing.
/// </summary>
public static class CustomerSummaryCheck
{
    public static SummaryCheckResult AgainstExport(IReadOnlyList<CustomerSummaryRow> rows, SqliteConnection export)
    {
        var finalizedUsd = ExportTables.Invoices(export)
            .Where(i => i.IsFinalized && i.CreditType.IsUsdCents)
            .ToLookup(i => i.CustomerId, StringComparer.Ordinal);
        var exportCustomers = ExportTables.Customers(export).Select(c => c.Id).ToHashSet(StringComparer.Ordinal);

        var mismatches = new List<SummaryMismatch>();
        foreach (var row in rows)
        {
            if (!exportCustomers.Contains(row.CustomerId))
            {
                mismatches.Add(new(row.CustomerName, "customer_id", row.CustomerId, "(not in the export)"));
                continue;
            }

            var invoices = finalizedUsd[row.CustomerId].ToList();
            Compare(row, "finalized_invoices", row.FinalizedInvoices ?? 0, invoices.Count, mismatches);
            Compare(row, "lifetime_billed (cents)", row.LifetimeBilledCents ?? 0m, invoices.Sum(i => i.Total), mismatches);
            Compare(row, "last_finalized_period_end", Text(row.LastFinalizedPeriodEnd), Text(invoices.Count == 0 ? null : invoices.Max(i => i.End)), mismatches);
        }

        return new SummaryCheckResult(rows.Count, exportCustomers.Count, mismatches);
    }

    private static string? Text(DateTimeOffset? instant) => instant is { } value ? MetronomeJson.FormatTimestamp(value) : null;

    private static void Compare<T>(CustomerSummaryRow row, string field, T report, T export, List<SummaryMismatch> mismatches)
    {
        if (!EqualityComparer<T>.Default.Equals(report, export))
        {
            mismatches.Add(new(row.CustomerName, field, Convert.ToString(report, System.Globalization.CultureInfo.InvariantCulture) ?? "",
                Convert.ToString(export, System.Globalization.CultureInfo.InvariantCulture) ?? ""));
        }
    }
}
