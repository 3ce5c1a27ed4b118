using System.Runtime.CompilerServices;

namespace Workbook.Arr;

/// <summary>One account's rollup, for notebooks and tests (the CLI writes straight from the arrays).</summary>
public readonly record struct AccountArr(
    string Id,
    string Name,
    string? UltimateParentId,
    decimal Arr,
    decimal? SubtreeArr,
    decimal? HierarchyArr,
    int? Depth,
    AccountFlags Flags);

/// <summary>A hierarchy's total: its ultimate parent, how many accounts it has, and its ARR.</summary>
public readonly record struct HierarchyTotal(string UltimateParentId, string Name, int Accounts, decimal Arr);

/// <summary>The headline numbers of a run, as the summary prints them.</summary>
public sealed record ArrSummary(
    DateOnly AsOf,
    int AccountRows,
    int SubscriptionRows,
    int ItemRows,
    int ActiveSubscriptions,
    int ActiveItems,
    int PayingAccounts,
    int Hierarchies,
    int LargestHierarchy,
    int MaxDepth,
    int Cycles,
    decimal TotalArr,
    ArrIssueLog Issues)
{
    /// <summary>The summary as the command prints it (so a notebook cell shows the same text).</summary>
    public override string ToString() => ArrOutput.FormatSummary(this);
}

/// <summary>
/// The rollup of every account as of a date. Amounts are dollars, unrounded: round only when writing
/// (<see cref="Core.Numbers.Dollars"/>). Account numbers are input row numbers (0-based).
/// </summary>
public sealed class ArrResult
{
    private readonly decimal[] _arr;
    private readonly decimal[] _hierarchyArr; // by ultimate parent
    private readonly Lock _subtreeLock = new();
    private decimal[]? _subtree; // computed on first use (the details file, notebooks), by one thread
    private readonly int[] _ultimateParent;

    /// <param name="ultimateParent">Each account's ultimate parent (-1 on or below a cycle); by default the in-memory hierarchy's.</param>
    internal ArrResult(ArrInputs inputs, DateOnly asOf, decimal[] arr, decimal[] hierarchyArr, int activeSubscriptions, int activeItems, int[]? ultimateParent = null)
    {
        Inputs = inputs;
        _ultimateParent = ultimateParent ?? inputs.Hierarchy.UltimateParent;
        AsOf = asOf;
        _arr = arr;
        _hierarchyArr = hierarchyArr;
        var h = inputs.Hierarchy;
        var (paying, total) = (0, 0m);
        foreach (var value in arr)
        {
            if (!ArrRollup.IsPlainZero(value))
            {
                paying += decimal.Sign(value) == 0 ? 0 : 1;
                total += value;
            }
        }

        Summary = new ArrSummary(
            asOf,
            inputs.Accounts.Count,
            inputs.Subscriptions.RowsRead,
            inputs.Items.RowsRead,
            activeSubscriptions,
            activeItems,
            paying,
            h.Roots,
            h.LargestHierarchy,
            h.MaxDepth,
            h.Cycles,
            total,
            inputs.Issues);
    }

    public ArrInputs Inputs { get; }

    public DateOnly AsOf { get; }

    public ArrSummary Summary { get; }

    public int Count => _arr.Length;

    /// <summary>The account's own ARR: the sum of its active items on active subscriptions.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public decimal Arr(int account) => _arr[account];

    /// <summary>The account's ARR plus all its descendants'; null on a cycle.</summary>
    public decimal? SubtreeArr(int account) =>
        (Inputs.Hierarchy.Flags[account] & AccountFlags.Cycle) != 0
            ? null
            : (_subtree ?? Subtrees())[account];

    private decimal[] Subtrees()
    {
        lock (_subtreeLock)
        {
            return _subtree ??= ArrRollup.SubtreeSums(Inputs, _arr);
        }
    }

    /// <summary>The ARR of the account's whole hierarchy (its ultimate parent's subtree); null on or below a cycle.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public decimal? HierarchyArr(int account) => UltimateParent(account) is var top and >= 0 ? _hierarchyArr[top] : null;

    /// <summary>Starts loading a hierarchy's total (see <see cref="Arr.Prefetch"/>).</summary>
    internal void PrefetchHierarchyArr(int top) => Prefetch.Element(_hierarchyArr, top);

    /// <summary>The ultimate parent's account number; -1 on or below a cycle.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int UltimateParent(int account) => _ultimateParent[account];

    /// <summary>Steps below the ultimate parent; null on or below a cycle.</summary>
    public int? Depth(int account) => Inputs.Hierarchy.Depth[account] is var depth and >= 0 ? depth : null;

    public AccountFlags Flags(int account) => Inputs.Hierarchy.Flags[account];

    public AccountArr Row(int account)
    {
        var accounts = Inputs.Accounts;
        var top = UltimateParent(account);
        return new AccountArr(
            accounts.Id(account).ToString(),
            accounts.Name(account).ToString(),
            top >= 0 ? accounts.Id(top).ToString() : null,
            Arr(account),
            SubtreeArr(account),
            HierarchyArr(account),
            Depth(account),
            Flags(account));
    }

    /// <summary>Every account, in input order.</summary>
    public IEnumerable<AccountArr> Rows()
    {
        for (var account = 0; account < Count; account++)
        {
            yield return Row(account);
        }
    }

    /// <summary>The <paramref name="count"/> hierarchies with the most ARR (ties: more accounts first, then input order).</summary>
    public IReadOnlyList<HierarchyTotal> TopHierarchies(int count)
    {
        var sizes = Inputs.Hierarchy.HierarchySize;
        var accounts = Inputs.Accounts;
        return Enumerable.Range(0, Count)
            .Where(account => Inputs.Hierarchy.Parent[account] < 0 && UltimateParent(account) == account)
            .OrderByDescending(root => _hierarchyArr[root])
            .ThenByDescending(root => sizes[root])
            .ThenBy(root => root)
            .Take(count)
            .Select(root => new HierarchyTotal(accounts.Id(root).ToString(), accounts.Name(root).ToString(), sizes[root], _hierarchyArr[root]))
            .ToList();
    }
}
