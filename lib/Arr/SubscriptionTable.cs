using System.Runtime.CompilerServices;
using Workbook.Core;

namespace Workbook.Arr;

/// <summary>subscriptions.csv: each subscription's account number (-1 when its account_id names no account) and its term.</summary>
public sealed class SubscriptionTable
{
    private int[] _account = new int[16];
    private int[] _start = new int[16];
    private int[] _end = new int[16];
    private long[] _lines = new long[16];

    private SubscriptionTable(IdIndex ids) => Ids = ids;

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
    internal static SubscriptionTable Read(CsvReader reader, AccountTable accounts, ArrIssueLog issues, bool lenient)
    {
        var idColumn = reader.Column("id");
        var accountColumn = reader.Column("account_id");
        var startColumn = reader.Column("start_date");
        var endColumn = reader.Column("end_date");
        var table = new SubscriptionTable(new IdIndex());

        var rowsRead = 0;
        while (RowReader.Next(reader, issues, lenient, ref rowsRead))
        {
            int account, start, end;
            try
            {
                if (reader[idColumn].IsEmpty)
                {
                    throw reader.Error(idColumn, "the subscription id is empty");
                }

                (start, end) = RowReader.Term(reader, startColumn, endColumn);
                account = accounts.Find(reader[accountColumn]);
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

            if (account < 0)
            {
                issues.Add(ArrIssueKind.UnknownAccount, reader, r => $"{r.FileName}:{r.LineNumber}: subscription '{r[idColumn]}' names account '{r[accountColumn]}', which does not exist");
            }

            table.Append(subscription, account, start, end, reader.LineNumber);
        }

        table.RowsRead = rowsRead;
        return table;
    }

    private void Append(int subscription, int account, int start, int end, long line)
    {
        if (subscription == _account.Length)
        {
            Array.Resize(ref _account, subscription * 2);
            Array.Resize(ref _start, subscription * 2);
            Array.Resize(ref _end, subscription * 2);
            Array.Resize(ref _lines, subscription * 2);
        }

        _lines[subscription] = line;
        _account[subscription] = account;
        _start[subscription] = start;
        _end[subscription] = end;
    }
}
