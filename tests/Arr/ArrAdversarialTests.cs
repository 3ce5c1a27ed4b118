using Workbook.Arr;
using Workbook.Core;

namespace Workbook.Tests.Arr;

/// <summary>Hostile inputs: broken hierarchies, extreme depth, encodings and line ends, bad rows.</summary>
public class ArrAdversarialTests
{
    private const string AccountsHeader = ArrCases.AccountsHeader;
    private static readonly DateOnly Day = ArrCases.Day;

    private static ArrInputs Read(ArrCase inputs) => inputs.Read();

    private static string WriteAccounts(ArrResult result)
    {
        using var dir = new TempDir();
        var path = dir.File("out.csv");
        ArrOutput.WriteAccounts(result, path);
        return File.ReadAllText(path);
    }

    [Fact]
    public void Cycle_members_are_reported_and_left_without_ultimate_parent_or_hierarchy_arr()
    {
        var result = ArrRollup.Compute(Read(ArrCases.Cycle), Day);

        Assert.Equal(
            AccountsHeader + "a,c,A,,100.00,\nb,a,B,,0.00,\nc,b,C,,0.00,\nd,c,D,,100.00,\ne,,E,e,100.00,100.00\n",
            WriteAccounts(result));
        var issues = result.Summary.Issues;
        Assert.Equal(3, issues.Count(ArrIssueKind.Cycle));
        Assert.Equal(1, issues.Count(ArrIssueKind.BelowCycle));
        Assert.Equal(1, result.Summary.Cycles);
        Assert.Equal(["accounts.csv:2: parent cycle a → c → b → a"], issues.Examples(ArrIssueKind.Cycle));
        Assert.Equal(AccountFlags.Cycle, result.Flags(1));
        Assert.Equal(AccountFlags.BelowCycle, result.Flags(3));
        Assert.Null(result.SubtreeArr(0));
        Assert.Equal(100m, result.SubtreeArr(3));
        Assert.Contains("3 in 1 cycle on a parent cycle", ArrOutput.FormatSummary(result.Summary));
        Assert.Equal(300m, result.Summary.TotalArr);
    }

    [Fact]
    public void Self_parent_is_a_root_and_is_reported()
    {
        var result = ArrRollup.Compute(Read(ArrCases.SelfParent), Day);

        Assert.Equal(AccountsHeader + "x,x,X,x,100.00,200.00\ny,x,Y,x,100.00,200.00\n", WriteAccounts(result));
        Assert.Equal(1, result.Summary.Issues.Count(ArrIssueKind.SelfParent));
        Assert.Equal(["accounts.csv:2: account 'x' names itself as parent"], result.Summary.Issues.Examples(ArrIssueKind.SelfParent));
    }

    [Fact]
    public void Dangling_parent_makes_a_root_and_is_reported()
    {
        var result = ArrRollup.Compute(Read(ArrCases.DanglingParent), Day);

        Assert.Equal(AccountsHeader + "y,nobody,Y,y,0.00,0.00\nz,y,Z,y,0.00,0.00\n", WriteAccounts(result));
        Assert.Equal(["accounts.csv:2: parent_id 'nobody' of account 'y' names no account"], result.Summary.Issues.Examples(ArrIssueKind.DanglingParent));
        Assert.Equal(AccountFlags.DanglingParent, result.Flags(0));
    }

    [Fact]
    public void A_million_deep_chain_rolls_up_without_recursion()
    {
        const int depth = 1_000_000;
        var result = ArrRollup.Compute(Read(ArrCases.Chain(depth)), Day);

        Assert.Equal(depth, result.Count);
        Assert.Equal(depth - 1, result.Summary.MaxDepth);
        Assert.Equal(1, result.Summary.Hierarchies);
        Assert.Equal(depth - 1, result.Depth(0));
        Assert.Equal(depth - 1, result.UltimateParent(0)); // the last row, n0
        Assert.Equal(200m, result.HierarchyArr(0));
        Assert.Equal(100m, result.SubtreeArr(0));
        Assert.Equal(200m, result.SubtreeArr(depth - 1));
    }

    [Fact]
    public void A_million_long_cycle_is_found_without_hanging()
    {
        const int size = 1_000_000;
        var result = ArrRollup.Compute(Read(ArrCases.LongCycle(size)), Day);

        Assert.Equal(size, result.Summary.Issues.Count(ArrIssueKind.Cycle));
        Assert.Equal(1, result.Summary.Cycles);
        Assert.Equal(0, result.Summary.Hierarchies);
        Assert.Contains("(1000000 accounts)", Assert.Single(result.Summary.Issues.Examples(ArrIssueKind.Cycle)));
    }

    [Fact]
    public void Byte_order_mark_and_crlf_line_ends_read_like_plain_files()
    {
        using var dir = new TempDir();
        var (a, s, i) = ArrCases.BomAndCrlf.WriteTo(dir, "bom");

        var fromFiles = ArrRollup.Compute(ArrInputs.Load(a, s, i), Day);
        var fromPlain = ArrRollup.Compute(Read(ArrCases.BomAndCrlf), Day);

        Assert.Equal(WriteAccounts(fromPlain), WriteAccounts(fromFiles));
        Assert.Equal(AccountsHeader + "p,,P,p,100.00,200.00\nc,p,\"C, Ltd\",p,100.00,200.00\n", WriteAccounts(fromFiles));
    }

    [Fact]
    public void Quoted_names_with_commas_quotes_and_line_breaks_round_trip()
    {
        var output = WriteAccounts(ArrRollup.Compute(Read(ArrCases.QuotedNames), Day));

        Assert.Equal(
            AccountsHeader + "a,,\"Umbrella Holdings, Inc.\",a,0.00,0.00\nb,a,\"Bob's \"\"Famous\"\" Burgers\",a,0.00,0.00\nc,a,\"Two\nLines\",a,0.00,0.00\n",
            output);
        using var reader = new CsvReader(new StringReader(output), "out.csv");
        var names = new List<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(2));
        }

        Assert.Equal(["Umbrella Holdings, Inc.", "Bob's \"Famous\" Burgers", "Two\nLines"], names);
    }

    [Fact]
    public void Extra_columns_keep_their_place_and_missing_filled_columns_are_appended()
    {
        var output = WriteAccounts(ArrRollup.Compute(Read(ArrCases.ExtraColumns), Day));

        Assert.Equal("region,id,name,parent_id,arr,ultimate_parent_id,hierarchy_arr\nEMEA,a,A,,0.00,a,0.00\nAPAC,b,B,a,0.00,a,0.00\n", output);
    }

    [Fact]
    public void Header_only_files_give_an_empty_rollup()
    {
        var result = ArrRollup.Compute(Read(ArrCases.HeaderOnly), Day);

        Assert.Equal(AccountsHeader, WriteAccounts(result));
        Assert.Equal(0, result.Summary.Hierarchies);
        Assert.Equal(0m, result.Summary.TotalArr);
        Assert.Contains("issues:         none", ArrOutput.FormatSummary(result.Summary));
    }

    [Fact]
    public void Empty_file_is_an_error_naming_the_file()
    {
        var error = Assert.Throws<InputDataException>(() => Read(ArrCases.EmptyFile));
        Assert.Equal("subscriptions.csv: the file is empty: expected a header row", error.Message);
    }

    [Fact]
    public void Missing_column_is_an_error_naming_the_column()
    {
        var error = Assert.Throws<InputDataException>(() => Read(ArrCases.MissingColumn));
        Assert.Equal("accounts.csv:1: column 'parent_id': missing column (the header has: id, name)", error.Message);
    }

    [Theory]
    [InlineData(0, "column 'discount': 1.5 is out of range: expected a number between 0 and 1")]
    [InlineData(1, "column 'discount': -0.1 is out of range: expected a number between 0 and 1")]
    [InlineData(2, "column 'quantity': -3 is out of range: expected a number at least 0")]
    [InlineData(3, "column 'list_price': -100 is out of range: expected a number at least 0")]
    [InlineData(4, "column 'quantity': 'many' is not a number")]
    [InlineData(5, "column 'start_date': '2023-13-01' is not a date (expected yyyy-MM-dd)")]
    [InlineData(6, "column 'end_date': end_date 2023-01-01 is before start_date 2023-12-31")]
    [InlineData(7, "expected 8 fields as in the header, found 7")]
    public void Bad_item_rows_stop_the_run_naming_file_line_and_column(int row, string problem)
    {
        var error = Assert.Throws<InputDataException>(() => Read(ArrCases.BadItemRow(ArrCases.BadItemRows[row])));

        Assert.Equal($"subscription_items.csv:3: {problem}", error.Message);
    }

    [Fact]
    public void Lenient_skips_and_reports_bad_rows_and_keeps_the_good_ones()
    {
        var result = ArrRollup.Compute(Read(ArrCases.LenientSkips), Day);

        Assert.Equal(250m, result.Arr(0));
        Assert.Equal(3, result.Summary.Issues.Count(ArrIssueKind.SkippedRow));
        Assert.Equal(
            [
                "subscriptions.csv:3: column 'start_date': 'someday' is not a date (expected yyyy-MM-dd)",
                "subscription_items.csv:3: column 'discount': 1.5 is out of range: expected a number between 0 and 1",
                "subscription_items.csv:4: expected 8 fields as in the header, found 5",
            ],
            result.Summary.Issues.Examples(ArrIssueKind.SkippedRow));
        Assert.Equal(2, result.Summary.SubscriptionRows);
        Assert.Equal(4, result.Summary.ItemRows);
    }

    [Fact]
    public void Unknown_accounts_and_subscriptions_are_reported_and_excluded()
    {
        var result = ArrRollup.Compute(Read(ArrCases.UnknownAccountsAndSubscriptions), Day);

        Assert.Equal(100m, result.Summary.TotalArr);
        Assert.Equal(1, result.Summary.ActiveSubscriptions);
        Assert.Equal(["subscriptions.csv:3: subscription 's2' names account 'ghost', which does not exist"], result.Summary.Issues.Examples(ArrIssueKind.UnknownAccount));
        Assert.Equal(["subscription_items.csv:4: item 'i3' names subscription 'nope', which does not exist"], result.Summary.Issues.Examples(ArrIssueKind.UnknownSubscription));
    }

    [Fact]
    public void Duplicate_account_id_is_an_error_even_when_lenient()
    {
        var error = Assert.Throws<InputDataException>(() => Read(ArrCases.DuplicateAccountId));
        Assert.Equal("accounts.csv:4: column 'id': duplicate account id 'a' (first on line 2)", error.Message);
    }

    [Fact]
    public void Duplicate_subscription_id_is_an_error()
    {
        var error = Assert.Throws<InputDataException>(() => Read(ArrCases.DuplicateSubscriptionId));
        Assert.Equal("subscriptions.csv:3: column 'id': duplicate subscription id 's1' (first on line 2)", error.Message);
    }

    [Fact]
    public void Duplicate_item_id_is_an_error()
    {
        var error = Assert.Throws<InputDataException>(() => Read(ArrCases.DuplicateItemId));
        Assert.Equal("subscription_items.csv:3: column 'id': duplicate item id 'i1' (first on line 2)", error.Message);
    }

    [Fact]
    public void A_repeated_subscription_id_above_a_bad_row_is_the_error_reported_as_a_row_by_row_read_would()
    {
        var subscriptions = ArrCases.SubscriptionsHeader
            + "s1,a,2023-01-01,2023-12-31\n"
            + "s1,a,2023-01-01,2023-12-31\n"
            + "s2,a,2023-01-01,someday\n"; // a bad row below it
        var strict = new ArrCase("repeat above a bad row", AccountsHeader + "a,,A,,,\n", subscriptions);

        var error = Assert.Throws<InputDataException>(() => Read(strict));

        Assert.Equal("subscriptions.csv:3: column 'id': duplicate subscription id 's1' (first on line 2)", error.Message);
        Assert.Equal(error.Message, Assert.Throws<InputDataException>(() => Read(strict with { Lenient = true })).Message);
    }

    [Fact]
    public void A_repeated_item_id_above_a_bad_row_is_the_error_reported_as_a_row_by_row_read_would()
    {
        var items = ArrCases.ItemsHeader
            + "i1,s1,Seat,1,1,0,2023-01-01,2023-12-31\n"
            + "i1,nope,Seat,1,1,0,2023-01-01,2023-12-31\n" // repeated, and of an unknown subscription: still a repeat
            + "i2,s1,Seat,many,1,0,2023-01-01,2023-12-31\n"; // a bad row below it
        var strict = new ArrCase("repeat above a bad row", AccountsHeader + "a,,A,,,\n", ArrCases.OneSubscription, items);

        var error = Assert.Throws<InputDataException>(() => Read(strict));

        Assert.Equal("subscription_items.csv:3: column 'id': duplicate item id 'i1' (first on line 2)", error.Message);
        Assert.Equal(error.Message, Assert.Throws<InputDataException>(() => Read(strict with { Lenient = true })).Message);
    }

    [Fact]
    public void Details_flag_every_issue_and_leave_unknowable_values_empty()
    {
        using var dir = new TempDir();
        var path = dir.File("details.csv");
        ArrOutput.WriteDetails(ArrRollup.Compute(Read(ArrCases.EveryIssue), Day), path);

        Assert.Equal(
            [
                "id,name,parent_id,ultimate_parent_id,depth,arr,subtree_arr,hierarchy_arr,issues",
                "a,A,c,,,100.00,,,cycle",
                "b,B,a,,,0.00,,,cycle",
                "c,C,b,,,0.00,,,cycle",
                "d,D,c,,,100.00,100.00,,below_cycle",
                "e,E,e,e,0,0.00,0.00,0.00,self_parent",
                "f,F,ghost,f,0,0.00,0.00,0.00,dangling_parent",
            ],
            File.ReadAllLines(path));
    }

    [Fact]
    public void Empty_account_id_is_an_error()
    {
        var error = Assert.Throws<InputDataException>(() => Read(ArrCases.EmptyAccountId));
        Assert.Equal("accounts.csv:2: column 'id': the account id is empty", error.Message);
    }

    [Fact]
    public void Issue_examples_stop_at_five_but_the_count_goes_on()
    {
        var issues = ArrRollup.Compute(Read(ArrCases.TwelveDanglingParents), Day).Summary.Issues;

        Assert.Equal(12, issues.Count(ArrIssueKind.DanglingParent));
        Assert.Equal(ArrIssueLog.ExamplesPerKind, issues.Examples(ArrIssueKind.DanglingParent).Count);
    }
}
