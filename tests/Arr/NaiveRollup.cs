namespace Workbook.Tests.Arr;

/// <summary>
/// The rollup written the obvious way, straight from the challenge text: walk up the parents with a set of
/// visited ids, filter with dictionaries, sum with LINQ. Slow and clearly right: the engine must agree with it.
/// </summary>
internal static class NaiveRollup
{
    public sealed record Row(string? UltimateParent, decimal Arr, decimal? HierarchyArr);

    /// <summary>Each account's ultimate parent, by walking up its parents; none (null) on or below a cycle.</summary>
    public static Dictionary<string, string?> UltimateParents(ArrData data)
    {
        var parentOf = data.Accounts.ToDictionary(a => a.Id, a => a.Parent);

        string? Top(string id)
        {
            var seen = new HashSet<string>();
            for (var current = id; ; current = parentOf[current])
            {
                if (!seen.Add(current))
                {
                    return null; // walked into a cycle
                }

                var parent = parentOf[current];
                if (parent.Length == 0 || parent == current || !parentOf.ContainsKey(parent))
                {
                    return current;
                }
            }
        }

        return data.Accounts.ToDictionary(a => a.Id, a => Top(a.Id));
    }

    public static Dictionary<string, Row> Compute(ArrData data, DateOnly asOf)
    {
        var subscriptions = data.Subscriptions.ToDictionary(s => s.Id);

        static bool Active(DateOnly start, DateOnly end, DateOnly day) => start <= day && day <= end;

        var arr = data.Accounts.ToDictionary(a => a.Id, _ => 0m);
        foreach (var item in data.Items)
        {
            if (subscriptions.TryGetValue(item.Subscription, out var subscription)
                && arr.ContainsKey(subscription.Account)
                && Active(subscription.Start, subscription.End, asOf)
                && Active(item.Start, item.End, asOf))
            {
                arr[subscription.Account] += item.Quantity * item.ListPrice * (1 - item.Discount);
            }
        }

        var tops = UltimateParents(data);
        var hierarchies = tops.Where(t => t.Value is not null).GroupBy(t => t.Value!).ToDictionary(g => g.Key, g => g.Sum(t => arr[t.Key]));
        return data.Accounts.ToDictionary(
            a => a.Id,
            a => new Row(tops[a.Id], arr[a.Id], tops[a.Id] is { } top ? hierarchies[top] : null));
    }
}
