using System.Globalization;
using Workbook.Core;

namespace Workbook.Arr;

/// <summary>
/// The edge where amounts become text: the filled accounts.csv, the --details file, and the run summary.
/// Money is rounded to cents (half away from zero) here and only here.
/// </summary>
public static class ArrOutput
{
    public static readonly IReadOnlyList<string> DetailsHeader =
        ["id", "name", "parent_id", "ultimate_parent_id", "depth", "arr", "subtree_arr", "hierarchy_arr", "issues"];

    /// <summary>The input's header with the filled columns appended when the input lacks them.</summary>
    public static IReadOnlyList<string> AccountsHeader(AccountTable accounts) =>
        [.. accounts.Header, .. AccountTable.FilledColumns.Where(column => !accounts.Header.Contains(column))];

    /// <summary>Writes accounts.csv: the input's columns and rows in input order, the three filled columns set. Atomic; cancellable.</summary>
    public static void WriteAccounts(ArrResult result, string path, CancellationToken cancellationToken = default)
    {
        var accounts = result.Inputs.Accounts;
        var header = AccountsHeader(accounts);
        var money = new MoneyText(result);
        var columns = header.Select(column => column switch
        {
            AccountTable.UltimateParentColumn => Filled.UltimateParent,
            AccountTable.ArrColumn => Filled.Arr,
            AccountTable.HierarchyArrColumn => Filled.HierarchyArr,
            _ => Filled.No,
        }).ToArray();
        CsvWriter.WriteFileInParallel(path, header, accounts.Count, (fields, account) =>
        {
            Span<char> uuid = stackalloc char[IdColumn.UuidLength];
            if (account + Prefetch.Distance < accounts.Count && result.UltimateParent(account + Prefetch.Distance) is var ahead and >= 0)
            {
                accounts.Ids.Prefetch(ahead);
                money.Prefetch(ahead);
            }

            for (var column = 0; column < columns.Length; column++)
            {
                switch (columns[column])
                {
                    case Filled.UltimateParent:
                        fields.Set(column, result.UltimateParent(account) is var top and >= 0 ? accounts.Ids.Format(top, uuid) : default);
                        break;
                    case Filled.Arr:
                        fields.Set(column, money.Arr(account));
                        break;
                    case Filled.HierarchyArr:
                        fields.Set(column, money.HierarchyArr(account));
                        break;
                    default:
                        fields.Set(column, accounts.Field(account, column, uuid));
                        break;
                }
            }
        }, cancellationToken);
    }

    /// <summary>Writes the per-account details: depth, subtree ARR, hierarchy ARR and issue flags. Atomic; cancellable.</summary>
    public static void WriteDetails(ArrResult result, string path, CancellationToken cancellationToken = default)
    {
        var accounts = result.Inputs.Accounts;
        var money = new MoneyText(result);
        CsvWriter.WriteFileInParallel(path, DetailsHeader, accounts.Count, (fields, account) =>
        {
            var top = result.UltimateParent(account);
            fields.Set(0, accounts.Id(account));
            fields.Set(1, accounts.Name(account));
            fields.Set(2, accounts.ParentId(account));
            fields.Set(3, top >= 0 ? accounts.Id(top) : default);
            fields.Set(4, result.Depth(account) is { } depth ? depth.ToString(CultureInfo.InvariantCulture) : null);
            fields.Set(5, money.Arr(account));
            fields.Set(6, result.SubtreeArr(account) is { } subtree ? Numbers.Dollars(subtree) : null);
            fields.Set(7, money.HierarchyArr(account));
            fields.Set(8, FlagsText(result.Flags(account)));
        }, cancellationToken);
    }

    /// <summary>"dangling_parent;cycle" style, empty when the account has no issue.</summary>
    public static string FlagsText(AccountFlags flags) => flags switch
    {
        AccountFlags.None => "",
        _ => string.Join(';', Enum.GetValues<AccountFlags>()
            .Where(flag => flag != AccountFlags.None && flags.HasFlag(flag))
            .Select(flag => flag switch
            {
                AccountFlags.SelfParent => "self_parent",
                AccountFlags.DanglingParent => "dangling_parent",
                AccountFlags.Cycle => "cycle",
                AccountFlags.BelowCycle => "below_cycle",
                _ => flag.ToString(),
            })),
    };

    /// <summary>The run summary printed on stdout.</summary>
    public static string FormatSummary(ArrSummary s)
    {
        static string N(long value) => value.ToString("#,##0", CultureInfo.InvariantCulture);
        var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        text.WriteLine($"ARR rollup as of {s.AsOf:yyyy-MM-dd}");
        text.WriteLine($"  rows read:      {N(s.AccountRows)} accounts, {N(s.SubscriptionRows)} subscriptions, {N(s.ItemRows)} subscription items");
        text.WriteLine($"  active:         {N(s.ActiveSubscriptions)} subscriptions, {N(s.ActiveItems)} items, on {N(s.PayingAccounts)} accounts");
        text.WriteLine($"  hierarchies:    {N(s.Hierarchies)} (largest {N(s.LargestHierarchy)} accounts), maximum depth {N(s.MaxDepth)}");
        text.WriteLine($"  total ARR:      {Numbers.DollarsDisplay(s.TotalArr)}");
        WriteIssues(text, s.Issues, s.Cycles);
        return text.ToString();
    }

    /// <summary>The summary's issue lines: the count by kind, with examples ("issues: none" when there are none).</summary>
    public static void WriteIssues(TextWriter text, ArrIssueLog issues, int cycles)
    {
        static string N(long value) => value.ToString("#,##0", CultureInfo.InvariantCulture);
        if (issues.Total == 0)
        {
            text.WriteLine("  issues:         none");
            return;
        }

        text.WriteLine($"  issues:         {N(issues.Total)}");
        foreach (var kind in Enum.GetValues<ArrIssueKind>())
        {
            var count = issues.Count(kind);
            if (count == 0)
            {
                continue;
            }

            var inCycles = kind == ArrIssueKind.Cycle ? $" in {N(cycles)} cycle{(cycles == 1 ? "" : "s")}" : "";
            text.WriteLine($"    {N(count)}{inCycles} {ArrIssueLog.Describe(kind)}");
            foreach (var example in issues.Examples(kind))
            {
                text.WriteLine($"      {example}");
            }

            if (kind == ArrIssueKind.SkippedRow)
            {
                foreach (var file in issues.SkippedLines.GroupBy(skipped => skipped.File))
                {
                    text.WriteLine($"      lines skipped in {file.Key}: {string.Join(", ", file.Select(skipped => skipped.Line.ToString(CultureInfo.InvariantCulture)))}");
                }

                if (count > issues.SkippedLines.Count)
                {
                    text.WriteLine($"      (the first {N(issues.SkippedLines.Count)} of {N(count)} lines skipped are named)");
                }
            }
        }
    }

    private enum Filled
    {
        No,
        UltimateParent,
        Arr,
        HierarchyArr,
    }

    /// <summary>
    /// Dollar text for the two money columns: zero is one shared "0.00", and each paying hierarchy's total is
    /// formatted once, not once per member. Used by several threads at once: two may both format a total the first
    /// time, and either string is kept (they are equal).
    /// </summary>
    private sealed class MoneyText(ArrResult result)
    {
        private static readonly string Zero = Numbers.Dollars(0m);
        private readonly string?[] _hierarchies = new string?[result.Count]; // by ultimate parent

        public string Arr(int account) => Format(result.Arr(account));

        /// <summary>Starts loading what <see cref="HierarchyArr"/> reads for a hierarchy (see <see cref="Arr.Prefetch"/>).</summary>
        public void Prefetch(int top)
        {
            Workbook.Arr.Prefetch.Element(_hierarchies, top);
            result.PrefetchHierarchyArr(top);
        }

        public string? HierarchyArr(int account)
        {
            var top = result.UltimateParent(account);
            if (top < 0)
            {
                return null;
            }

            return _hierarchies[top] ??= Format(result.HierarchyArr(account)!.Value);
        }

        private static string Format(decimal dollars) => dollars == 0m ? Zero : Numbers.Dollars(dollars);
    }
}
