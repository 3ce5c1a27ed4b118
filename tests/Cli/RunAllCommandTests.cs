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

        var result = await CliRunner.RunAsync(["run-all", "--out", dir.Path, "--arr-data", arrExample], environment: environment);

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
    }

    [Fact]
    public async Task A_malformed_as_of_date_is_bad_usage()
    {
        var result = await CliRunner.RunAsync(["run-all", "--as-of", "30/06/2023"]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--as-of '30/06/2023' is not a date: expected yyyy-MM-dd", result.Err);
    }
}
