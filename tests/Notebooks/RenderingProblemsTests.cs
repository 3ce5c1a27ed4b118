using System.Text.Json.Nodes;

namespace Workbook.Tests.Notebooks;

/// <summary>
/// The rendering check on a notebook made to fail it: the fixture rendering-defects.ipynb, executed by the real
/// engine, holds one defect per cell. Every defect must be found in its cell, and the escaped `\$` prose must not
/// be — which also proves MathJax really ran in chromium (it is what turns the unescaped prose into math).
/// </summary>
[Collection(NotebookRunCollection.Name)]
public class RenderingProblemsTests
{
    [Fact]
    public async Task Each_defect_of_the_fixture_is_reported_with_its_cell_and_escaped_dollars_stay_prose()
    {
        using var temp = new TempDir();
        var input = NotebookFixtures.CopyTo(temp.File("in"));
        var run = await NotebookFixtures.RunAsync(temp.File("out"), [Path.Combine(input, "rendering-defects.ipynb")]);
        var executed = Path.Combine(temp.File("out"), "rendering-defects.ipynb");

        var rendered = await RenderedNotebook.RenderAsync(executed, temp.File("html"));
        await rendered.ScreenshotAsync(Path.Combine(PageCheck.ScreenshotFolder, "fixtures", "rendering-defects.png"));
        var problems = RenderingProblems.Find(JsonNode.Parse(File.ReadAllText(executed))!.AsObject(), rendered.Facts);

        Assert.Equal(1, run.ExitCode); // the failing cell
        Assert.True(rendered.Facts.MathJaxRan);
        Assert.Equal(
            """
            cell 1 (id d0000001): prose turned into math: $5,000 a year and$
            cell 3 (id d0000003): clipped at the right edge: var note = "a code line far longer than one hundred characte...
            cell 3 (id d0000003): a code line of 209 characters (over 100): var note = "a code line far longer than one hundred characte...
            cell 4 (id d0000004): a truncated table: "(more)"
            cell 5 (id d0000005): a truncated table: "(3 more)"
            cell 5 (id d0000005): a truncated table: 20 rows shown of the 23 its text/csv holds
            cell 6 (id d0000006): output turned into math: $5 and$
            cell 7 (id d0000007): an error output: Error: System.InvalidOperationException: the cell failed
            """,
            string.Join("\n", problems));
    }

    [Fact]
    public void A_page_where_MathJax_did_not_run_or_cells_are_missing_is_a_problem()
    {
        var notebook = JsonNode.Parse("""{"cells": [{"cell_type": "markdown", "id": "m1", "source": "Costs $5 and $6."}]}""")!.AsObject();

        Assert.Equal(
            ["MathJax did not run on the page, so math in prose could not be detected", "the page shows 0 cells, the notebook has 1"],
            RenderingProblems.Find(notebook, new RenderFacts(false, 100, [])));
    }
}
