using Workbook.Core;
using Workbook.Metronome;

namespace Workbook.CustomerSummary;

/// <summary>Sums amounts per credit type (by id): a customer can hold balances and invoices in several units.</summary>
public static class MoneyTotals
{
    /// <summary>One total per credit type, ordered by credit-type name then id (ordinal), so output is stable.</summary>
    public static IReadOnlyList<Money> ByCreditType(IEnumerable<Money> amounts) =>
        amounts
            .GroupBy(m => m.CreditType.Id, StringComparer.Ordinal)
            .Select(g => new Money(g.Sum(m => m.Amount), g.First().CreditType))
            .OrderBy(m => m.CreditType.Name, StringComparer.Ordinal)
            .ThenBy(m => m.CreditType.Id, StringComparer.Ordinal)
            .ToList();

    /// <summary>The USD (cents) part of <paramref name="amounts"/>, or null when none of them is in USD (cents).</summary>
    public static decimal? UsdCents(IEnumerable<Money> amounts)
    {
        decimal? total = null;
        foreach (var money in amounts)
        {
            if (money.CreditType.IsUsdCents)
            {
                total = (total ?? 0m) + money.Amount;
            }
        }

        return total;
    }

    public static IReadOnlyList<Money> NotUsdCents(IEnumerable<Money> amounts) => ByCreditType(amounts.Where(m => !m.CreditType.IsUsdCents));

    /// <summary>USD (cents) as dollars, unrounded, for views; null stays null.</summary>
    public static decimal? UsdDollars(decimal? cents) => cents is { } c ? Money.UsdCents(c).ToUsdDollars() : null;
}
