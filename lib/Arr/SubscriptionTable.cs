using System.Runtime.CompilerServices;
using Workbook.Core;

namespace Workbook.Arr;

/// <summary>
/// subscriptions.csv: each subscription's account number (-1 when its account_id names no account) and its term.
/// Read without the accounts (so both files can be read at once): the account ids are interned as read and
/// linked to account numbers afterwards, once per distinct account.
/// </summary>
public sealed class SubscriptionTable
{
    private readonly IdIndex _accountIds; // distinct account_id values, linked by LinkAccounts
    private int[] _accountKey;
    private int[] _account = [];
    private int[] _start;
    private int[] _end;
    private long[] _lines;

    private SubscriptionTable(string fileName, long sizeHint)
    {
        FileName = fileName;
        var rows = (int)Math.Clamp(sizeHint / 90, 16, 1 << 27); // a UUID-keyed row is about 96 bytes
        Ids = new IdIndex(rows, rows * 36);
        _accountIds = new IdIndex(rows, rows * 36);
        _accountKey = new int[rows];
        _start = new int[rows];
        _end = new int[rows];
        _lines = new long[rows];
    }

    public string FileName { get; }

    public int Count => Ids.Count;

    /// <summary>Data rows in the file, skipped ones included.</summary>
    public int RowsRead { get; private set; }

    internal IdIndex Ids { get; }

    /// <summary>Account number, or -1 for an unknown account (reported; the subscription never counts).</summary>
    internal ReadOnlySpan<int> Account => _account.AsSpan(0, Count);

    /// <summary>First day of the term (<see cref="DateOnly.DayNumber"/>), inclusive.</summary>
    internal ReadOnlySpan<int> Start => _start.AsSpan(0, Count);

    /// <summary>Last day of the term (<see cref="DateOnly.DayNumber"/>), inclusive.</summary>
    internal ReadOnlySpan<int> End => _end.AsSpan(0, Count);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static SubscriptionTable Read(CsvReader reader, ArrIssueLog issues, bool lenient, long sizeHint = 0)
    {
        var idColumn = reader.Column("id");
        var accountColumn = reader.Column("account_id");
        var startColumn = reader.Column("start_date");
        var endColumn = reader.Column("end_date");
        var table = new SubscriptionTable(reader.FileName, sizeHint);
        var rowsRead = 0;
        while (RowReader.Next(reader, issues, lenient, ref rowsRead))
        {
            int start, end;
            try
            {
                if (reader[idColumn].IsEmpty)
                {
                    throw reader.Error(idColumn, "the subscription id is empty");
                }

                (start, end) = RowReader.Term(reader, startColumn, endColumn);
            }
            catch (InputDataException error) when (lenient)
            {
                issues.Add(ArrIssueKind.SkippedRow, error.Message);
                continue;
            }

            // A repeated id is an error even when lenient: its items could belong to either row.
            var subscription = table.Ids.Add(reader[idColumn]);
            if (subscription < 0)
            {
                throw reader.Error(idColumn, $"duplicate subscription id '{reader[idColumn]}' (first on line {table._lines[~subscription]})");
            }

            table.Append(subscription, table._accountIds.GetOrAdd(reader[accountColumn]), start, end, reader.LineNumber);
        }

        table.RowsRead = rowsRead;
        return table;
    }

    /// <summary>Turns each account_id into an account number; subscriptions of unknown accounts are reported.</summary>
    internal void LinkAccounts(AccountTable accounts, ArrIssueLog issues)
    {
        var accountOfKey = new int[_accountIds.Count];
        for (var key = 0; key < accountOfKey.Length; key++)
        {
            accountOfKey[key] = accounts.Find(_accountIds[key]);
        }

        _account = new int[Count];
        for (var subscription = 0; subscription < Count; subscription++)
        {
            _account[subscription] = accountOfKey[_accountKey[subscription]];
            if (_account[subscription] < 0)
            {
                issues.Add(ArrIssueKind.UnknownAccount, subscription, s =>
                    $"{FileName}:{_lines[s]}: subscription '{Ids[s]}' names account '{_accountIds[_accountKey[s]]}', which does not exist");
            }
        }
    }

    private void Append(int subscription, int accountKey, int start, int end, long line)
    {
        if (subscription == _accountKey.Length)
        {
            Array.Resize(ref _accountKey, subscription * 2);
            Array.Resize(ref _start, subscription * 2);
            Array.Resize(ref _end, subscription * 2);
            Array.Resize(ref _lines, subscription * 2);
        }

        _accountKey[subscription] = accountKey;
        _start[subscription] = start;
        _end[subscription] = end;
        _lines[subscription] = line;
    }
}
