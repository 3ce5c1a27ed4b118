namespace Workbook.Arr;

/// <summary>Total ARR on one day, with how many subscriptions were active.</summary>
public readonly record struct ArrPoint(DateOnly Date, decimal TotalArr, int ActiveSubscriptions);

/// <summary>
/// ARR over time, for the notebook's chart: the total on every month end of a range. Each item adds its ARR to the
/// month ends inside its active window (its term intersected with its subscription's), found by binary search, so the
/// series costs one pass over the items however many months it spans. Same activity rule as <see cref="ArrRollup"/>.
/// </summary>
public static class ArrTimeline
{
    /// <summary>The last day of every month from <paramref name="from"/>'s month to <paramref name="to"/>'s month, inclusive.</summary>
    public static IReadOnlyList<DateOnly> MonthEndDates(DateOnly from, DateOnly to)
    {
        var dates = new List<DateOnly>();
        for (var month = new DateOnly(from.Year, from.Month, 1); month <= to; month = month.AddMonths(1))
        {
            dates.Add(month.AddMonths(1).AddDays(-1));
        }

        return dates;
    }

    public static IReadOnlyList<ArrPoint> MonthEnds(ArrInputs inputs, DateOnly from, DateOnly to)
    {
        var dates = MonthEndDates(from, to);
        var days = dates.Select(date => date.DayNumber).ToArray();
        var arr = new decimal[days.Length + 1]; // difference arrays: +x at the first month end, -x after the last
        var active = new int[days.Length + 1];

        var subscriptions = inputs.Subscriptions;
        for (var s = 0; s < subscriptions.Count; s++)
        {
            if (subscriptions.Account[s] >= 0 && Window(days, subscriptions.Start[s], subscriptions.End[s]) is var (first, last) && first <= last)
            {
                active[first]++;
                active[last + 1]--;
            }
        }

        var items = inputs.Items;
        for (var i = 0; i < items.Count; i++)
        {
            var s = items.Subscription[i];
            if (subscriptions.Account[s] < 0)
            {
                continue;
            }

            var start = Math.Max(items.Start[i], subscriptions.Start[s]);
            var end = Math.Min(items.End[i], subscriptions.End[s]);
            if (Window(days, start, end) is var (first, last) && first <= last)
            {
                arr[first] += items.Arr[i];
                arr[last + 1] -= items.Arr[i];
            }
        }

        var points = new ArrPoint[days.Length];
        decimal runningArr = 0m;
        var runningActive = 0;
        for (var m = 0; m < days.Length; m++)
        {
            runningArr += arr[m];
            runningActive += active[m];
            points[m] = new ArrPoint(dates[m], runningArr, runningActive);
        }

        return points;
    }

    /// <summary>The indexes of the first and last sorted <paramref name="days"/> within [start, end]; first &gt; last when none is.</summary>
    private static (int First, int Last) Window(int[] days, int start, int end)
    {
        if (end < start)
        {
            return (1, 0);
        }

        var first = Array.BinarySearch(days, start);
        first = first >= 0 ? first : ~first;
        var last = Array.BinarySearch(days, end);
        last = last >= 0 ? last : ~last - 1;
        return (first, last);
    }
}
