using System.Text.RegularExpressions;
using Workbook.Cli.Commands;
using Workbook.Core;
using Workbook.Reporting;

namespace Workbook.Tests.Cli;

/// <summary>
/// The committed deliverables (results/) and the README's Results section: one chain from the notebooks' answers to
/// what a reviewer reads. CI checks the other link: a fresh run-all writes results/ byte for byte as committed.
/// </summary>
public class ResultsFolderTests
{
    private static readonly string Root = RepoPaths.TryFindRoot()!;

    private static string Results(string file) => Path.Combine(Root, RunAllCommand.ResultsFolder, file);

    [Fact]
    public void The_readme_results_section_shows_exactly_the_committed_answers()
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));
        var section = Regex.Match(readme, @"\n## Results\n(?<body>.*?)\n## ", RegexOptions.Singleline);
        Assert.True(section.Success, "README.md has no '## Results' section");
        var block = Regex.Match(section.Groups["body"].Value, @"```text\n(?<answers>.*?)```", RegexOptions.Singleline);
        Assert.True(block.Success, "the Results section has no ```text block");

        Assert.Equal(File.ReadAllText(Results(RunAllCommand.AnswersFile)), block.Groups["answers"].Value);
    }

    [Fact]
    public void The_readme_results_section_comes_right_after_the_quick_start()
    {
        var headings = File.ReadAllLines(Path.Combine(Root, "README.md")).Where(l => l.StartsWith("## ", StringComparison.Ordinal)).ToList();
        Assert.Equal(headings.IndexOf("## Quick start") + 1, headings.IndexOf("## Results"));
    }

    [Fact]
    public void The_committed_answers_are_the_committed_notebooks_answers_in_order()
    {
        var notebooks = Directory.GetFiles(Path.Combine(Root, "notebooks"), "*.ipynb").Order(StringComparer.Ordinal);
        var answers = notebooks.Select(NotebookAnswers.Read).ToList();

        Assert.All(answers, Assert.NotNull);
        Assert.Equal(string.Join("\n", answers), File.ReadAllText(Results(RunAllCommand.AnswersFile)));
        Assert.Contains("$8,101.27 = CPU Hours $2,222.15 + Storage $5,879.12", answers[1]);
        Assert.Contains("Umbrella Corporation's hierarchy ARR: $45,000.00", answers[2]);
    }

    [Fact]
    public void The_committed_deliverables_are_the_ones_the_readme_lists()
    {
        Assert.Equal(
            ["answers.txt", "arr-example/accounts.csv", "customer_summary.csv", "egress/a1_march_invoice.csv", "egress/billings_by_plan.csv",
             "egress/billings_by_plan_issued.csv", "egress/images_by_size.csv", "egress/reconciliation.csv"],
            Directory.GetFiles(Path.Combine(Root, RunAllCommand.ResultsFolder), "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(Path.Combine(Root, RunAllCommand.ResultsFolder), f).Replace('\\', '/'))
                .Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_committed_umbrella_rollup_is_the_challenges_expected_file() =>
        Assert.Equal(
            File.ReadAllText(Path.Combine(Root, "arr-data", "example", "expected-accounts.csv")),
            File.ReadAllText(Results(RunAllCommand.ExampleAccountsFile)));

    [Fact]
    public void The_committed_answer_csvs_hold_the_golden_answers()
    {
        Assert.Equal(["image_size,num_images", "256x256,1411", "512x512,1308", "1024x1024,1328"], File.ReadAllLines(Results("egress/images_by_size.csv")));
        Assert.EndsWith(",Invoice total,,,8101.27", File.ReadAllLines(Results("egress/a1_march_invoice.csv"))[^1]);
        Assert.Equal(53, File.ReadAllLines(Results("customer_summary.csv")).Length); // header + 52 customers
    }
}
