using System.Runtime.CompilerServices;
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

    /// <summary>
    /// Reads the items in two passes: the rows are parsed and checked first, keeping each one's ids; then repeated
    /// ids and subscriptions are looked up in row order, with the id index's slots prefetched (see
    /// <see cref="Prefetch"/>): at 1.4M items, one lookup waiting on memory per row was a fifth of the load. Errors and
    /// issues come out as a row-by-row read would report them.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // see ArrInputs: a loop over every row, run once
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
        var (start, end, arr) = (table._start, table._end, table._arr);
        var (ids, subscriptionIds, lines) = (new IdColumn(), new IdColumn(), new List<long>());
        var check = new RowChecks(reader, issues, lenient);
        void Index() => ids.Index(reader.FileName, reader.Header[idColumn], "item", row => lines[row]);
        try
        {
            while (check.Next())
            {
                if (reader.TakeSizeHint() is { } expected)
                {
                    ids.Reserve(expected);
                    subscriptionIds.Reserve(expected);
                    lines.EnsureCapacity(expected);
                    start.EnsureCapacity(expected);
                    end.EnsureCapacity(expected);
                    arr.EnsureCapacity(expected);
                }

                if (!check.Id(idColumn, "item")
                    || !check.Decimal(quantityColumn, 0m, null, out var quantity)
                    || !check.Decimal(priceColumn, 0m, null, out var price)
                    || !check.Decimal(discountColumn, 0m, 1m, out var discount)
                    || !check.ItemArr(quantityColumn, quantity, price, discount, out var itemArr)
                    || !check.Term(startColumn, endColumn, out var first, out var last))
                {
                    continue;
                }

                ids.Add(reader[idColumn]);
                subscriptionIds.Add(reader[subscriptionColumn]);
                lines.Add(reader.LineNumber);
                start.Add(first);
                end.Add(last);
                arr.Add(itemArr);
            }
        }
        catch (InputDataException)
        {
            // A repeated id above the bad row is the file's first problem: report it, as a row-by-row check would.
            Index();
            throw;
        }

        // A repeated id is an error even under --lenient: either row could be the right one.
        Index();
        table.RowsRead = check.RowsRead;

        // Rows naming no subscription are reported and dropped; the others keep their order.
        var found = subscriptions.Ids.FindAll(subscriptionIds);
        table._subscription.EnsureCapacity(ids.Count);
        var kept = 0;
        for (var row = 0; row < ids.Count; row++)
        {
            if (found[row] < 0)
            {
                issues.Add(ArrIssueKind.UnknownSubscription, row, r => $"{reader.FileName}:{lines[r]}: item '{ids[r]}' names subscription '{subscriptionIds[r]}', which does not exist");
                continue;
            }

            table._subscription.Add(found[row]);
            (start[kept], end[kept], arr[kept]) = (start[row], end[row], arr[row]);
            kept++;
        }

        start.RemoveRange(kept, start.Count - kept);
        end.RemoveRange(kept, end.Count - kept);
        arr.RemoveRange(kept, arr.Count - kept);
        return table;
    }
}
