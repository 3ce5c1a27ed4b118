using System.Text.RegularExpressions;
using Workbook.Core;
using Workbook.Tests.Cli;

namespace Workbook.Tests.Notebooks;

/// <summary>
/// The walkthrough a reviewer is shown: the committed notebooks exported as a site and opened in a real browser.
/// Each page must load, show no error output, and show its tables and charts; the screenshots are kept in
/// artifacts/screenshots/ for a person to look at.
/// </summary>
[Collection(NotebookRunCollection.Name)]
public class WorkbookSiteTests
{
    private static readonly string Notebooks = Path.Combine(RepoPaths.TryFindRoot()!, "notebooks");

    /// <summary>Page, and the least number of tables and SVG charts it must show (what the notebook's story needs).</summary>
    public static TheoryData<string, int, int> Pages => new()
    {
        { "01-customer-summary.html", 2, 1 },
        { "02-egress-sql.html", 6, 2 },
        { "03-arr-rollup.html", 3, 2 },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Each_notebook_page_loads_in_a_browser_with_its_tables_and_charts_and_no_error(string page, int minTables, int minCharts)
    {
        using var temp = new TempDir();
        var notebooks = Directory.GetFiles(Notebooks, "*.ipynb").Order(StringComparer.Ordinal).ToArray();
        var export = await CliRunner.RunAsync(["notebooks", "export", "--out", temp.Path, .. notebooks]);
        Assert.Equal(0, export.ExitCode);

        var file = Path.Combine(temp.Path, page);
        var dom = await Chromium.DumpDomAsync(file);
        Assert.Empty(PageCheck.Problems(dom));
        Assert.InRange(Regex.Count(dom, "<table>"), minTables, int.MaxValue);
        Assert.InRange(Regex.Count(dom, "<div class=\"chart\"><svg "), minCharts, int.MaxValue);

        Directory.CreateDirectory(PageCheck.ScreenshotFolder);
        var png = Path.Combine(PageCheck.ScreenshotFolder, Path.ChangeExtension(page, ".png"));
        File.Delete(png);
        await Chromium.ScreenshotAsync(file, png, 1280, 14000);
        Assert.Equal((1280, 14000), Chromium.PngSize(File.ReadAllBytes(png)));
    }
}
