using System.Runtime.InteropServices;
using Workbook.Core;

namespace Workbook.Arr;

/// <summary>
/// subscription_items.csv: each item's subscription number, its term and its ARR
/// (quantity × list_price × (1 − discount), exact in decimal). Items of unknown subscriptions are reported and dropped.
/// </summary>
public sealed class ItemTable
{
    private readonly List<int> _subscription = [];
    private readonly List<int> _start = [];
    private readonly List<int> _end = [];
    private readonly List<decimal> _arr = [];

    public int Count => _arr.Count;

    /// <summary>Data rows in the file, skipped and excluded ones included.</summary>
    public int RowsRead { get; private set; }

    internal ReadOnlySpan<int> Subscription => CollectionsMarshal.AsSpan(_subscription);

    internal ReadOnlySpan<int> Start => CollectionsMarshal.AsSpan(_start);

    internal ReadOnlySpan<int> End => CollectionsMarshal.AsSpan(_end);

    /// <summary>The item's annual amount in dollars, unrounded.</summary>
    internal ReadOnlySpan<decimal> Arr => CollectionsMarshal.AsSpan(_arr);

    /// <summary>An item's ARR: 7 licences at $15 with a 0.10 discount → 94.50.</summary>
    public static decimal ItemArr(decimal quantity, decimal listPrice, decimal discount) => quantity * listPrice * (1m - discount);

    internal static ItemTable Read(CsvReader reader, SubscriptionTable subscriptions, ArrIssueLog issues, bool lenient)
    {
        var idColumn = reader.Column("id");
        var subscriptionColumn = reader.Column("subscription_id");
        var quantityColumn = reader.Column("quantity");
        var priceColumn = reader.Column("list_price");
        var discountColumn = reader.Column("discount");
        var startColumn = reader.Column("start_date");
        var endColumn = reader.Column("end_date");
        var table = new ItemTable();
        var rowIds = new IdIndex(1 << 12); // id -> row, to name a repeat's first line
        var lines = new List<long>();
        var check = new RowChecks(reader, issues, lenient);
        while (check.Next())
        {
            if (reader.TakeSizeHint() is { } rows)
            {
                rowIds.Reserve(rows);
                lines.EnsureCapacity(rows);
                table._subscription.EnsureCapacity(rows);
                table._start.EnsureCapacity(rows);
                table._end.EnsureCapacity(rows);
                table._arr.EnsureCapacity(rows);
            }

            if (!check.Id(idColumn, "item")
                || !check.Decimal(quantityColumn, 0m, null, out var quantity)
                || !check.Decimal(priceColumn, 0m, null, out var price)
                || !check.Decimal(discountColumn, 0m, 1m, out var discount)
                || !check.Term(startColumn, endColumn, out var start, out var end))
            {
                continue;
            }

            var id = IdKey.Parse(reader[idColumn]);
            if (!rowIds.TryAdd(id, lines.Count, out var first))
            {
                throw reader.Error(idColumn, $"duplicate item id '{id}' (first on line {lines[first]})");
            }

            lines.Add(reader.LineNumber);

            var subscription = subscriptions.Find(IdKey.Parse(reader[subscriptionColumn]));
            if (subscription < 0)
            {
                issues.Add(ArrIssueKind.UnknownSubscription, reader, r => $"{r.FileName}:{r.LineNumber}: item '{r[idColumn]}' names subscription '{r[subscriptionColumn]}', which does not exist");
                continue;
            }

            table._subscription.Add(subscription);
            table._start.Add(start);
            table._end.Add(end);
            table._arr.Add(ItemArr(quantity, price, discount));
        }

        table.RowsRead = check.RowsRead;
        return table;
    }
}
