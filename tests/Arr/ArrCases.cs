using System.Text;
using Workbook.Arr;

namespace Workbook.Tests.Arr;

/// <summary>One set of the three ARR input files, as text; <see cref="BomAndCrlf"/> writes them with a byte-order mark and CRLF line ends.</summary>
public sealed record ArrCase(string Name, string Accounts, string Subscriptions = ArrCases.SubscriptionsHeader, string Items = ArrCases.ItemsHeader, bool Lenient = false, bool BomAndCrlf = false)
{
    public ArrInputs Read() =>
        ArrInputs.Read(new StringReader(Accounts), new StringReader(Subscriptions), new StringReader(Items), Lenient);

    /// <summary>Writes the files as <see cref="ArrInputs"/> names them into <paramref name="folder"/>; returns (accounts, subscriptions, items).</summary>
    public (string Accounts, string Subscriptions, string Items) WriteTo(TempDir dir, string folder = "")
    {
        string Encoded(string text) => BomAndCrlf ? "\uFEFF" + text.Replace("\n", "\r\n") : text;
        return (dir.Write(Path.Combine(folder, ArrInputs.AccountsFile), Encoded(Accounts)),
                dir.Write(Path.Combine(folder, ArrInputs.SubscriptionsFile), Encoded(Subscriptions)),
                dir.Write(Path.Combine(folder, ArrInputs.ItemsFile), Encoded(Items)));
    }

    public override string ToString() => Name;
}

/// <summary>
/// The hostile ARR inputs, shared by the in-memory engine's tests (ArrAdversarialTests, which assert their values)
/// and the SQL engines' parity theory (ArrSqlRollupTests, which asserts every engine writes the in-memory bytes or
/// stops with the in-memory error).
/// </summary>
public static class ArrCases
{
    public const string AccountsHeader = "id,parent_id,name,ultimate_parent_id,arr,hierarchy_arr\n";
    public const string SubscriptionsHeader = "id,account_id,start_date,end_date\n";
    public const string ItemsHeader = "id,subscription_id,product_name,quantity,list_price,discount,start_date,end_date\n";

    /// <summary>The as-of date every case is rolled up on.</summary>
    public static readonly DateOnly Day = new(2023, 6, 30);

    /// <summary>Account a's subscription s1, the context of the bad-row and duplicate cases.</summary>
    public const string OneSubscription = SubscriptionsHeader + "s1,a,2023-01-01,2023-12-31\n";

    /// <summary>One active subscription with one $100 item per listed account.</summary>
    public static (string Subscriptions, string Items) HundredEach(params string[] accounts) =>
        (SubscriptionsHeader + string.Concat(accounts.Select(a => $"s-{a},{a},2023-01-01,2023-12-31\n")),
         ItemsHeader + string.Concat(accounts.Select(a => $"i-{a},s-{a},Seat,1,100,0,2023-01-01,2023-12-31\n")));

    private static ArrCase WithHundredEach(string name, string accounts, params string[] paying)
    {
        var (subscriptions, items) = HundredEach(paying);
        return new ArrCase(name, accounts, subscriptions, items);
    }

    // a -> b -> c -> a is a cycle; d hangs below it; e is a normal root.
    public static readonly ArrCase Cycle = WithHundredEach("cycle", AccountsHeader + "a,c,A,,,\nb,a,B,,,\nc,b,C,,,\nd,c,D,,,\ne,,E,,,\n", "a", "d", "e");

    public static readonly ArrCase SelfParent = WithHundredEach("self parent", AccountsHeader + "x,x,X,,,\ny,x,Y,,,\n", "x", "y");

    public static readonly ArrCase DanglingParent = new("dangling parent", AccountsHeader + "y,nobody,Y,,,\nz,y,Z,,,\n");

    /// <summary>A chain n0 &lt;- n1 &lt;- ... written deepest first, so every parent comes after its child; n0 and the deepest pay $100.</summary>
    public static ArrCase Chain(int depth)
    {
        var accounts = new StringBuilder(AccountsHeader, depth * 24);
        for (var k = depth - 1; k >= 0; k--)
        {
            accounts.Append('n').Append(k).Append(',');
            if (k > 0)
            {
                accounts.Append('n').Append(k - 1);
            }

            accounts.Append(",Node,,,\n");
        }

        var (subscriptions, items) = HundredEach($"n{depth - 1}", "n0");
        return new ArrCase($"{depth}-deep chain", accounts.ToString(), subscriptions, items);
    }

    /// <summary>n0 -> n1 -> ... -> n(size-1) -> n0: one cycle through every account.</summary>
    public static ArrCase LongCycle(int size)
    {
        var accounts = new StringBuilder(AccountsHeader, size * 24);
        for (var k = 0; k < size; k++)
        {
            accounts.Append('n').Append(k).Append(",n").Append((k + 1) % size).Append(",Node,,,\n");
        }

        return new ArrCase($"{size}-long cycle", accounts.ToString());
    }

    public static readonly ArrCase BomAndCrlf = WithHundredEach("byte-order mark and CRLF", AccountsHeader + "p,,P,,,\nc,p,\"C, Ltd\",,,\n", "p", "c") with { BomAndCrlf = true };

    public static readonly ArrCase QuotedNames = new("quoted names", AccountsHeader
        + "a,,\"Umbrella Holdings, Inc.\",,,\n"
        + "b,a,\"Bob's \"\"Famous\"\" Burgers\",,,\n"
        + "c,a,\"Two\nLines\",,,\n");

    public static readonly ArrCase ExtraColumns = new("extra columns", "region,id,name,parent_id,arr\nEMEA,a,A,,999\nAPAC,b,B,a,\n");

    public static readonly ArrCase HeaderOnly = new("header-only files", AccountsHeader);

    public static readonly ArrCase LenientSkips = new(
        "lenient skips",
        AccountsHeader + "a,,A,,,\n",
        OneSubscription + "s2,a,someday,2023-12-31\n",
        ItemsHeader
            + "i1,s1,Seat,1,100,0,2023-01-01,2023-12-31\n"
            + "i2,s1,Seat,1,100,1.5,2023-01-01,2023-12-31\n"
            + "i3,s1,Seat,1,100\n"
            + "i4,s1,Seat,2,100,0.25,2023-01-01,2023-12-31\n",
        Lenient: true);

    public static readonly ArrCase UnknownAccountsAndSubscriptions = new(
        "unknown accounts and subscriptions",
        AccountsHeader + "a,,A,,,\n",
        OneSubscription + "s2,ghost,2023-01-01,2023-12-31\n",
        ItemsHeader
            + "i1,s1,Seat,1,100,0,2023-01-01,2023-12-31\n"
            + "i2,s2,Seat,1,100,0,2023-01-01,2023-12-31\n"
            + "i3,nope,Seat,1,100,0,2023-01-01,2023-12-31\n");

    public static readonly ArrCase EveryIssue = WithHundredEach("every issue", AccountsHeader + "a,c,A,,,\nb,a,B,,,\nc,b,C,,,\nd,c,D,,,\ne,e,E,,,\nf,ghost,F,,,\n", "a", "d");

    public static readonly ArrCase TwelveDanglingParents = new("twelve dangling parents", AccountsHeader + string.Concat(Enumerable.Range(0, 12).Select(k => $"a{k},missing{k},A,,,\n")));

    // The cases that stop the run with an error.
    public static readonly ArrCase EmptyFile = new("empty file", AccountsHeader, "", ItemsHeader);

    public static readonly ArrCase MissingColumn = new("missing column", "id,name\na,A\n");

    /// <summary>A bad subscription_items.csv row on line 3 (after a good one), not lenient.</summary>
    public static ArrCase BadItemRow(string row) =>
        new($"bad item row {row}", AccountsHeader + "a,,A,,,\n", OneSubscription, ItemsHeader + "i0,s1,Seat,1,1,0,2023-01-01,2023-12-31\n" + row + "\n");

    public static readonly string[] BadItemRows =
    [
        "i1,s1,Seat,1,100,1.5,2023-01-01,2023-12-31",
        "i1,s1,Seat,1,100,-0.1,2023-01-01,2023-12-31",
        "i1,s1,Seat,-3,100,0,2023-01-01,2023-12-31",
        "i1,s1,Seat,1,-100,0,2023-01-01,2023-12-31",
        "i1,s1,Seat,many,100,0,2023-01-01,2023-12-31",
        "i1,s1,Seat,1,100,0,2023-13-01,2023-12-31",
        "i1,s1,Seat,1,100,0,2023-12-31,2023-01-01",
        "i1,s1,Seat,1,100,0,2023-01-01",
    ];

    public static readonly ArrCase DuplicateAccountId = new("duplicate account id", AccountsHeader + "a,,A,,,\nb,,B,,,\na,,A again,,,\n", Lenient: true);

    public static readonly ArrCase DuplicateSubscriptionId = new("duplicate subscription id", AccountsHeader + "a,,A,,,\n", OneSubscription + "s1,a,2023-01-01,2023-12-31\n", Lenient: true);

    public static readonly ArrCase DuplicateItemId = new(
        "duplicate item id", AccountsHeader + "a,,A,,,\n", OneSubscription,
        ItemsHeader + "i1,s1,Seat,1,1,0,2023-01-01,2023-12-31\ni1,s1,Seat,1,1,0,2023-01-01,2023-12-31\n", Lenient: true);

    public static readonly ArrCase EmptyAccountId = new("empty account id", AccountsHeader + ",,Nameless,,,\n");

    /// <summary>
    /// Every case for the engines' parity. The in-memory tests' million-deep chain and million-long cycle come in at
    /// <see cref="SqlDepth"/>, which keeps the PostgreSQL run to seconds.
    /// </summary>
    public static IReadOnlyList<ArrCase> All => all.Value;

    private static readonly Lazy<IReadOnlyList<ArrCase>> all = new(() =>
    [
        Cycle, SelfParent, DanglingParent, Chain(SqlDepth), LongCycle(SqlDepth), BomAndCrlf, QuotedNames, ExtraColumns, HeaderOnly,
        LenientSkips, UnknownAccountsAndSubscriptions, EveryIssue, TwelveDanglingParents,
        EmptyFile, MissingColumn, .. BadItemRows.Select(BadItemRow), DuplicateAccountId, DuplicateSubscriptionId, DuplicateItemId, EmptyAccountId,
    ]);

    /// <summary>The depth of the chain and length of the cycle that the SQL engines get.</summary>
    public const int SqlDepth = 1_000_000;

    public static ArrCase Named(string name) => All.Single(c => c.Name == name);
}
