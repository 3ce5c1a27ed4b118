using Workbook.Arr;
using Workbook.Core;
using Workbook.Tests.Cli;

namespace Workbook.Tests.Arr;

/// <summary>The hand-checkable examples: the Umbrella hierarchy of arr-data/example and the challenge's own numbers.</summary>
public class ArrGoldenTests
{
    private static readonly string Example = Path.Combine(RepoPaths.TryFindRoot() ?? throw new InvalidOperationException("run the tests inside the checkout"), "arr-data", "example");

    private static string ExampleFile(string name) => Path.Combine(Example, name);

    [Fact]
    public void Umbrella_example_reproduces_the_expected_output_byte_for_byte()
    {
        using var dir = new TempDir();
        var output = dir.File("accounts.csv");
        var inputs = ArrInputs.Load(ExampleFile(ArrInputs.AccountsFile), ExampleFile(ArrInputs.SubscriptionsFile), ExampleFile(ArrInputs.ItemsFile));
        ArrOutput.WriteAccounts(ArrRollup.Compute(inputs, new DateOnly(2023, 6, 30)), output);

        Assert.Equal(File.ReadAllBytes(ExampleFile("expected-accounts.csv")), File.ReadAllBytes(output));
    }

    [Fact]
    public async Task Umbrella_example_through_the_command_line()
    {
        using var dir = new TempDir();
        var output = dir.File("out/accounts.csv");
        var details = dir.File("out/details.csv");
        var result = await CliRunner.RunAsync(
        [
            "arr", "--accounts", ExampleFile(ArrInputs.AccountsFile), "--subscriptions", ExampleFile(ArrInputs.SubscriptionsFile),
            "--items", ExampleFile(ArrInputs.ItemsFile), "--as-of", "2023-06-30", "--out", output, "--details", details,
        ]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Err);
        Assert.Equal(File.ReadAllText(ExampleFile("expected-accounts.csv")), File.ReadAllText(output));
        Assert.Equal(
            """
            ARR rollup as of 2023-06-30
              rows read:      9 accounts, 5 subscriptions, 7 subscription items
              active:         3 subscriptions, 5 items, on 3 accounts
              hierarchies:    2 (largest 8 accounts), maximum depth 2
              total ARR:      $45,086.63
              issues:         none
            wrote {0}
            wrote {1}

            """.Replace("{0}", output).Replace("{1}", details),
            result.Out);
        var detailLines = File.ReadAllLines(details);
        Assert.Equal("id,name,parent_id,ultimate_parent_id,depth,arr,subtree_arr,hierarchy_arr,issues", detailLines[0]);
        Assert.Equal("umb-usa,Umbrella USA,umb-corp,umb-corp,1,30000.00,30000.00,45000.00,", detailLines[2]);
        Assert.Equal("paraguas,Paraguas Line Company,umb-eu,umb-corp,2,0.00,0.00,45000.00,", detailLines[3]);
        Assert.Equal("acme,\"Acme, Inc.\",,acme,0,86.63,86.63,86.63,", detailLines[9]);
    }

    [Fact]
    public void Hierarchy_arr_is_the_same_on_every_umbrella_account()
    {
        var inputs = ArrInputs.Load(ExampleFile(ArrInputs.AccountsFile), ExampleFile(ArrInputs.SubscriptionsFile), ExampleFile(ArrInputs.ItemsFile));
        var rows = ArrRollup.Compute(inputs, new DateOnly(2023, 6, 30)).Rows().ToList();

        var umbrella = rows.Where(row => row.Id != "acme").ToList();
        Assert.Equal(8, umbrella.Count);
        Assert.All(umbrella, row => Assert.Equal(("umb-corp", 45_000m), (row.UltimateParentId, row.HierarchyArr!.Value)));
        Assert.Equal(30_000m, rows.Single(row => row.Name == "Umbrella USA").Arr);
        Assert.Equal(15_000m, rows.Single(row => row.Name == "Umbrella Medical").Arr);
    }

    [Fact]
    public void Seven_licences_at_15_dollars_with_10_percent_off_is_94_50()
    {
        Assert.Equal(94.50m, ItemTable.ItemArr(7, 15, 0.10m));

        var day = new DateOnly(2023, 6, 30);
        var data = new ArrData(
            [new TestAccount("umbrella", "", "Umbrella Corporation")],
            [new TestSubscription("s", "umbrella", day, day.AddDays(365))],
            [new TestItem("i", "s", 7, 15, 0.10m, day, day.AddDays(365))]);
        using var dir = new TempDir();
        var output = dir.File("accounts.csv");
        ArrOutput.WriteAccounts(data.Rollup(day), output);
        Assert.Equal("umbrella,,Umbrella Corporation,umbrella,94.50,94.50", File.ReadAllLines(output)[1]);
    }

    [Theory]
    // The challenge's own table of terms, on a day its four answers imply (between 2023-05-31 and 2023-11-30).
    [InlineData("2022-05-30", "2023-05-29", false)]
    [InlineData("2023-01-01", "2023-12-31", true)]
    [InlineData("2023-12-01", "2024-11-30", false)]
    [InlineData("2023-05-31", "2024-05-30", true)]
    // Both ends inclusive.
    [InlineData("2023-06-30", "2023-06-30", true)]
    [InlineData("2023-07-01", "2024-06-30", false)]
    [InlineData("2022-06-30", "2023-06-29", false)]
    public void Active_means_started_on_or_before_and_ending_on_or_after_the_as_of_date(string start, string end, bool active)
    {
        var day = new DateOnly(2023, 6, 30);
        var (first, last) = (DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture));
        var data = new ArrData(
            [new TestAccount("a", "", "A")],
            [new TestSubscription("s", "a", first, last)],
            [new TestItem("i", "s", 1, 100, 0m, first, last)]);

        var result = data.Rollup(day);

        Assert.Equal(active ? 100m : 0m, result.Arr(0));
        Assert.Equal(active ? 1 : 0, result.Summary.ActiveSubscriptions);
    }

    [Fact]
    public void An_item_counts_only_while_both_it_and_its_subscription_are_active()
    {
        var day = new DateOnly(2023, 6, 30);
        var data = new ArrData(
            [new TestAccount("a", "", "A")],
            [new TestSubscription("live", "a", day.AddDays(-10), day.AddDays(10)), new TestSubscription("ended", "a", day.AddDays(-100), day.AddDays(-1))],
            [
                new TestItem("on", "live", 1, 10, 0m, day, day),
                new TestItem("item-ended", "live", 1, 1_000, 0m, day.AddDays(-10), day.AddDays(-1)),
                new TestItem("item-live-subscription-ended", "ended", 1, 100_000, 0m, day.AddDays(-100), day.AddDays(100)),
            ]);

        Assert.Equal(10m, data.Rollup(day).Arr(0));
    }

    [Theory]
    [InlineData("0.125", 3, 33, "86.63")] // 86.625: half a cent rounds away from zero
    [InlineData("0.07", 3, 5, "13.95")]
    [InlineData("1.0", 500, 12000, "0.00")]
    [InlineData("0", 0, 5000, "0.00")]
    public void Money_is_rounded_to_cents_half_away_from_zero_only_when_written(string discount, int quantity, int price, string written)
    {
        var day = new DateOnly(2023, 6, 30);
        var data = new ArrData(
            [new TestAccount("a", "", "A")],
            [new TestSubscription("s", "a", day, day)],
            [new TestItem("i", "s", quantity, price, decimal.Parse(discount, System.Globalization.CultureInfo.InvariantCulture), day, day)]);
        using var dir = new TempDir();
        var output = dir.File("accounts.csv");
        ArrOutput.WriteAccounts(data.Rollup(day), output);

        Assert.Equal($"a,,A,a,{written},{written}", File.ReadAllLines(output)[1]);
    }

    [Fact]
    public void Half_cents_add_up_before_rounding()
    {
        // Two accounts of 0.005 each: each writes 0.01, their hierarchy (0.010) also 0.01, not 0.02.
        var day = new DateOnly(2023, 6, 30);
        var data = new ArrData(
            [new TestAccount("p", "", "P"), new TestAccount("c", "p", "C")],
            [new TestSubscription("s1", "p", day, day), new TestSubscription("s2", "c", day, day)],
            [new TestItem("i1", "s1", 1, 1, 0.995m, day, day), new TestItem("i2", "s2", 1, 1, 0.995m, day, day)]);
        using var dir = new TempDir();
        var output = dir.File("accounts.csv");
        ArrOutput.WriteAccounts(data.Rollup(day), output);

        Assert.Equal(["id,parent_id,name,ultimate_parent_id,arr,hierarchy_arr", "p,,P,p,0.01,0.01", "c,p,C,p,0.01,0.01"], File.ReadAllLines(output));
    }
}
