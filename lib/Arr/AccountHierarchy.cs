namespace Workbook.Arr;

/// <summary>
/// The shape of the account forest, independent of any date: each account's ultimate parent and depth,
/// the accounts on parent cycles, and an order in which every child comes before its parent.
/// Built in linear time without recursion (a million-deep chain is just a long loop), and cycle-safe:
/// accounts on a cycle never reach "no children left", so they are simply never ordered.
/// </summary>
public sealed class AccountHierarchy
{
    private readonly int[] _order; // ChildrenFirst, then unused room for the accounts on cycles
    private readonly int _ordered;

    private AccountHierarchy(int[] parent, int[] ultimateParent, int[] depth, int[] order, int ordered, int[] hierarchySize)
    {
        Parent = parent;
        UltimateParent = ultimateParent;
        Depth = depth;
        _order = order;
        _ordered = ordered;
        HierarchySize = hierarchySize;
    }

    /// <summary>Parent account number, -1 for a root.</summary>
    internal int[] Parent { get; }

    /// <summary>Ultimate parent's account number; -1 on or below a cycle.</summary>
    internal int[] UltimateParent { get; }

    /// <summary>Steps from the ultimate parent (a root is 0); -1 on or below a cycle.</summary>
    internal int[] Depth { get; }

    /// <summary>Every account not on a cycle, each after all of its descendants.</summary>
    internal ReadOnlySpan<int> ChildrenFirst => _order.AsSpan(0, _ordered);

    /// <summary>For a root: how many accounts its hierarchy has; 0 for any other account.</summary>
    internal int[] HierarchySize { get; }

    public int Roots { get; private set; }

    public int MaxDepth { get; private set; }

    public int LargestHierarchy { get; private set; }

    public int Cycles { get; private set; }

    /// <summary>Builds the hierarchy and flags cycle members and accounts below cycles (reported in <paramref name="issues"/>).</summary>
    internal static AccountHierarchy Build(AccountTable accounts, ArrIssueLog issues)
    {
        var parent = accounts.Parent;
        var count = parent.Length;

        // Kahn's algorithm from the leaves up: an account is ordered once all its children are.
        var pendingChildren = new int[count];
        foreach (var p in parent)
        {
            if (p >= 0)
            {
                pendingChildren[p]++;
            }
        }

        var order = new int[count];
        var ordered = 0;
        for (var account = 0; account < count; account++)
        {
            if (pendingChildren[account] == 0)
            {
                order[ordered++] = account;
            }
        }

        for (var next = 0; next < ordered; next++)
        {
            var p = parent[order[next]];
            if (p >= 0 && --pendingChildren[p] == 0)
            {
                order[ordered++] = p;
            }
        }

        // Top down (reverse order: parents before children): inherit the ultimate parent, add one to the depth.
        var ultimate = new int[count];
        var depth = new int[count];
        var size = new int[count];
        var hierarchy = new AccountHierarchy(parent, ultimate, depth, order, ordered, size);
        for (var account = 0; account < count; account++)
        {
            if (pendingChildren[account] > 0)
            {
                ultimate[account] = -1;
                depth[account] = -1;
            }
        }

        for (var next = ordered - 1; next >= 0; next--)
        {
            var account = order[next];
            var p = parent[account];
            if (p < 0)
            {
                ultimate[account] = account;
                depth[account] = 0;
                hierarchy.Roots++;
            }
            else if (ultimate[p] < 0)
            {
                ultimate[account] = -1;
                depth[account] = -1;
                accounts.Flags[account] |= AccountFlags.BelowCycle;
                issues.Add(ArrIssueKind.BelowCycle, account, a => $"{accounts.FileName}:{accounts.Lines[a]}: account '{accounts.Id(a)}' is below a parent cycle");
                continue;
            }
            else
            {
                ultimate[account] = ultimate[p];
                depth[account] = depth[p] + 1;
            }

            hierarchy.MaxDepth = Math.Max(hierarchy.MaxDepth, depth[account]);
            var members = ++size[ultimate[account]];
            hierarchy.LargestHierarchy = Math.Max(hierarchy.LargestHierarchy, members);
        }

        hierarchy.ReportCycles(accounts, pendingChildren, issues);
        return hierarchy;
    }

    /// <summary>Flags each cycle's members and reports each cycle once, as the loop of ids it forms.</summary>
    private void ReportCycles(AccountTable accounts, int[] pendingChildren, ArrIssueLog issues)
    {
        for (var start = 0; start < pendingChildren.Length; start++)
        {
            if (pendingChildren[start] == 0 || (accounts.Flags[start] & AccountFlags.Cycle) != 0)
            {
                continue;
            }

            var members = new List<int>();
            for (var account = start; (accounts.Flags[account] & AccountFlags.Cycle) == 0; account = Parent[account])
            {
                accounts.Flags[account] |= AccountFlags.Cycle;
                members.Add(account);
            }

            Cycles++;
            issues.Add(ArrIssueKind.Cycle, members.Count, members, m => DescribeCycle(accounts, m));
        }
    }

    private static string DescribeCycle(AccountTable accounts, List<int> members)
    {
        const int shown = 6;
        var loop = string.Join(" → ", members.Take(shown).Select(m => accounts.Id(m).ToString()));
        var rest = members.Count > shown ? $" → … ({members.Count} accounts)" : "";
        return $"{accounts.FileName}:{accounts.Lines[members[0]]}: parent cycle {loop}{rest} → {accounts.Id(members[0])}";
    }
}
