using System.Globalization;
using Workbook.Arr;
using Workbook.Core;

namespace Workbook.Tests.Arr;

internal sealed record TestAccount(string Id, string Parent, string Name);

internal sealed record TestSubscription(string Id, string Account, DateOnly Start, DateOnly End);

internal sealed record TestItem(string Id, string Subscription, int Quantity, int ListPrice, decimal Discount, DateOnly Start, DateOnly End);

/// <summary>The three challenge tables as records, written as CSV the way the challenge's files are.</summary>
internal sealed record ArrData(IReadOnlyList<TestAccount> Accounts, IReadOnlyList<TestSubscription> Subscriptions, IReadOnlyList<TestItem> Items)
{
    public string AccountsCsv() => Csv(
        AccountTable.ChallengeHeader,
        Accounts.Select(a => new[] { a.Id, a.Parent, a.Name, "", "0", "0" }));

    public string SubscriptionsCsv() => Csv(
        ["id", "account_id", "start_date", "end_date"],
        Subscriptions.Select(s => new[] { s.Id, s.Account, Date(s.Start), Date(s.End) }));

    public string ItemsCsv() => Csv(
        ["id", "subscription_id", "product_name", "quantity", "list_price", "discount", "start_date", "end_date"],
        Items.Select(i => new[]
        {
            i.Id, i.Subscription, "Platform License", Num(i.Quantity), Num(i.ListPrice), i.Discount.ToString(CultureInfo.InvariantCulture), Date(i.Start), Date(i.End),
        }));

    public ArrInputs Load(bool lenient = false) =>
        ArrInputs.Read(new StringReader(AccountsCsv()), new StringReader(SubscriptionsCsv()), new StringReader(ItemsCsv()), lenient);

    public ArrResult Rollup(DateOnly asOf) => ArrRollup.Compute(Load(), asOf);

    /// <summary>Writes the three files into <paramref name="dir"/> and returns their paths (accounts, subscriptions, items).</summary>
    public (string Accounts, string Subscriptions, string Items) WriteTo(TempDir dir) =>
        (dir.Write(ArrInputs.AccountsFile, AccountsCsv()), dir.Write(ArrInputs.SubscriptionsFile, SubscriptionsCsv()), dir.Write(ArrInputs.ItemsFile, ItemsCsv()));

    /// <summary>The same data with every table's rows in another order.</summary>
    public ArrData Reordered(Random random) => new(Shuffle(Accounts, random), Shuffle(Subscriptions, random), Shuffle(Items, random));

    public override string ToString() => $"{AccountsCsv()}\n{SubscriptionsCsv()}\n{ItemsCsv()}";

    private static T[] Shuffle<T>(IEnumerable<T> rows, Random random)
    {
        var array = rows.ToArray();
        random.Shuffle(array);
        return array;
    }

    private static string Csv(IReadOnlyList<string> header, IEnumerable<string[]> rows)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        var csv = new CsvWriter(text);
        csv.Row([.. header]);
        foreach (var row in rows)
        {
            csv.Row(row);
        }

        return text.ToString();
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Num(int value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A clock stopped at one instant, for commands whose default depends on "today".</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
