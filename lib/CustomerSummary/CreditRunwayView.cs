using System.Globalization;

namespace Workbook.CustomerSummary;

/// <summary>
/// One customer's credit outlook in US dollars, for the notebook's runway table and chart: the balance, how fast it
/// burns, how many days it lasts, what expires next, and where the open period is heading. The CSV
/// (<see cref="CustomerSummaryCsv"/>) holds the same figures. Amounts are dollars, unrounded; the runway is to one
/// decimal of a day, as in the CSV.
/// </summary>
/// <remarks>Short names on purpose: a table of these must fit a page.</remarks>
public sealed record CreditRunwayView(
    string Customer,
    decimal CreditUsd,
    decimal? BurnPerDayUsd,
    decimal? RunwayDays,
    string? NextExpiry,
    decimal? ExpiringUsd,
    decimal? ProjectedPeriodUsd)
{
    public static CreditRunwayView From(CustomerSummaryRow row) => new(
        row.CustomerName,
        MoneyTotals.UsdDollars(row.CreditBalanceCents) ?? 0m,
        MoneyTotals.UsdDollars(row.CreditBurnCentsPerDay),
        row.CreditRunwayDays is { } days ? Math.Round(days, 1, MidpointRounding.AwayFromZero) : null,
        row.NextCreditExpiry?.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        MoneyTotals.UsdDollars(row.CreditExpiringCents),
        MoneyTotals.UsdDollars(row.ProjectedPeriodTotalCents));

    /// <summary>Whether there is credit or spend to speak of.</summary>
    /// <remarks>A method, not a property, so that tables of views do not grow a column for it.</remarks>
    public bool HasCreditOrBurn() => CreditUsd != 0 || BurnPerDayUsd is > 0;
}
