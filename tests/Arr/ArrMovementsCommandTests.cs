using Workbook.Arr;
using Workbook.Core;
using Workbook.Tests.Cli;

namespace Workbook.Tests.Arr;

/// <summary>`workbook arr movements`, run in-process.</summary>
public class ArrMovementsCommandTests
{
    private static readonly string Example = Path.Combine(RepoPaths.TryFindRoot() ?? throw new InvalidOperationException("run the tests inside the checkout"), "arr-data", "example");

    private static string[] Args((string Accounts, string Subscriptions, string Items) files, string output, string from, string to, params string[] more) =>
        ["arr", "movements", "--accounts", files.Accounts, "--subscriptions", files.Subscriptions, "--items", files.Items, "--from", from, "--to", to, "--out", output, .. more];

    private static (string, string, string) ExampleFiles() =>
        (Path.Combine(Example, ArrInputs.AccountsFile), Path.Combine(Example, ArrInputs.SubscriptionsFile), Path.Combine(Example, ArrInputs.ItemsFile));

    [Fact]
    public async Task Umbrella_example_writes_both_files_and_the_summary()
    {
        using var dir = new TempDir();

        var result = await CliRunner.RunAsync(Args(ExampleFiles(), dir.Path, "2023-06", "2024-06"));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Err);
        Assert.Equal(
            "ARR movements 2023-06 to 2024-06 (13 months), by hierarchy (by ultimate parent)\n"
            + "  opening ARR:    $45,000.00 (end of 2023-05-31)\n"
            + "  new:            $86.63 (1 entity)\n"
            + "  reactivation:   $0.00\n"
            + "  expansion:      $94.50\n"
            + "  contraction:    -$45,000.00\n"
            + "  churn:          -$86.63 (1 entity)\n"
            + "  closing ARR:    $94.50 (end of 2024-06-30, 1 entity)\n"
            + "  retention:      net 0.2%, gross 0.2% (trailing 12 months to 2024-06-30)\n"
            + "  concentration:  top 10 hold 100.0%; 1 entity holds half\n"
            + "  movements:      5 entity-months that were not flat\n"
            + "  issues:         none\n"
            + $"wrote {dir.File(ArrMovementsOutput.BridgeFile)}\n"
            + $"wrote {dir.File(ArrMovementsOutput.MovementsFile)}\n",
            result.Out);
        var bridge = File.ReadAllLines(dir.File(ArrMovementsOutput.BridgeFile));
        Assert.Equal(string.Join(',', ArrMovementsOutput.BridgeHeader), bridge[0]);
        Assert.Equal("2023-06,45000.00,86.63,0.00,0.00,0.00,0.00,45086.63,1,2,1,0,33.3333,1.0000,1.0000", bridge[1]);
        Assert.Equal(14, bridge.Length);
        Assert.Equal(
            [
                "month,entity_id,entity_name,movement,opening_arr,closing_arr,change",
                "2023-06,acme,\"Acme, Inc.\",new,0.00,86.63,86.63",
                "2023-12,umb-corp,Umbrella Corporation,expansion,45000.00,45094.50,94.50",
                "2024-01,umb-corp,Umbrella Corporation,contraction,45094.50,15094.50,-30000.00",
                "2024-05,umb-corp,Umbrella Corporation,contraction,15094.50,94.50,-15000.00",
                "2024-06,acme,\"Acme, Inc.\",churn,86.63,0.00,-86.63",
            ],
            File.ReadAllLines(dir.File(ArrMovementsOutput.MovementsFile)));
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp"));
    }

    [Fact]
    public async Task Same_inputs_give_byte_identical_outputs()
    {
        using var dir = new TempDir();
        await CliRunner.RunAsync(Args(ExampleFiles(), dir.File("one"), "2022-01", "2024-12", "--level", "account"));
        await CliRunner.RunAsync(Args(ExampleFiles(), dir.File("two"), "2022-01", "2024-12", "--level", "account"));

        foreach (var file in new[] { ArrMovementsOutput.BridgeFile, ArrMovementsOutput.MovementsFile })
        {
            Assert.Equal(File.ReadAllBytes(dir.File($"one/{file}")), File.ReadAllBytes(dir.File($"two/{file}")));
        }

        Assert.Contains("2023-05,umb-jp,Umbrella Japan,churn,1350.00,0.00,-1350.00", File.ReadAllLines(dir.File($"one/{ArrMovementsOutput.MovementsFile}")));
    }

    /// <summary>
    /// Every hostile input of the rollup: movements stops with exactly the error `workbook arr` gives, or succeeds
    /// where it succeeds, and then every bridge row adds up and closes at the rollup's total.
    /// </summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Hostile_inputs_fail_as_the_rollup_fails_or_give_a_bridge_that_adds_up(string name)
    {
        var inputs = ArrCases.Named(name);
        using var dir = new TempDir();
        var files = inputs.WriteTo(dir, "in");
        string[] lenient = inputs.Lenient ? ["--lenient"] : [];

        var rollup = await CliRunner.RunAsync(["arr", "--accounts", files.Accounts, "--subscriptions", files.Subscriptions, "--items", files.Items,
            "--as-of", "2023-06-30", "--out", dir.File("accounts.csv"), .. lenient]);
        var movements = await CliRunner.RunAsync(Args(files, dir.File("out"), "2022-12", "2024-01", lenient));

        Assert.Equal(rollup.ExitCode, movements.ExitCode);
        if (rollup.ExitCode != 0)
        {
            Assert.Equal(rollup.Err, movements.Err);
            Assert.False(Directory.Exists(dir.File("out")) && Directory.EnumerateFileSystemEntries(dir.File("out")).Any());
            return;
        }

        var loaded = inputs.Read();
        var result = ArrMovements.Compute(loaded, new DateOnly(2022, 12, 1), new DateOnly(2024, 1, 1));
        Assert.All(result.Bridge, row =>
        {
            Assert.True(MovementsCheck.IdentityHolds(row), $"{row.Month}: the bridge does not add up");
            Assert.Equal(ArrRollup.Compute(loaded, row.Month).Summary.TotalArr, row.ClosingArr);
        });
        Assert.Equal(15, File.ReadAllLines(dir.File($"out/{ArrMovementsOutput.BridgeFile}")).Length);
    }

    public static TheoryData<string> Cases() => [.. ArrCases.All.Select(c => c.Name)];

    [Fact]
    public async Task Bad_data_fails_with_file_line_and_column_and_writes_nothing()
    {
        using var dir = new TempDir();
        var files = ArrCases.BadItemRow(ArrCases.BadItemRows[0]).WriteTo(dir);

        var result = await CliRunner.RunAsync(Args(files, dir.File("out"), "2023-01", "2023-12"));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"error: {files.Items}:3: column 'discount': 1.5 is out of range: expected a number between 0 and 1\n", result.Err.ReplaceLineEndings("\n"));
        Assert.False(Directory.Exists(dir.File("out")));
    }

    [Fact]
    public async Task Lenient_run_reports_every_skipped_row()
    {
        using var dir = new TempDir();
        var files = ArrCases.LenientSkips.WriteTo(dir);

        var result = await CliRunner.RunAsync(Args(files, dir.File("out"), "2023-01", "2023-12", "--lenient"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("    3 bad row skipped (--lenient)\n", result.Out);
        Assert.Contains($"      {files.Subscriptions}:3: column 'start_date': 'someday' is not a date", result.Out);
        Assert.Contains($"{files.Items}:4:", result.Out);
    }

    [Theory]
    [InlineData("2024-5", "2024-06", "error: --from '2024-5' is not a month: expected yyyy-MM, e.g. 2024-06")]
    [InlineData("2024-05", "June", "error: --to 'June' is not a month: expected yyyy-MM, e.g. 2024-06")]
    [InlineData("2024-05", "2024-01", "error: --to 2024-01 is before --from 2024-05")]
    public async Task A_bad_month_or_range_is_bad_usage_in_one_line(string from, string to, string error)
    {
        using var dir = new TempDir();

        var result = await CliRunner.RunAsync(Args(ExampleFiles(), dir.File("out"), from, to));

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(error, result.Err.ReplaceLineEndings("\n").Split('\n')[0]);
        Assert.False(Directory.Exists(dir.File("out")));
    }

    [Fact]
    public async Task A_bad_level_is_bad_usage()
    {
        using var dir = new TempDir();

        var result = await CliRunner.RunAsync(Args(ExampleFiles(), dir.File("out"), "2023-01", "2023-02", "--level", "region"));

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: --level 'region' is not a level: expected hierarchy or account\n", result.Err.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Refuses_to_write_over_an_input_and_leaves_it_untouched()
    {
        using var dir = new TempDir();
        var accounts = dir.Write(ArrMovementsOutput.BridgeFile, File.ReadAllText(Path.Combine(Example, ArrInputs.AccountsFile)));
        var before = File.ReadAllBytes(accounts);
        var (_, subscriptions, items) = ExampleFiles();

        var result = await CliRunner.RunAsync(Args((accounts, subscriptions, items), dir.Path, "2023-01", "2023-02"));

        Assert.Equal(2, result.ExitCode); // an output that is an input is bad usage, as for every command
        Assert.Equal($"error: refusing to write {accounts}: it is an input file, and inputs are never modified\n", result.Err.ReplaceLineEndings("\n"));
        Assert.Equal(before, File.ReadAllBytes(accounts));
        Assert.False(File.Exists(dir.File(ArrMovementsOutput.MovementsFile)));
    }

    /// <summary>
    /// The two files are a pair: when arr_movements.csv cannot be replaced (a folder has its name), arr_bridge.csv
    /// keeps its previous bytes, or stays absent, and nothing else is left in the folder.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_movements_file_that_cannot_be_written_leaves_the_bridge_as_it_was(bool bridgeExisted)
    {
        using var dir = new TempDir();
        var bridge = dir.File(ArrMovementsOutput.BridgeFile);
        var previous = "month,opening_arr\n2023-01,1.00\n"u8.ToArray();
        if (bridgeExisted)
        {
            File.WriteAllBytes(bridge, previous);
        }

        Directory.CreateDirectory(dir.File(ArrMovementsOutput.MovementsFile));

        var result = await CliRunner.RunAsync(Args(ExampleFiles(), dir.Path, "2023-06", "2024-06"));

        Assert.Equal(2, result.ExitCode); // an output that cannot be a file is bad usage, found before the work
        Assert.Equal($"error: cannot write {dir.File(ArrMovementsOutput.MovementsFile)}: it is a folder, and a file is expected\n", result.Err.ReplaceLineEndings("\n"));
        if (bridgeExisted)
        {
            Assert.Equal(previous, File.ReadAllBytes(bridge));
        }
        else
        {
            Assert.False(File.Exists(bridge));
        }

        Assert.Equal(bridgeExisted ? 2 : 1, Directory.GetFileSystemEntries(dir.Path).Length);
        Assert.Empty(Directory.EnumerateFileSystemEntries(dir.File(ArrMovementsOutput.MovementsFile)));
    }

    [Fact]
    public async Task Help_documents_every_option()
    {
        var help = await CliRunner.RunAsync(["arr", "movements", "--help"]);

        Assert.Equal(0, help.ExitCode);
        foreach (var option in new[] { "--accounts", "--subscriptions", "--items", "--from", "--to", "--level", "--out", "--lenient" })
        {
            Assert.Contains(option, help.Out);
        }
    }

    /// <summary>
    /// The generated 250,000-account set over 36 months, at both levels, through the CLI: both files agree row by row
    /// with the naive implementation, every written bridge row adds up, every entity's ARR agrees at every month end
    /// (flat months included), and every month closes at the rollup's total.
    /// </summary>
    [Fact]
    public async Task A_generated_250k_set_over_36_months_agrees_with_the_naive_implementation_at_both_levels()
    {
        using var dir = new TempDir();
        var generate = await CliRunner.RunAsync(["generate", "arr", "--accounts", "250000", "--seed", "20240630", "--out", dir.File("in")]);
        Assert.Equal(0, generate.ExitCode);
        var files = (dir.File($"in/{ArrInputs.AccountsFile}"), dir.File($"in/{ArrInputs.SubscriptionsFile}"), dir.File($"in/{ArrInputs.ItemsFile}"));
        var (from, to) = (new DateOnly(2022, 7, 1), new DateOnly(2025, 6, 1));
        var inputs = ArrInputs.LoadFolder(dir.File("in"));
        var data = GeneratedData.Read(dir.File("in"));
        Assert.Equal(250_000, data.Accounts.Count);
        var rollupTotals = Enumerable.Range(1, 36).Select(m => ArrRollup.Compute(inputs, from.AddMonths(m).AddDays(-1)).Summary.TotalArr).ToList();

        foreach (var level in new[] { ArrLevel.Hierarchy, ArrLevel.Account })
        {
            var name = level == ArrLevel.Hierarchy ? "hierarchy" : "account";
            var run = await CliRunner.RunAsync(Args(files, dir.File(name), "2022-07", "2025-06", "--level", name));
            Assert.Equal(0, run.ExitCode);

            var naive = NaiveMovements.Compute(data, from, to, level == ArrLevel.Hierarchy);
            Assert.Equal(36, naive.Bridge.Count);
            var written = MovementsCheck.CsvDifferences(dir.File(name), naive);
            Assert.True(written.Count == 0, $"{name}:\n{string.Join("\n", written.Take(10))}");
            var computed = MovementsCheck.Differences(ArrMovements.Compute(inputs, from, to, level), naive);
            Assert.True(computed.Count == 0, $"{name}:\n{string.Join("\n", computed.Take(10))}");

            // A business, not a run-off: customers arrive, grow, shrink and leave in every window.
            Assert.True(naive.Bridge.Sum(month => month.NewEntities) > 1_000);
            Assert.True(naive.Bridge.Sum(month => month.ChurnedEntities) > 1_000);
            Assert.True(naive.Bridge.Sum(month => month.Expansion) > 0 && naive.Bridge.Sum(month => month.Contraction) > 0);
            Assert.True(naive.Movements.Count > 10_000);
            Assert.Equal(rollupTotals, naive.Bridge.Select(month => month.Closing));
        }
    }
}
