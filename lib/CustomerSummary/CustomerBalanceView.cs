using Workbook.Core;
using Workbook.Metronome;

namespace Workbook.CustomerSummary;

/// <summary>
/// One customer's summary in US dollars, the columns a finance reader looks at first: for tables and charts in the
/// notebook. The CSV (<see cref="CustomerSummaryCsv"/>) keeps every column. Amounts are dollars, unrounded.
/// </summary>
/// <remarks>Short names on purpose: a table of these must fit a page.</remarks>
public sealed record CustomerBalanceView(
    string Customer,
    string? Plan,
    decimal? CurrentInvoiceUsd,
    decimal? LastInvoiceUsd,
    decimal? LifetimeBilledUsd,
    decimal? CreditUsd,
    decimal? CreditWithPendingUsd,
    string OtherCredits)
{
    public static CustomerBalanceView From(CustomerSummaryRow row) => new(
        row.CustomerName,
        row.PlanName,
        MoneyTotals.UsdDollars(row.CurrentInvoiceTotalCents),
        MoneyTotals.UsdDollars(row.LastFinalizedInvoiceTotalCents),
        MoneyTotals.UsdDollars(row.LifetimeBilledCents),
        MoneyTotals.UsdDollars(row.CreditBalanceCents),
        MoneyTotals.UsdDollars(row.CreditBalanceIncludingPendingCents),
        CustomerSummaryCsv.Amounts(row.OtherCreditTypes));

    /// <summary>Whether the customer has anything to show beyond its name: an invoice, a plan or a credit.</summary>
    /// <remarks>A method, not a property, so that tables of views do not grow a column for it.</remarks>
    public bool HasActivity() =>
        Plan is not null || CurrentInvoiceUsd is not null || LifetimeBilledUsd > 0 || CreditUsd is > 0 || OtherCredits.Length > 0;
}
