using System.Runtime.CompilerServices;
namespace Workbook.Arr;

/// <summary>
/// The ARR rollup as a pure function: loaded inputs and an as-of date in, every account's ARR, subtree ARR and
/// hierarchy ARR out. Linear in the size of the input; no I/O.
/// </summary>
public static class ArrRollup
{
    /// <summary>Active on <paramref name="day"/>: start ≤ day ≤ end, both ends inclusive.</summary>
    public static bool IsActive(int start, int end, int day) => start <= day && day <= end;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // see ArrInputs: a loop over every row, run once
    public static ArrResult Compute(ArrInputs inputs, DateOnly asOf)
    {
        var day = asOf.DayNumber;
        var accounts = inputs.Accounts.Count;
        var subscriptions = inputs.Subscriptions;
        var items = inputs.Items;

        var subscriptionAccount = subscriptions.Account;
        var subscriptionStart = subscriptions.Start;
        var subscriptionEnd = subscriptions.End;
        var subscriptionActive = new bool[subscriptions.Count];
        var activeSubscriptions = 0;
        for (var s = 0; s < subscriptionActive.Length; s++)
        {
            if (subscriptionAccount[s] >= 0 && IsActive(subscriptionStart[s], subscriptionEnd[s], day))
            {
                subscriptionActive[s] = true;
                activeSubscriptions++;
            }
        }

        var itemSubscription = items.Subscription;
        var itemStart = items.Start;
        var itemEnd = items.End;
        var itemArr = items.Arr;
        var arr = new decimal[accounts];
        var activeItems = 0;
        for (var i = 0; i < itemArr.Length; i++)
        {
            var s = itemSubscription[i];
            if (subscriptionActive[s] && IsActive(itemStart[i], itemEnd[i], day))
            {
                arr[subscriptionAccount[s]] += itemArr[i];
                activeItems++;
            }
        }

        // A hierarchy's ARR is its members' sum: only paying accounts add anything. Accounts on or below a cycle have
        // no ultimate parent and no hierarchy. (Subtree sums, which need the whole tree, are left for who asks.)
        var ultimate = inputs.Hierarchy.UltimateParent;
        var hierarchyArr = new decimal[accounts];
        for (var account = 0; account < accounts; account++)
        {
            if (!IsPlainZero(arr[account]) && ultimate[account] >= 0)
            {
                hierarchyArr[ultimate[account]] += arr[account];
            }
        }

        return new ArrResult(inputs, asOf, arr, hierarchyArr, activeSubscriptions, activeItems);
    }

    /// <summary>
    /// Each account's ARR plus all its descendants', bottom-up: each account hands its subtree total to its parent,
    /// children first. Accounts on a cycle are not in ChildrenFirst and receive nothing: they have no subtree total.
    /// </summary>
    internal static decimal[] SubtreeSums(ArrInputs inputs, decimal[] arr)
    {
        var hierarchy = inputs.Hierarchy;
        var flags = hierarchy.Flags;
        var subtree = (decimal[])arr.Clone();
        foreach (var account in hierarchy.ChildrenFirst)
        {
            var parent = hierarchy.Parent[account];
            if (parent >= 0 && (flags[parent] & AccountFlags.Cycle) == 0 && !IsPlainZero(subtree[account]))
            {
                subtree[parent] += subtree[account];
            }
        }

        return subtree;
    }

    /// <summary>
    /// The 0m an unpaid account starts with: adding it changes neither a sum's value nor its scale, so it is skipped
    /// (most accounts pay nothing, and a decimal addition is a call). A zero with decimals, 0.00, still counts.
    /// </summary>
    internal static bool IsPlainZero(decimal value) => decimal.Sign(value) == 0 && value.Scale == 0;
}
