using System.Runtime.CompilerServices;
namespace Workbook.Arr;

/// <summary>
/// The shape of the account forest, independent of any date: each account's parent (with the self-parent and
/// dangling-parent policies applied), ultimate parent and depth, the accounts on parent cycles, and an order in which
/// every child comes before its parent.
/// Built in linear time without recursion (a million-deep chain is just a long loop), and cycle-safe:
/// accounts on a cycle never reach "no children left", so they are simply never ordered.
/// </summary>
public sealed class AccountHierarchy
{
    private readonly int[] _order; // ChildrenFirst, then unused room for the accounts on cycles
    private readonly int _ordered;

    private AccountHierarchy(int[] parent, AccountFlags[] flags, int[] ultimateParent, int[] depth, int[] order, int ordered, int[] hierarchySize)
    {
        Parent = parent;
        Flags = flags;
        UltimateParent = ultimateParent;
        Depth = depth;
        _order = order;
        _ordered = ordered;
        HierarchySize = hierarchySize;
    }

    /// <summary>Parent account number, -1 for a root (no parent, itself as parent, or a parent that does not exist).</summary>
    internal int[] Parent { get; }

    /// <summary>Each account's issues: SelfParent and DanglingParent from linking, Cycle and BelowCycle from the walk.</summary>
    internal AccountFlags[] Flags { get; }

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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // see ArrInputs: a loop over every row, run once
    internal static AccountHierarchy Build(AccountTable accounts, ArrIssueLog issues)
    {
        var count = accounts.Count;
        var flags = new AccountFlags[count];
        var parent = LinkParents(accounts, flags, issues);

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
        var hierarchy = new AccountHierarchy(parent, flags, ultimate, depth, order, ordered, size);
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
                flags[account] |= AccountFlags.BelowCycle;
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

    /// <summary>Each account's parent's number, -1 for a root; a self-parent or a parent naming no account makes a root (reported).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // see ArrInputs: a loop over every row, run once
    private static int[] LinkParents(AccountTable accounts, AccountFlags[] flags, ArrIssueLog issues)
    {
        var parentIds = accounts.ParentIds;
        var parent = accounts.Ids.FindAll(parentIds);
        for (var account = 0; account < parent.Length; account++)
        {
            if (parent[account] == account)
            {
                parent[account] = -1;
                flags[account] |= AccountFlags.SelfParent;
                issues.Add(ArrIssueKind.SelfParent, account, a => $"{accounts.FileName}:{accounts.Lines[a]}: account '{accounts.Id(a)}' names itself as parent");
            }
            else if (parent[account] < 0 && !parentIds.IsEmpty(account))
            {
                flags[account] |= AccountFlags.DanglingParent;
                issues.Add(ArrIssueKind.DanglingParent, account, a => $"{accounts.FileName}:{accounts.Lines[a]}: parent_id '{accounts.ParentId(a)}' of account '{accounts.Id(a)}' names no account");
            }
        }

        return parent;
    }

    /// <summary>Flags each cycle's members and reports each cycle once, as the loop of ids it forms.</summary>
    private void ReportCycles(AccountTable accounts, int[] pendingChildren, ArrIssueLog issues)
    {
        for (var start = 0; start < pendingChildren.Length; start++)
        {
            if (pendingChildren[start] == 0 || (Flags[start] & AccountFlags.Cycle) != 0)
            {
                continue;
            }

            var members = new List<int>();
            for (var account = start; (Flags[account] & AccountFlags.Cycle) == 0; account = Parent[account])
            {
                Flags[account] |= AccountFlags.Cycle;
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
