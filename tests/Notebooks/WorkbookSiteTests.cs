using System.Text.RegularExpressions;
using Workbook.Core;
using Workbook.Tests.Cli;

namespace Workbook.Tests.Notebooks;

/// <summary>The committed notebooks exported once as the walkthrough site; the tests open its pages.</summary>
public sealed class WorkbookSite : IAsyncLifetime
{
    private readonly TempDir _temp = new();

    public string Folder => _temp.Path;

    public int ExitCode { get; private set; }

    public async Task InitializeAsync()
    {
        var notebooks = Directory.GetFiles(Path.Combine(RepoPaths.TryFindRoot()!, "notebooks"), "*.ipynb").Order(StringComparer.Ordinal).ToArray();
        ExitCode = (await CliRunner.RunAsync(["notebooks", "export", "--out", _temp.Path, .. notebooks])).ExitCode;
    }

    public Task DisposeAsync()
    {
        _temp.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>
/// The walkthrough a reviewer is shown: the committed notebooks exported as a site and opened in a real browser.
/// Each page must load, show no error output, and show its tables and charts; the screenshots are kept in
/// artifacts/screenshots/ for a person to look at.
/// </summary>
[Collection(NotebookRunCollection.Name)]
public class WorkbookSiteTests(WorkbookSite site) : IClassFixture<WorkbookSite>
{
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
        Assert.Equal(0, site.ExitCode);

        var file = Path.Combine(site.Folder, page);
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
