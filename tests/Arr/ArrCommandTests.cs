using Workbook.Arr;
using Workbook.Core;
using Workbook.Tests.Cli;

namespace Workbook.Tests.Arr;

/// <summary>`workbook arr` and `workbook generate arr`, run in-process.</summary>
public class ArrCommandTests
{
    private static readonly DateOnly Day = new(2023, 6, 30);

    private static ArrData Sample() => new(
        [new TestAccount("p", "", "Parent, Inc."), new TestAccount("c", "p", "Child")],
        [new TestSubscription("s", "c", Day, Day.AddDays(365))],
        [new TestItem("i", "s", 7, 15, 0.10m, Day, Day.AddDays(365))]);

    private static string[] ArrArgs((string Accounts, string Subscriptions, string Items) files, string output, params string[] more) =>
        ["arr", "--accounts", files.Accounts, "--subscriptions", files.Subscriptions, "--items", files.Items, "--out", output, .. more];

    [Fact]
    public async Task As_of_defaults_to_today_from_the_clock()
    {
        using var dir = new TempDir();
        var files = Sample().WriteTo(dir);
        var output = dir.File("out.csv");

        var today = await CliRunner.RunAsync(ArrArgs(files, output), new FixedClock(new DateTimeOffset(2024, 1, 15, 23, 30, 0, TimeSpan.Zero)));
        Assert.Equal(0, today.ExitCode);
        Assert.StartsWith("ARR rollup as of 2024-01-15\n", today.Out);
        Assert.Equal("c,p,Child,p,94.50,94.50", File.ReadAllLines(output)[2]);

        var later = await CliRunner.RunAsync(ArrArgs(files, output), new FixedClock(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.StartsWith("ARR rollup as of 2030-01-01\n", later.Out);
        Assert.Equal("c,p,Child,p,0.00,0.00", File.ReadAllLines(output)[2]);
    }

    [Fact]
    public async Task Same_inputs_give_byte_identical_outputs()
    {
        using var dir = new TempDir();
        var files = Sample().WriteTo(dir);

        await CliRunner.RunAsync(ArrArgs(files, dir.File("one.csv"), "--as-of", "2023-07-01", "--details", dir.File("d1.csv")));
        await CliRunner.RunAsync(ArrArgs(files, dir.File("two.csv"), "--as-of", "2023-07-01", "--details", dir.File("d2.csv")));

        Assert.Equal(File.ReadAllBytes(dir.File("one.csv")), File.ReadAllBytes(dir.File("two.csv")));
        Assert.Equal(File.ReadAllBytes(dir.File("d1.csv")), File.ReadAllBytes(dir.File("d2.csv")));
    }

    [Fact]
    public async Task Refuses_to_write_over_an_input_and_leaves_it_untouched()
    {
        using var dir = new TempDir();
        var files = Sample().WriteTo(dir);
        var before = File.ReadAllBytes(files.Accounts);

        var result = await CliRunner.RunAsync(ArrArgs(files, files.Accounts, "--as-of", "2023-07-01"));

        Assert.Equal(2, result.ExitCode); // bad usage: the output named is an input
        Assert.Equal($"error: refusing to write {files.Accounts}: it is an input file, and inputs are never modified\n", result.Err.ReplaceLineEndings("\n"));
        Assert.Equal(before, File.ReadAllBytes(files.Accounts));
    }

    [Fact]
    public async Task Refuses_details_over_an_input()
    {
        using var dir = new TempDir();
        var files = Sample().WriteTo(dir);

        var result = await CliRunner.RunAsync(ArrArgs(files, dir.File("out.csv"), "--details", files.Items));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("refusing to write", result.Err);
    }

    [Fact]
    public async Task Bad_data_fails_with_file_line_and_column_and_writes_nothing()
    {
        using var dir = new TempDir();
        var files = Sample().WriteTo(dir);
        File.AppendAllText(files.Items, "j,s,Seat,1,10,2,2023-01-01,2023-12-31\n");
        var output = dir.File("out.csv");

        var result = await CliRunner.RunAsync(ArrArgs(files, output, "--as-of", "2023-07-01"));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"error: {files.Items}:3: column 'discount': 2 is out of range: expected a number between 0 and 1\n", result.Err.ReplaceLineEndings("\n"));
        Assert.False(File.Exists(output));
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp"));
    }

    [Fact]
    public async Task Lenient_run_succeeds_and_the_summary_lists_the_skipped_row()
    {
        using var dir = new TempDir();
        var files = Sample().WriteTo(dir);
        File.AppendAllText(files.Items, "j,s,Seat,1,10,2,2023-01-01,2023-12-31\n");

        var result = await CliRunner.RunAsync(ArrArgs(files, dir.File("out.csv"), "--as-of", "2023-07-01", "--lenient"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("    1 bad row skipped (--lenient)\n", result.Out);
        Assert.Contains($"      {files.Items}:3: column 'discount': 2 is out of range", result.Out);
    }

    [Theory]
    [InlineData("2023-02-30")]
    [InlineData("30/06/2023")]
    [InlineData("today")]
    public async Task A_malformed_as_of_date_is_bad_usage(string asOf)
    {
        using var dir = new TempDir();
        var files = Sample().WriteTo(dir);

        var result = await CliRunner.RunAsync(ArrArgs(files, dir.File("out.csv"), "--as-of", asOf));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"--as-of '{asOf}' is not a date: expected yyyy-MM-dd", result.Err);
    }

    [Fact]
    public async Task Missing_required_options_are_bad_usage()
    {
        var result = await CliRunner.RunAsync(["arr", "--accounts", "a.csv"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--subscriptions", result.Err);
        Assert.Contains("--out", result.Err);
    }

    [Fact]
    public async Task Missing_input_file_is_a_failure_naming_it()
    {
        using var dir = new TempDir();
        var files = Sample().WriteTo(dir) with { Subscriptions = dir.File("absent.csv") };

        var result = await CliRunner.RunAsync(ArrArgs(files, dir.File("out.csv"), "--as-of", "2023-07-01"));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"error: {dir.File("absent.csv")}: file not found\n", result.Err.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Help_documents_every_option()
    {
        var arr = await CliRunner.RunAsync(["arr", "--help"]);
        var generate = await CliRunner.RunAsync(["generate", "arr", "--help"]);

        Assert.Equal(0, arr.ExitCode);
        foreach (var option in new[] { "--accounts", "--subscriptions", "--items", "--as-of", "--out", "--lenient", "--details" })
        {
            Assert.Contains(option, arr.Out);
        }

        foreach (var option in new[] { "--out", "--accounts", "--seed" })
        {
            Assert.Contains(option, generate.Out);
        }
    }

    [Fact]
    public async Task Generator_is_deterministic_for_a_seed()
    {
        using var dir = new TempDir();
        string[] Generate(string folder, string seed) => ["generate", "arr", "--out", dir.File(folder), "--accounts", "3000", "--seed", seed];

        Assert.Equal(0, (await CliRunner.RunAsync(Generate("a", "7"))).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync(Generate("b", "7"))).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync(Generate("c", "8"))).ExitCode);

        foreach (var file in new[] { ArrInputs.AccountsFile, ArrInputs.SubscriptionsFile, ArrInputs.ItemsFile })
        {
            Assert.Equal(File.ReadAllBytes(dir.File($"a/{file}")), File.ReadAllBytes(dir.File($"b/{file}")));
            Assert.NotEqual(File.ReadAllBytes(dir.File($"a/{file}")), File.ReadAllBytes(dir.File($"c/{file}")));
        }
    }

    [Fact]
    public async Task Generate_then_roll_up_agrees_with_the_naive_implementation()
    {
        using var dir = new TempDir();
        var result = await CliRunner.RunAsync(["generate", "arr", "--out", dir.Path, "--accounts", "5000", "--seed", "11"]);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"wrote 5,000 accounts (1,317 without parent), 700 subscriptions and {ItemCount(dir):#,##0} subscription items to {dir.Path}\n", result.Out);

        var data = GeneratedData.Read(dir.Path);
        var engine = ArrRollup.Compute(ArrInputs.Load(dir.File(ArrInputs.AccountsFile), dir.File(ArrInputs.SubscriptionsFile), dir.File(ArrInputs.ItemsFile)), Day);
        var naive = NaiveRollup.Compute(data, Day);

        Assert.True(engine.Summary.TotalArr > 0);
        Assert.Equal(0, engine.Summary.Issues.Total);
        foreach (var row in engine.Rows())
        {
            Assert.Equal(naive[row.Id], new NaiveRollup.Row(row.UltimateParentId, row.Arr, row.HierarchyArr));
        }
    }

    private static int ItemCount(TempDir dir) => File.ReadLines(dir.File(ArrInputs.ItemsFile)).Count() - 1;
}
