using System.Text.RegularExpressions;
using Workbook.Reporting;

namespace Workbook.Tests.Reporting;

public class AnswersTests
{
    private static readonly Answers Sample = new("Part 2 — The data export in SQL", "The data export loaded into SQLite.",
        new Answer("(b) A1 Company's March 2024 invoice", "$8,101.27 = CPU Hours $2,222.15 + Storage $5,879.12"),
        new Answer("(c) Billings <by> plan", "Infra SaaS Paygo $8,101.27"));

    [Fact]
    public void The_html_holds_exactly_one_answers_element_inside_an_element_mathjax_skips()
    {
        var html = Sample.ToHtml();

        Assert.Single(Regex.Matches(html, "class=\"workbook-answers\""));
        Assert.StartsWith("<div class=\"tex2jax_ignore mathjax_ignore\">\n<div class=\"workbook-answers\">\n", html);
        Assert.Contains("<li><strong>(b) A1 Company's March 2024 invoice:</strong> $8,101.27 = CPU Hours $2,222.15 + Storage $5,879.12</li>", html);
        Assert.Contains("<li><strong>(c) Billings &lt;by&gt; plan:</strong> Infra SaaS Paygo $8,101.27</li>", html);
        Assert.Contains("<p><em>The data export loaded into SQLite.</em></p>", html);
    }

    [Fact]
    public void The_plain_text_is_the_title_one_line_per_answer_and_the_basis()
    {
        Assert.Equal(
            "Part 2 — The data export in SQL\n"
            + "- (b) A1 Company's March 2024 invoice: $8,101.27 = CPU Hours $2,222.15 + Storage $5,879.12\n"
            + "- (c) Billings <by> plan: Infra SaaS Paygo $8,101.27\n"
            + "The data export loaded into SQLite.\n",
            Sample.ToPlainText());
    }

    [Fact]
    public void Answers_need_at_least_one_answer() =>
        Assert.Throws<ArgumentException>(() => new Answers("Part 1", ""));

    [Fact]
    public void Tie_outs_mark_each_statement_and_say_when_one_does_not_hold()
    {
        var tieOuts = new TieOuts(new TieOut("CPU Hours $2,222.15 + Storage $5,879.12 = invoice total $8,101.27", true), new TieOut("1 + 1 = 3", false));

        Assert.False(tieOuts.AllHold);
        Assert.Equal("✔ CPU Hours $2,222.15 + Storage $5,879.12 = invoice total $8,101.27\n✘ 1 + 1 = 3 (does not hold)\n", tieOuts.ToPlainText());
        Assert.Contains("<p>✘ 1 + 1 = 3 <strong>(does not hold)</strong></p>", tieOuts.ToHtml());
        Assert.StartsWith("<div class=\"tex2jax_ignore mathjax_ignore\">", tieOuts.ToHtml());
    }

    [Fact]
    public void A_notebooks_answers_are_read_back_from_its_outputs_in_either_text_form()
    {
        var path = Path.Combine(Path.GetTempPath(), $"answers-{Guid.NewGuid():N}.ipynb");
        var plain = Sample.ToPlainText();
        var lines = plain.TrimEnd('\n').Split('\n').Select(line => line + "\n");
        var notebook = new
        {
            cells = new object[]
            {
                new { cell_type = "markdown", source = "# Part 2" },
                new { cell_type = "code", outputs = new object[] { new { output_type = "display_data", data = new Dictionary<string, object> { ["text/plain"] = "other" } } } },
                new { cell_type = "code", outputs = new object[] { new { output_type = "display_data", data = new Dictionary<string, object> { ["text/html"] = Sample.ToHtml().Split('\n').Select(l => l + "\n").ToArray(), ["text/plain"] = lines.ToArray() } } } },
            },
        };
        File.WriteAllText(path, System.Text.Json.JsonSerializer.Serialize(notebook));
        try
        {
            Assert.Equal(plain, NotebookAnswers.Read(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_notebook_without_answers_has_none()
    {
        var path = Path.Combine(Path.GetTempPath(), $"no-answers-{Guid.NewGuid():N}.ipynb");
        File.WriteAllText(path, "{\"cells\": [{\"cell_type\": \"markdown\", \"source\": \"# x\"}]}");
        try
        {
            Assert.Null(NotebookAnswers.Read(path));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
