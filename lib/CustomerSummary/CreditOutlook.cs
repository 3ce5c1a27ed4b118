using Workbook.Metronome;

namespace Workbook.CustomerSummary;

/// <summary>
/// The credit questions finance asks after the balance: how fast credit burns, how long it lasts, when part of it
/// expires, and where the open period is heading. Pure arithmetic in USD (cents) on what the API returned; other
/// units are left out (they are not money finance can add up). Every number is exact <c>decimal</c>: no rounding
/// until the CSV is written.
/// </summary>
public static class CreditOutlook
{
    /// <summary>
    /// USD (cents) of usage per day: the current drafts' subtotal over the days elapsed in their period at
    /// <paramref name="asOf"/> (at most the whole period); with no current draft, the last finalized invoices' subtotal
    /// over their period's days. Null when the invoices lack a subtotal or a period, or no time has elapsed.
    /// </summary>
    public static decimal? BurnCentsPerDay(IReadOnlyList<Invoice> currentDrafts, IReadOnlyList<Invoice> lastFinalized, DateTimeOffset asOf)
    {
        var drafts = UsdCents(currentDrafts);
        if (drafts.Count > 0)
        {
            return Per(Subtotal(drafts), ElapsedDays(drafts[0], asOf));
        }

        var last = UsdCents(lastFinalized);
        return last.Count == 0 ? null : Per(Subtotal(last), PeriodDays(last[0]));
    }

    /// <summary>The current drafts' USD total × the period's days ÷ the days elapsed; null with no USD draft or no time elapsed.</summary>
    public static decimal? ProjectedPeriodTotalCents(IReadOnlyList<Invoice> currentDrafts, DateTimeOffset asOf)
    {
        var drafts = UsdCents(currentDrafts);
        if (drafts.Count == 0 || Per(drafts.Sum(i => i.Total), ElapsedDays(drafts[0], asOf)) is not { } daily)
        {
            return null;
        }

        return PeriodDays(drafts[0]) is { } days ? daily * days : null;
    }

    /// <summary>Days the balance lasts at <paramref name="burnCentsPerDay"/>; null unless both are positive.</summary>
    public static decimal? RunwayDays(decimal creditBalanceCents, decimal? burnCentsPerDay) =>
        creditBalanceCents > 0 && burnCentsPerDay is > 0 and var burn ? creditBalanceCents / burn : null;

    /// <summary>
    /// The earliest instant after <paramref name="asOf"/> at which part of the USD credit balance expires, and how
    /// much: grants' balances (excluding pending, the part in <c>credit_balance_usd</c>) at their <c>expires_at</c>;
    /// a commit's or credit's balance at the end of its access-schedule segment. When several of its segments are
    /// active at once, the balance is taken to sit in the latest-ending ones (the API draws the soonest-expiring
    /// first), each holding at most its amount. Null when no USD credit expires.
    /// </summary>
    public static (DateTimeOffset At, decimal Cents)? NextExpiry(IReadOnlyList<CreditGrant> grants, IReadOnlyList<ContractBalance> balances, DateTimeOffset asOf)
    {
        var expiring = grants
            .Where(g => g.GrantAmount.CreditType.IsUsdCents && g.ExpiresAt > asOf && g.Balance.ExcludingPending > 0)
            .Select(g => (At: g.ExpiresAt, Cents: g.Balance.ExcludingPending))
            .Concat(balances.Where(b => b.IsDrawable && b.CreditType.IsUsdCents).SelectMany(b => Segments(b, asOf)))
            .ToList();
        if (expiring.Count == 0)
        {
            return null;
        }

        var first = expiring.Min(e => e.At);
        return (first, expiring.Where(e => e.At == first).Sum(e => e.Cents));
    }

    private static IEnumerable<(DateTimeOffset At, decimal Cents)> Segments(ContractBalance item, DateTimeOffset asOf)
    {
        var left = item.Balance ?? 0m;
        if (left <= 0 || item.AccessSchedule is null)
        {
            yield break;
        }

        var active = item.AccessSchedule.ScheduleItems
            .Where(s => s.StartingAt <= asOf && asOf < s.EndingBefore)
            .OrderByDescending(s => s.EndingBefore)
            .ToList();
        for (var i = 0; i < active.Count && left > 0; i++)
        {
            // The earliest-ending active segment takes whatever the later ones cannot hold.
            var share = i == active.Count - 1 ? left : Math.Min(left, active[i].Amount);
            left -= share;
            yield return (active[i].EndingBefore, share);
        }
    }

    private static List<Invoice> UsdCents(IReadOnlyList<Invoice> invoices) => invoices.Where(i => i.CreditType.IsUsdCents).ToList();

    private static decimal? Subtotal(IReadOnlyList<Invoice> invoices) =>
        invoices.All(i => i.Subtotal is not null) ? invoices.Sum(i => i.Subtotal!.Value) : null;

    private static decimal? Per(decimal? amount, decimal? days) => amount is { } a && days is > 0 and var d ? a / d : null;

    private static decimal? ElapsedDays(Invoice invoice, DateTimeOffset asOf) =>
        invoice.StartTimestamp is { } start && invoice.EndTimestamp is { } end ? Days(start, asOf < end ? asOf : end) : null;

    private static decimal? PeriodDays(Invoice invoice) =>
        invoice.StartTimestamp is { } start && invoice.EndTimestamp is { } end ? Days(start, end) : null;

    /// <summary>Exact days between two instants, fractions included.</summary>
    private static decimal Days(DateTimeOffset from, DateTimeOffset to) => (decimal)(to - from).Ticks / TimeSpan.TicksPerDay;
}
