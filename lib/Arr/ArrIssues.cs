namespace Workbook.Arr;

/// <summary>The kinds of data problems the rollup tolerates, each with a fixed policy (see arr-data/README.md).</summary>
public enum ArrIssueKind
{
    /// <summary>parent_id equals the account's own id: the account is treated as a root.</summary>
    SelfParent,

    /// <summary>parent_id names no account: the account is treated as a root.</summary>
    DanglingParent,

    /// <summary>The account is on a parent cycle: no ultimate parent, no hierarchy ARR.</summary>
    Cycle,

    /// <summary>The account's chain of parents runs into a cycle: no ultimate parent, no hierarchy ARR.</summary>
    BelowCycle,

    /// <summary>A subscription's account_id names no account: the subscription and its items are excluded.</summary>
    UnknownAccount,

    /// <summary>An item's subscription_id names no subscription: the item is excluded.</summary>
    UnknownSubscription,

    /// <summary>A row with bad data (unparsable, out of range) skipped under --lenient; without it, the run stops.</summary>
    SkippedRow,
}

/// <summary>Per-account issue flags, as written to the --details file.</summary>
[Flags]
public enum AccountFlags : byte
{
    None = 0,
    SelfParent = 1,
    DanglingParent = 2,
    Cycle = 4,
    BelowCycle = 8,
}

/// <summary>
/// Counts every issue by kind and keeps the first few as examples (file:line and what is wrong), so a summary
/// stays short on a file with a million bad rows.
/// </summary>
public sealed class ArrIssueLog
{
    public const int ExamplesPerKind = 5;

    private static readonly int KindCount = Enum.GetValues<ArrIssueKind>().Length;

    private readonly int[] _counts = new int[KindCount];
    private readonly List<string>[] _examples = Enumerable.Range(0, KindCount).Select(_ => new List<string>()).ToArray();

    /// <summary>How many skipped lines the summary names, beyond the examples (which say what was wrong).</summary>
    public const int SkippedLinesNamed = 50;

    private readonly List<(string File, long Line)> _skippedLines = [];

    public int Count(ArrIssueKind kind) => _counts[(int)kind];

    /// <summary>The first <see cref="SkippedLinesNamed"/> lines skipped under --lenient, in the order they were read.</summary>
    public IReadOnlyList<(string File, long Line)> SkippedLines => _skippedLines;

    /// <summary>Counts a row skipped under --lenient and names its line.</summary>
    public void AddSkipped(string file, long line, string example)
    {
        Add(ArrIssueKind.SkippedRow, example);
        if (_skippedLines.Count < SkippedLinesNamed)
        {
            _skippedLines.Add((file, line));
        }
    }


    public IReadOnlyList<string> Examples(ArrIssueKind kind) => _examples[(int)kind];

    public int Total => _counts.Sum();

    /// <summary>Counts one issue; <paramref name="describe"/> runs only while examples of this kind are still wanted.</summary>
    public void Add<TState>(ArrIssueKind kind, TState state, Func<TState, string> describe) => Add(kind, 1, state, describe);

    /// <summary>Counts <paramref name="count"/> issues that one example describes (the members of one cycle).</summary>
    public void Add<TState>(ArrIssueKind kind, int count, TState state, Func<TState, string> describe)
    {
        if (_examples[(int)kind].Count < ExamplesPerKind)
        {
            _examples[(int)kind].Add(describe(state));
        }

        _counts[(int)kind] += count;
    }

    public void Add(ArrIssueKind kind, string example) => Add(kind, example, static text => text);

    /// <summary>Adds another log's issues after this one's, kind by kind (a log filled by another thread, once it is done).</summary>
    public void Add(ArrIssueLog other)
    {
        for (var kind = 0; kind < KindCount; kind++)
        {
            _counts[kind] += other._counts[kind];
            _examples[kind].AddRange(other._examples[kind].Take(ExamplesPerKind - _examples[kind].Count));
        }

        _skippedLines.AddRange(other._skippedLines.Take(SkippedLinesNamed - _skippedLines.Count));
    }

    /// <summary>How each kind reads in the summary, with the policy applied.</summary>
    public static string Describe(ArrIssueKind kind) => kind switch
    {
        ArrIssueKind.SelfParent => "self parent (treated as a root)",
        ArrIssueKind.DanglingParent => "dangling parent (parent_id names no account; treated as a root)",
        ArrIssueKind.Cycle => "on a parent cycle (ultimate_parent_id and hierarchy_arr left empty)",
        ArrIssueKind.BelowCycle => "below a parent cycle (ultimate_parent_id and hierarchy_arr left empty)",
        ArrIssueKind.UnknownAccount => "subscription of an unknown account (excluded)",
        ArrIssueKind.UnknownSubscription => "item of an unknown subscription (excluded)",
        ArrIssueKind.SkippedRow => "bad row skipped (--lenient)",
        _ => kind.ToString(),
    };
}
