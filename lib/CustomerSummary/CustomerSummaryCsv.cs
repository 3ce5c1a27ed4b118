using System.Globalization;
using Workbook.Core;
using Workbook.Metronome;

namespace Workbook.CustomerSummary;

/// <summary>
/// The customer summary CSV: the columns the issue fixes, in that order, then two for invoice totals in other credit
/// types, then the credit outlook (<see cref="CreditOutlook"/>). USD (cents) becomes dollars here, at the edge, to 2
/// decimals (half away from zero); the burn rate to 2 decimals of a dollar a day, the runway to 1 decimal of a day.
/// </summary>
public static class CustomerSummaryCsv
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "customer_id", "customer_name", "ingest_aliases", "created_at", "archived_at", "plan_name",
        "current_invoice_id", "current_period_start", "current_period_end", "current_invoice_total_usd",
        "last_finalized_invoice_total_usd", "last_finalized_period_end", "finalized_invoices", "lifetime_billed_usd",
        "credit_balance_usd", "credit_balance_including_pending_usd", "other_credit_types", "status",
        "current_invoice_other_credit_types", "lifetime_billed_other_credit_types",
        "credit_burn_usd_per_day", "credit_runway_days", "next_credit_expiry", "credit_expiring_usd", "projected_period_total_usd",
    ];

    /// <summary>Writes <paramref name="rows"/> as they are ordered, atomically.</summary>
    public static void Write(string path, IReadOnlyList<CustomerSummaryRow> rows) =>
        CsvWriter.WriteFile(path, Columns, rows, WriteRow);

    public static void WriteRow(CsvWriter csv, CustomerSummaryRow row) => csv
        .Field(row.CustomerId)
        .Field(row.CustomerName)
        .Field(string.Join(';', row.IngestAliases))
        .Field(Timestamp(row.CreatedAt))
        .Field(Timestamp(row.ArchivedAt))
        .Field(row.PlanName)
        .Field(row.CurrentInvoiceId)
        .Field(Timestamp(row.CurrentPeriodStart))
        .Field(Timestamp(row.CurrentPeriodEnd))
        .Field(Dollars(row.CurrentInvoiceTotalCents))
        .Field(Dollars(row.LastFinalizedInvoiceTotalCents))
        .Field(Timestamp(row.LastFinalizedPeriodEnd))
        .Field(row.FinalizedInvoices?.ToString(CultureInfo.InvariantCulture))
        .Field(Dollars(row.LifetimeBilledCents))
        .Field(Dollars(row.CreditBalanceCents))
        .Field(Dollars(row.CreditBalanceIncludingPendingCents))
        .Field(Amounts(row.OtherCreditTypes))
        .Field(row.Status)
        .Field(Amounts(row.CurrentInvoiceOtherCreditTypes))
        .Field(Amounts(row.LifetimeBilledOtherCreditTypes))
        .Field(Dollars(row.CreditBurnCentsPerDay))
        .Field(row.CreditRunwayDays is { } days ? Numbers.Fixed(days, 1) : null)
        .Field(Timestamp(row.NextCreditExpiry))
        .Field(Dollars(row.CreditExpiringCents))
        .Field(Dollars(row.ProjectedPeriodTotalCents));

    /// <summary>Other credit types as <c>name=amount;...</c>, amounts in their own unit, never converted.</summary>
    public static string Amounts(IReadOnlyList<Money> amounts) =>
        string.Join(';', amounts.Select(m => $"{m.CreditType.Name}={Numbers.Plain(m.Amount)}"));

    private static string? Dollars(decimal? cents) => cents is { } c ? Numbers.Dollars(Money.UsdCents(c).ToUsdDollars()) : null;

    private static string? Timestamp(DateTimeOffset? value) => value is { } v ? MetronomeJson.FormatTimestamp(v) : null;
}
