using Workbook.Core;

namespace Workbook.Arr;

/// <summary>
/// subscription_items.csv: each item's subscription number, its term and its ARR
/// (quantity × list_price × (1 − discount), exact in decimal). Items of unknown subscriptions are reported and dropped.
/// </summary>
public sealed class ItemTable
{
    private int[] _subscription;
    private int[] _start;
    private int[] _end;
    private decimal[] _arr;

    private ItemTable(int expectedRows)
    {
        _subscription = new int[expectedRows];
        _start = new int[expectedRows];
        _end = new int[expectedRows];
        _arr = new decimal[expectedRows];
    }

    public int Count { get; private set; }

    /// <summary>Data rows in the file, skipped and excluded ones included.</summary>
    public int RowsRead { get; private set; }

    internal ReadOnlySpan<int> Subscription => _subscription.AsSpan(0, Count);

    internal ReadOnlySpan<int> Start => _start.AsSpan(0, Count);

    internal ReadOnlySpan<int> End => _end.AsSpan(0, Count);

    /// <summary>The item's annual amount in dollars, unrounded.</summary>
    internal ReadOnlySpan<decimal> Arr => _arr.AsSpan(0, Count);

    /// <summary>An item's ARR: 7 licences at $15 with a 0.10 discount → 94.50.</summary>
    public static decimal ItemArr(decimal quantity, decimal listPrice, decimal discount) => quantity * listPrice * (1m - discount);

    internal static ItemTable Read(CsvReader reader, SubscriptionTable subscriptions, ArrIssueLog issues, bool lenient, long sizeHint = 0)
    {
        var idColumn = reader.Column("id");
        var subscriptionColumn = reader.Column("subscription_id");
        var quantityColumn = reader.Column("quantity");
        var priceColumn = reader.Column("list_price");
        var discountColumn = reader.Column("discount");
        var startColumn = reader.Column("start_date");
        var endColumn = reader.Column("end_date");
        var rows = (int)Math.Clamp(sizeHint / 110, 16, 1 << 27); // a UUID-keyed row is about 120 bytes
        var table = new ItemTable(rows);
        var ids = new IdIndex(rows);
        var lines = new List<long>(rows);

        var rowsRead = 0;
        while (RowReader.Next(reader, issues, lenient, ref rowsRead))
        {
            int start, end;
            decimal arr;
            try
            {
                if (reader[idColumn].IsEmpty)
                {
                    throw reader.Error(idColumn, "the item id is empty");
                }

                var quantity = RowReader.Decimal(reader, quantityColumn, 0m, null);
                var price = RowReader.Decimal(reader, priceColumn, 0m, null);
                var discount = RowReader.Decimal(reader, discountColumn, 0m, 1m);
                (start, end) = RowReader.Term(reader, startColumn, endColumn);
                arr = ItemArr(quantity, price, discount);
            }
            catch (InputDataException error) when (lenient)
            {
                issues.Add(ArrIssueKind.SkippedRow, error.Message);
                continue;
            }

            var item = ids.Add(reader.Utf8(idColumn));
            if (item < 0)
            {
                throw reader.Error(idColumn, $"duplicate item id '{reader[idColumn]}' (first on line {lines[~item]})");
            }

            lines.Add(reader.LineNumber);
            var subscription = subscriptions.Ids.Find(reader.Utf8(subscriptionColumn));
            if (subscription < 0)
            {
                issues.Add(ArrIssueKind.UnknownSubscription, reader, r => $"{r.FileName}:{r.LineNumber}: item '{r[idColumn]}' names subscription '{r[subscriptionColumn]}', which does not exist");
                continue;
            }

            table.Append(subscription, start, end, arr);
        }

        table.RowsRead = rowsRead;
        return table;
    }

    private void Append(int subscription, int start, int end, decimal arr)
    {
        if (Count == _subscription.Length)
        {
            Array.Resize(ref _subscription, Count * 2);
            Array.Resize(ref _start, Count * 2);
            Array.Resize(ref _end, Count * 2);
            Array.Resize(ref _arr, Count * 2);
        }

        _subscription[Count] = subscription;
        _start[Count] = start;
        _end[Count] = end;
        _arr[Count] = arr;
        Count++;
    }
}
