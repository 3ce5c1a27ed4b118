namespace Workbook.Arr;

/// <summary>Total ARR on one day, with how many subscriptions were active.</summary>
public readonly record struct ArrPoint(DateOnly Date, decimal TotalArr, int ActiveSubscriptions);

/// <summary>
/// ARR over time, for the notebook's chart: the total on every month end of a range. Each item adds its ARR to the
/// month ends inside its active window (its term intersected with its subscription's), so the series costs one pass
/// over the items however many months it spans. Same activity rule as <see cref="ArrRollup"/>.
/// </summary>
public static class ArrTimeline
{
    /// <summary>The last day of every month from <paramref name="from"/>'s month to <paramref name="to"/>'s month, inclusive.</summary>
    public static IReadOnlyList<DateOnly> MonthEndDates(DateOnly from, DateOnly to)
    {
        var dates = new List<DateOnly>();
        for (var month = MonthNumber(from); month <= MonthNumber(to); month++)
        {
            dates.Add(MonthEnd(month));
        }

        return dates;
    }

    /// <summary>Months counted from year 0: a month's number is year × 12 + month − 1.</summary>
    public static int MonthNumber(DateOnly date) => date.Year * 12 + date.Month - 1;

    /// <summary>The last day of month number <paramref name="month"/>.</summary>
    public static DateOnly MonthEnd(int month)
    {
        var (year, index) = Math.DivRem(month, 12);
        return new DateOnly(year, index + 1, DateTime.DaysInMonth(year, index + 1));
    }

    /// <summary>
    /// The first and last month whose month end is active in the term [start, end] (day numbers, both ends
    /// inclusive, <see cref="ArrRollup.IsActive"/>); first &gt; last when no month end is.
    /// </summary>
    public static (int First, int Last) ActiveMonths(int start, int end)
    {
        if (end < start)
        {
            return (1, 0);
        }

        var first = MonthNumber(DateOnly.FromDayNumber(start)); // a month's end is never before a day of that month
        var endDate = DateOnly.FromDayNumber(end);
        var last = MonthNumber(endDate);
        return (first, ArrRollup.IsActive(start, end, MonthEnd(last).DayNumber) ? last : last - 1);
    }

    /// <summary>The item's active window: its term intersected with its subscription's (day numbers).</summary>
    internal static (int Start, int End) ItemTerm(ArrInputs inputs, int item)
    {
        var s = inputs.Items.Subscription[item];
        return (Math.Max(inputs.Items.Start[item], inputs.Subscriptions.Start[s]), Math.Min(inputs.Items.End[item], inputs.Subscriptions.End[s]));
    }

    public static IReadOnlyList<ArrPoint> MonthEnds(ArrInputs inputs, DateOnly from, DateOnly to)
    {
        var dates = MonthEndDates(from, to);
        var fromMonth = MonthNumber(from);
        var arr = new decimal[dates.Count + 1]; // difference arrays: +x at the first month end, -x after the last
        var active = new int[dates.Count + 1];

        (int First, int Last) Window(int start, int end)
        {
            var (first, last) = ActiveMonths(start, end);
            return (Math.Max(first - fromMonth, 0), Math.Min(last - fromMonth, dates.Count - 1));
        }

        var subscriptions = inputs.Subscriptions;
        for (var s = 0; s < subscriptions.Count; s++)
        {
            if (subscriptions.Account[s] >= 0 && Window(subscriptions.Start[s], subscriptions.End[s]) is var (first, last) && first <= last)
            {
                active[first]++;
                active[last + 1]--;
            }
        }

        var items = inputs.Items;
        for (var i = 0; i < items.Count; i++)
        {
            if (subscriptions.Account[items.Subscription[i]] >= 0 && ItemTerm(inputs, i) is var (start, end)
                && Window(start, end) is var (first, last) && first <= last)
            {
                arr[first] += items.Arr[i];
                arr[last + 1] -= items.Arr[i];
            }
        }

        var points = new ArrPoint[dates.Count];
        decimal runningArr = 0m;
        var runningActive = 0;
        for (var m = 0; m < dates.Count; m++)
        {
            runningArr += arr[m];
            runningActive += active[m];
            points[m] = new ArrPoint(dates[m], runningArr, runningActive);
        }

        return points;
    }
}
