using Workbook.Cli.Commands;
using Workbook.Core;
using Workbook.Tests.Notebooks;

namespace Workbook.Tests.Cli;

/// <summary>run-all runs notebooks, which use the process-wide current directory and console: not in parallel.</summary>
[Collection(NotebookRunCollection.Name)]
public class RunAllCommandTests
{
    [Fact]
    public async Task Produces_every_deliverable_from_the_exercise_export_and_the_given_arr_tables()
    {
        using var dir = new TempDir();
        var arrExample = Path.Combine(RepoPaths.TryFindRoot()!, "arr-data", "example");
        var environment = new Dictionary<string, string> { ["WORKBOOK_EGRESS_DIR"] = SharedData.EgressDir };
        var processValue = Environment.GetEnvironmentVariable("WORKBOOK_EGRESS_DIR");

        var results = dir.File("results");
        var result = await CliRunner.RunAsync(["run-all", "--out", dir.Path, "--arr-data", arrExample, "--results", results], environment: environment);

        Assert.True(result.ExitCode == 0, result.Out + result.Err);
        Assert.Equal(53, File.ReadAllLines(dir.File("customer_summary.csv")).Length); // header + 52 customers
        Assert.Equal(
            ["image_size,num_images", "256x256,1411", "512x512,1308", "1024x1024,1328"],
            File.ReadAllLines(dir.File("egress/images_by_size.csv")));
        Assert.Contains("Infra SaaS Paygo,1,1,8101.27", File.ReadAllText(dir.File("egress/billings_by_plan.csv")));
        Assert.Equal(File.ReadAllText(Path.Combine(arrExample, "expected-accounts.csv")), File.ReadAllText(dir.File("arr/accounts.csv")));
        Assert.True(File.Exists(dir.File("arr/account-details.csv")));
        Assert.Equal(3, Directory.GetFiles(dir.File("notebooks"), "*.ipynb").Length);
        Assert.Equal(["01-customer-summary.html", "02-egress-sql.html", "03-arr-rollup.html", "index.html"],
            Directory.GetFiles(dir.File("site")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Contains("ARR inputs:       " + arrExample, result.Out);
        Assert.DoesNotContain("FAILED", result.Out);
        Assert.Equal(processValue, Environment.GetEnvironmentVariable("WORKBOOK_EGRESS_DIR")); // restored after the notebooks

        // The committed deliverables, refreshed from the exercise's export and the sandbox: byte for byte the committed
        // ones (CI checks the same with git diff), and the printed answers are the README's (ResultsFolderTests).
        var committed = Path.Combine(RepoPaths.TryFindRoot()!, RunAllCommand.ResultsFolder);
        var written = Directory.GetFiles(results, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(results, f)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(8, written.Count);
        Assert.All(written, file => Assert.Equal(File.ReadAllBytes(Path.Combine(committed, file)), File.ReadAllBytes(Path.Combine(results, file))));
        Assert.Contains("== answers (as the notebooks computed them)\n" + File.ReadAllText(Path.Combine(results, RunAllCommand.AnswersFile)),
            result.Out.ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData(true, false, false, true, null)]
    [InlineData(false, false, false, true, "no checkout")]
    [InlineData(true, true, false, true, "generated export")]
    [InlineData(true, false, true, true, "real Metronome API")]
    [InlineData(true, false, false, false, "a step failed")]
    public void The_committed_deliverables_are_refreshed_only_from_a_found_export_through_the_sandbox_after_every_step_succeeded(
        bool hasFolder, bool generatedExport, bool hasToken, bool allStepsOk, string? reason)
    {
        var why = RunAllCommand.WhyResultsAreNotRefreshed(hasFolder, generatedExport, hasToken, allStepsOk);

        if (reason is null)
        {
            Assert.Null(why);
        }
        else
        {
            Assert.Contains(reason, why);
        }
    }

    [Fact]
    public async Task A_malformed_as_of_date_is_bad_usage()
    {
        var result = await CliRunner.RunAsync(["run-all", "--as-of", "30/06/2023"]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--as-of '30/06/2023' is not a date: expected yyyy-MM-dd", result.Err);
    }
}
