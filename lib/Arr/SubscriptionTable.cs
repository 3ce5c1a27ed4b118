using Workbook.Core;

namespace Workbook.Arr;

/// <summary>
/// subscriptions.csv: each subscription's account number (-1 when its account_id names no account) and its term.
/// Read without the accounts (so both files can be read at once): the account ids are kept as read and linked to
/// account numbers afterwards.
/// </summary>
public sealed class SubscriptionTable
{
    private readonly IdList _accountIds; // each subscription's account_id, linked by LinkAccounts
    private int[] _account = [];
    private int[] _start;
    private int[] _end;
    private long[] _lines;

    private SubscriptionTable(string fileName, long sizeHint)
    {
        FileName = fileName;
        var rows = (int)Math.Clamp(sizeHint / 90, 16, 1 << 27); // a UUID-keyed row is about 96 bytes
        Ids = new IdIndex(rows);
        _accountIds = new IdList(rows);
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
            var subscription = table.Ids.Add(reader.Utf8(idColumn));
            if (subscription < 0)
            {
                throw reader.Error(idColumn, $"duplicate subscription id '{reader[idColumn]}' (first on line {table._lines[~subscription]})");
            }

            table._accountIds.Add(reader.Utf8(accountColumn));
            table.Append(subscription, start, end, reader.LineNumber);
        }

        table.RowsRead = rowsRead;
        return table;
    }

    /// <summary>Turns each account_id into an account number; subscriptions of unknown accounts are reported.</summary>
    internal void LinkAccounts(AccountTable accounts, ArrIssueLog issues)
    {
        _account = new int[Count];
        for (var subscription = 0; subscription < Count; subscription++)
        {
            _account[subscription] = accounts.Find(_accountIds.Key(subscription));
            if (_account[subscription] < 0)
            {
                issues.Add(ArrIssueKind.UnknownAccount, subscription, s =>
                    $"{FileName}:{_lines[s]}: subscription '{Ids[s]}' names account '{_accountIds[s]}', which does not exist");
            }
        }
    }

    private void Append(int subscription, int start, int end, long line)
    {
        if (subscription == _start.Length)
        {
            Array.Resize(ref _start, subscription * 2);
            Array.Resize(ref _end, subscription * 2);
            Array.Resize(ref _lines, subscription * 2);
        }

        _start[subscription] = start;
        _end[subscription] = end;
        _lines[subscription] = line;
    }
}
