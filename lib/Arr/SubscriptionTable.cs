using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Workbook.Core;

namespace Workbook.Arr;

/// <summary>
/// subscriptions.csv: each subscription's account number (-1 when its account_id names no account) and its term.
/// Read without the accounts (so both files can be read at once): the account ids are kept as read and linked to
/// account numbers afterwards.
/// </summary>
public sealed class SubscriptionTable
{
    private readonly IdColumn _ids = new(); // indexed: id -> subscription number
    private readonly IdColumn _accountIds = new(); // each subscription's account_id, linked by LinkAccounts
    private readonly List<int> _start = [];
    private readonly List<int> _end = [];
    private readonly List<long> _lines = [];
    private int[] _account = [];

    private SubscriptionTable(string fileName) => FileName = fileName;

    public string FileName { get; }

    public int Count => _ids.Count;

    /// <summary>Subscription <paramref name="subscription"/>'s id as text (the SQL engines' tables key on it).</summary>
    internal string Id(int subscription) => _ids[subscription];

    /// <summary>Data rows in the file, skipped ones included.</summary>
    public int RowsRead { get; private set; }

    /// <summary>Account number, or -1 for an unknown account (reported; the subscription never counts).</summary>
    internal ReadOnlySpan<int> Account => _account;

    /// <summary>First day of the term (<see cref="DateOnly.DayNumber"/>), inclusive.</summary>
    internal ReadOnlySpan<int> Start => CollectionsMarshal.AsSpan(_start);

    /// <summary>Last day of the term (<see cref="DateOnly.DayNumber"/>), inclusive.</summary>
    internal ReadOnlySpan<int> End => CollectionsMarshal.AsSpan(_end);

    /// <summary>The ids, indexed: <c>Ids.FindAll(column)</c> gives the subscription number of every id of a column, -1 where it names no subscription.</summary>
    internal IdColumn Ids => _ids;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // see ArrInputs: a loop over every row, run once
    internal static SubscriptionTable Read(CsvReader reader, ArrIssueLog issues, bool lenient)
    {
        var idColumn = reader.Column("id");
        var accountColumn = reader.Column("account_id");
        var startColumn = reader.Column("start_date");
        var endColumn = reader.Column("end_date");
        var table = new SubscriptionTable(reader.FileName);
        var check = new RowChecks(reader, issues, lenient);
        void Index() => table._ids.Index(table.FileName, reader.Header[idColumn], "subscription", s => table._lines[s]);
        try
        {
            while (check.Next())
            {
                if (reader.TakeSizeHint() is { } rows)
                {
                    table.Reserve(rows);
                }

                if (!check.Id(idColumn, "subscription") || !check.Term(startColumn, endColumn, out var start, out var end))
                {
                    continue;
                }

                table._ids.Add(reader[idColumn]);
                table._accountIds.Add(reader[accountColumn]);
                table._start.Add(start);
                table._end.Add(end);
                table._lines.Add(reader.LineNumber);
            }
        }
        catch (InputDataException)
        {
            // A repeated id above the bad row is the file's first problem: report it, as a row-by-row check would.
            Index();
            throw;
        }

        // A repeated id is an error even when lenient: its items could belong to either row.
        Index();
        table.RowsRead = check.RowsRead;
        return table;
    }

    private void Reserve(int rows)
    {
        _ids.Reserve(rows);
        _accountIds.Reserve(rows);
        _start.EnsureCapacity(rows);
        _end.EnsureCapacity(rows);
        _lines.EnsureCapacity(rows);
    }

    /// <summary>Turns each account_id into an account number; subscriptions of unknown accounts are reported.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // see ArrInputs: a loop over every row, run once
    internal void LinkAccounts(AccountTable accounts, ArrIssueLog issues)
    {
        _account = accounts.Ids.FindAll(_accountIds);
        for (var subscription = 0; subscription < Count; subscription++)
        {
            if (_account[subscription] < 0)
            {
                issues.Add(ArrIssueKind.UnknownAccount, subscription, s =>
                    $"{FileName}:{_lines[s]}: subscription '{_ids[s]}' names account '{_accountIds[s]}', which does not exist");
            }
        }
    }
}
