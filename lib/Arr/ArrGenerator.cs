using System.Globalization;
using Workbook.Core;

namespace Workbook.Arr;

/// <summary>What a generator run wrote.</summary>
public readonly record struct GeneratedArrData(long Accounts, long Roots, long Subscriptions, long Items);

/// <summary>
/// Writes synthetic accounts.csv, subscriptions.csv and subscription_items.csv shaped like the ARR challenge's
/// tables, deterministically for a seed. Calibrated on the real data: 26.3% of accounts without parent
/// (65,871 of 250,000); per 250,000 accounts 24,772 accounts with one subscription and 5,114 with two (35,000);
/// start dates drawn from the three windows the real subscriptions fall in; one-year terms (end = start + 365 days).
/// An account's second subscription continues its first: the same products with more or fewer units.
/// <para>
/// Streaming: one hierarchy is built at a time and account rows pass through a fixed-size shuffle window
/// (so children often come before their parents), so memory does not grow with the account count.
/// </para>
/// </summary>
public static class ArrGenerator
{
    public const long DefaultAccounts = 250_000;
    public const int DefaultSeed = 20_240_630;

    private const double RootShare = 65_871 / 250_000.0;
    private const double SubscriptionsPerAccount = 35_000 / 250_000.0;
    private const double TwoSubscriptionsShare = 5_114 / 250_000.0;
    private const int ShuffleWindow = 4_096;

    /// <summary>Accounts between two looks at the cancellation token: about a millisecond of work.</summary>
    private const int CancellationCheckRows = 4_096;

    /// <summary>Start-date windows of the real subscriptions, with how many of the 35,000 start in each.</summary>
    private static readonly (DateOnly First, DateOnly Last, int Weight)[] StartWindows =
    [
        (new DateOnly(2022, 3, 7), new DateOnly(2022, 5, 25), 3_490),
        (new DateOnly(2022, 12, 2), new DateOnly(2023, 5, 30), 28_003),
        (new DateOnly(2023, 11, 27), new DateOnly(2024, 11, 25), 3_507),
    ];

    private static readonly (string Name, int ListPrice)[] Products =
    [
        ("Platform License", 15), ("Analytics Seat", 49), ("API Access", 1_200), ("Premium Support", 5_000),
        ("Data Storage (TB)", 250), ("Training Credits", 99), ("Enterprise Add-on", 12_000), ("Mobile Seat", 10),
        ("Compliance Pack", 2_400), ("Sandbox Environment", 600),
    ];

    /// <summary>
    /// Writes the three files into <paramref name="folder"/>; <paramref name="cancellationToken"/> is checked every
    /// <see cref="CancellationCheckRows"/> accounts, and a cancelled run leaves none of the files (nor a temporary one).
    /// </summary>
    public static GeneratedArrData Write(string folder, long accounts, int seed, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(accounts, 1);
        GeneratedArrData totals = default;
        AtomicFile.Write(Path.Combine(folder, ArrInputs.AccountsFile), accountFile =>
            AtomicFile.Write(Path.Combine(folder, ArrInputs.SubscriptionsFile), subscriptionFile =>
                AtomicFile.Write(Path.Combine(folder, ArrInputs.ItemsFile), itemFile =>
                {
                    CsvWriter[] csv = [new(accountFile), new(subscriptionFile), new(itemFile)];
                    totals = new Run(new Random(seed), csv[0], csv[1], csv[2], progress, cancellationToken).Generate(accounts);
                    Array.ForEach(csv, writer => writer.Flush());
                })));
        return totals;
    }

    /// <summary>A subscription item's product, price, quantity and discount (its dates come from its subscription).</summary>
    private readonly record struct Item(string Product, int ListPrice, int Quantity, string Discount);

    /// <summary>One generator run: the random source, the three writers and the running counts.</summary>
    private sealed class Run(Random random, CsvWriter accountCsv, CsvWriter subscriptionCsv, CsvWriter itemCsv, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        private readonly List<(Guid Id, Guid Parent, string Name)> _window = new(ShuffleWindow);
        private readonly List<(Guid Id, int Parent, string Name)> _tree = [];
        private readonly int _windowWeight = StartWindows.Sum(window => window.Weight);
        private readonly char[] _first = new char[36]; // two UUID text buffers: a row writes at most two ids
        private readonly char[] _second = new char[36];
        private long _written;
        private long _enqueued;
        private long _total;
        private long _subscriptions;
        private long _items;

        // Accounts still to draw subscriptions for, and how many of them still get two or one (selection sampling:
        // the counts come out exact while each account is decided as it streams by).
        private long _undecided;
        private long _twoLeft;
        private long _oneLeft;

        public GeneratedArrData Generate(long accounts)
        {
            _total = accounts;
            _undecided = accounts;
            // The subscription total is what scales exactly (35,000 per 250,000 accounts); accounts with two take their share of it.
            var subscriptions = (long)Math.Round(accounts * SubscriptionsPerAccount);
            _twoLeft = Math.Min((long)Math.Round(accounts * TwoSubscriptionsShare), subscriptions / 2);
            _oneLeft = Math.Min(accounts - _twoLeft, subscriptions - 2 * _twoLeft);
            var roots = Math.Max(1, (long)Math.Round(accounts * RootShare));

            accountCsv.Row([.. AccountTable.ChallengeHeader]);
            subscriptionCsv.Row("id", "account_id", "start_date", "end_date");
            itemCsv.Row("id", "subscription_id", "product_name", "quantity", "list_price", "discount", "start_date", "end_date");

            var accountsLeft = accounts;
            for (var rootsLeft = roots; rootsLeft > 0; rootsLeft--)
            {
                var size = TreeSize(accountsLeft, rootsLeft);
                WriteHierarchy(size);
                accountsLeft -= size;
            }

            // Drain the shuffle window in random order.
            while (_window.Count > 0)
            {
                EmitFromWindow();
            }

            return new GeneratedArrData(accounts, roots, _subscriptions, _items);
        }

        /// <summary>
        /// A hierarchy's size: mostly single accounts, often a handful, rarely a conglomerate of hundreds; the mean is
        /// re-aimed at what is left (accounts per remaining root) so the totals come out exact.
        /// </summary>
        private long TreeSize(long accountsLeft, long rootsLeft)
        {
            if (rootsLeft == 1)
            {
                return accountsLeft;
            }

            const double single = 0.55, conglomerate = 0.0008, conglomerateMean = 800;
            var mean = (double)accountsLeft / rootsLeft;
            var roll = random.NextDouble();
            long size;
            if (roll < single)
            {
                size = 1;
            }
            else if (roll < single + conglomerate)
            {
                size = 100 + random.Next(1_400);
            }
            else
            {
                // 2 + a geometric count whose mean g makes the mixture's mean come out at `mean`.
                var g = Math.Max(0, (mean - single - conglomerate * conglomerateMean) / (1 - single - conglomerate) - 2);
                var p = g / (1 + g);
                size = 2 + (p <= 0 ? 0 : (long)Math.Floor(Math.Log(1 - random.NextDouble()) / Math.Log(p)));
            }

            return Math.Clamp(size, 1, accountsLeft - (rootsLeft - 1));
        }

        private void WriteHierarchy(long size)
        {
            _tree.Clear();
            var brand = CompanyNames.Brand(random);
            for (var node = 0; node < size; node++)
            {
                // Parent: the previous node a third of the time (chains give depth), else any earlier node (breadth).
                var parent = node == 0 ? -1 : random.NextDouble() < 0.35 ? node - 1 : random.Next(node);
                var name = node == 0 ? CompanyNames.Root(random, brand) : CompanyNames.Child(random, brand);
                var id = NewId();
                _tree.Add((id, parent, name));
                Enqueue((id, parent < 0 ? Guid.Empty : _tree[parent].Id, name));
                WriteSubscriptions(id);
            }
        }

        private void WriteSubscriptions(Guid account)
        {
            var roll = random.NextDouble() * _undecided--;
            var count = roll < _twoLeft ? 2 : roll < _twoLeft + _oneLeft ? 1 : 0;
            if (count == 2)
            {
                _twoLeft--;
            }
            else if (count == 1)
            {
                _oneLeft--;
            }

            if (count == 0)
            {
                return;
            }

            // An account's second subscription starts on a date drawn like the first's, as in the real table (its
            // second subscriptions overlap the first 82% of the time, follow it within a day 0.2%, after a gap 18%),
            // and continues the first's items with new quantities.
            var first = StartDate();
            var second = count == 2 ? StartDate() : first;
            if (second < first)
            {
                (first, second) = (second, first);
            }

            var items = WriteSubscription(account, first, previous: null);
            if (count == 2)
            {
                WriteSubscription(account, second, items);
            }
        }

        private Item[] WriteSubscription(Guid account, DateOnly start, Item[]? previous)
        {
            var end = start.AddDays(365);
            var id = NewId();
            subscriptionCsv.Field(IdText(id, _first)).Field(IdText(account, _second))
                .Field(DateText(start)).Field(DateText(end)).EndRow();
            _subscriptions++;
            var items = previous is null ? NewItems() : Renewed(previous);
            foreach (var item in items)
            {
                WriteItem(id, start, end, item);
            }

            return items;
        }

        private Item[] NewItems()
        {
            var items = new Item[random.NextDouble() < 0.5 ? 1 : 2];
            for (var i = 0; i < items.Length; i++)
            {
                items[i] = NewItem();
            }

            return items;
        }

        private Item NewItem()
        {
            var (product, price) = Products[random.Next(Products.Length)];
            var quantity = random.NextDouble() < 0.04 ? 0 : (int)Math.Exp(random.NextDouble() * 5);
            return new Item(product, price, quantity, Discount());
        }

        /// <summary>
        /// The items of a subscription that follows another: each product kept with its price and discount and a new
        /// quantity (more half the time, fewer a quarter, the same otherwise); now and then one product swapped for another.
        /// </summary>
        private Item[] Renewed(Item[] previous)
        {
            var items = new Item[previous.Length];
            for (var i = 0; i < items.Length; i++)
            {
                var factor = random.NextDouble() switch
                {
                    < 0.50 => 1.1 + random.NextDouble(),
                    < 0.75 => 0.4 + 0.5 * random.NextDouble(),
                    _ => 1.0,
                };
                items[i] = random.NextDouble() < 0.1
                    ? NewItem()
                    : previous[i] with { Quantity = (int)Math.Round(previous[i].Quantity * factor) };
            }

            return items;
        }

        private void WriteItem(Guid subscription, DateOnly start, DateOnly end, Item item)
        {
            var (itemStart, itemEnd) = random.NextDouble() switch
            {
                < 0.12 => (start.AddDays(random.Next(30, 300)), end), // an add-on co-termed with the subscription
                < 0.20 => (start, start.AddDays(random.Next(30, 300))), // cancelled before the term ended
                _ => (start, end),
            };
            itemCsv.Field(IdText(NewId(), _first)).Field(IdText(subscription, _second)).Field(item.Product)
                .Field(item.Quantity).Field(item.ListPrice).Field(item.Discount).Field(DateText(itemStart)).Field(DateText(itemEnd)).EndRow();
            _items++;
        }

        /// <summary>Mostly none, often a round two-decimal fraction (0.07 = 7%), now and then a full 1.0.</summary>
        private string Discount() => random.NextDouble() switch
        {
            < 0.45 => "0",
            < 0.47 => "1.0",
            _ => (random.Next(1, 61) / 100m).ToString(CultureInfo.InvariantCulture),
        };

        private DateOnly StartDate()
        {
            var pick = random.Next(_windowWeight);
            foreach (var (first, last, weight) in StartWindows)
            {
                if (pick < weight)
                {
                    return first.AddDays(random.Next(last.DayNumber - first.DayNumber + 1));
                }

                pick -= weight;
            }

            throw new InvalidOperationException("unreachable: the pick is below the total weight");
        }

        private void Enqueue((Guid Id, Guid Parent, string Name) row)
        {
            if (++_enqueued % CancellationCheckRows == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (_window.Count == ShuffleWindow)
            {
                EmitFromWindow();
            }

            _window.Add(row);
        }

        /// <summary>Writes a random row of the window and fills its place with the last one.</summary>
        private void EmitFromWindow()
        {
            var index = random.Next(_window.Count);
            var (id, parent, name) = _window[index];
            _window[index] = _window[^1];
            _window.RemoveAt(_window.Count - 1);
            accountCsv.Field(IdText(id, _first))
                .Field(parent == Guid.Empty ? default : IdText(parent, _second))
                .Field(name).Field(ReadOnlySpan<char>.Empty).Field("0").Field("0").EndRow();
            if (++_written % 65_536 == 0)
            {
                progress?.Report(_written);
            }
        }

        /// <summary>A random version-4 UUID from the seeded source.</summary>
        private Guid NewId()
        {
            Span<byte> bytes = stackalloc byte[16];
            random.NextBytes(bytes);
            bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
            bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
            return new Guid(bytes);
        }

        private static ReadOnlySpan<char> IdText(Guid id, char[] buffer)
        {
            id.TryFormat(buffer, out var written);
            return buffer.AsSpan(0, written);
        }

        private static string DateText(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }
}
