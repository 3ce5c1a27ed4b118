using FsCheck;
using FsCheck.Fluent;

namespace Workbook.Tests.Arr;

/// <summary>FsCheck generators of small challenge datasets around one as-of date.</summary>
internal static class ArrGenerators
{
    public static readonly DateOnly AsOf = new(2023, 6, 30);

    // Two-decimal fractions as in the challenge, plus a 3-decimal one (cents rounding) and the edges 0 and 1.
    private static readonly decimal[] Discounts = [0m, 0.07m, 0.1m, 0.125m, 0.5m, 1m];

    /// <summary>Forests: each account's parent is an account created before it (or none), rows in shuffled order.</summary>
    public static Arbitrary<ArrData> Forests() =>
        (from n in Gen.Choose(1, 40)
         from picks in Gen.ArrayOf(Gen.Choose(0, 1000), n)
         from order in Gen.Shuffle(Enumerable.Range(0, n))
         from subscriptions in Gen.ListOf(Subscription())
         from items in Gen.ListOf(Item())
         select Build(n, k => picks[k] % (k + 1) - 1, order, subscriptions, items)).ToArbitrary();

    /// <summary>Any parent graph: parents anywhere, so self-parents, cycles, chains into cycles and dangling parents all occur.</summary>
    public static Arbitrary<ArrData> Graphs() =>
        (from n in Gen.Choose(1, 30)
         from picks in Gen.ArrayOf(Gen.Choose(-2, 29), n)
         from subscriptions in Gen.ListOf(Subscription())
         from items in Gen.ListOf(Item())
         select Build(n, k => picks[k] < 0 ? picks[k] : picks[k] % n, Enumerable.Range(0, n).ToArray(), subscriptions, items)).ToArbitrary();

    private static Gen<(int Account, int Start, int Length)> Subscription() =>
        from account in Gen.Choose(0, 1000)
        from start in Gen.Choose(-500, 100)
        from length in Gen.Choose(0, 500)
        select (account, start, length);

    private static Gen<(int Subscription, int Quantity, int Price, decimal Discount, int Start, int Length)> Item() =>
        from subscription in Gen.Choose(0, 1000)
        from quantity in Gen.Choose(0, 25)
        from price in Gen.Choose(0, 500)
        from discount in Gen.Elements(Discounts)
        from start in Gen.Choose(-500, 100)
        from length in Gen.Choose(0, 500)
        select (subscription, quantity, price, discount, start, length);

    /// <param name="parentOf">Account k's parent: an account number, -1 for none, -2 for an id that does not exist.</param>
    private static ArrData Build(
        int n,
        Func<int, int> parentOf,
        IEnumerable<int> rowOrder,
        IReadOnlyList<(int Account, int Start, int Length)> subscriptions,
        IReadOnlyList<(int Subscription, int Quantity, int Price, decimal Discount, int Start, int Length)> items)
    {
        static string Id(int k) => $"acct-{k}";
        var accounts = rowOrder
            .Select(k => new TestAccount(Id(k), parentOf(k) switch { -1 => "", -2 => "ghost", var p => Id(p) }, k % 4 == 0 ? $"Umbrella {k}, Inc." : $"Umbrella {k}"))
            .ToList();
        var subscriptionRows = subscriptions
            .Select((s, i) => new TestSubscription($"sub-{i}", Id(s.Account % n), AsOf.AddDays(s.Start), AsOf.AddDays(s.Start + s.Length)))
            .ToList();
        var itemRows = subscriptionRows.Count == 0
            ? []
            : items.Select((t, i) => new TestItem($"item-{i}", subscriptionRows[t.Subscription % subscriptionRows.Count].Id, t.Quantity, t.Price, t.Discount, AsOf.AddDays(t.Start), AsOf.AddDays(t.Start + t.Length))).ToList();
        return new ArrData(accounts, subscriptionRows, itemRows);
    }
}
