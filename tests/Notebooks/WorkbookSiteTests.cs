using System.Net;
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
/// The index shows each part's answers; each page must load, show no error output, show its tables and charts, have
/// a table of contents, need no MathJax, and print with all its tables' cells on its pages. Full-page screenshots
/// and the PDFs are kept in artifacts/screenshots/walkthrough/ for a person to look at.
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

    public static TheoryData<string> PageNames => new(PageFiles);

    private static readonly string[] PageFiles = ["01-customer-summary.html", "02-egress-sql.html", "03-arr-rollup.html"];

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

        var (width, _) = await Chromium.FullPageScreenshotAsync(file, Path.Combine(Output, Path.ChangeExtension(page, ".png")));
        Assert.Equal(1280, width);
    }

    [Theory]
    [MemberData(nameof(PageNames))]
    public void Each_notebook_page_has_a_table_of_contents_of_its_sections_and_no_math_markup(string page)
    {
        var html = File.ReadAllText(Path.Combine(site.Folder, page));

        var sections = Regex.Count(html, "<h[23] id=\"");
        Assert.InRange(sections, 2, int.MaxValue);
        Assert.Equal(sections, Regex.Count(html, "<li class=\"level-[23]\"><a href=\"#"));
        Assert.DoesNotContain("class=\"math\"", html);
    }

    [Theory]
    [MemberData(nameof(PageNames))]
    public async Task Each_notebook_page_prints_with_every_table_cell_on_its_pages(string page)
    {
        var file = Path.Combine(site.Folder, page);

        var printed = await PrintedPage.PrintAsync(file, Path.Combine(Output, Path.ChangeExtension(page, ".pdf")));

        Assert.InRange(printed.Pages, 1, 60);
        var missing = printed.MissingTableCells(File.ReadAllText(file));
        Assert.True(missing.Count == 0, $"{page} printed on {printed.Pages} pages without these table cells: {string.Join(" | ", missing.Take(20))}");
        Assert.DoesNotContain("All notebooks", printed.Text);
    }

    [Fact]
    public async Task The_index_shows_each_parts_answers_from_its_notebook()
    {
        Assert.Equal(0, site.ExitCode);
        var file = Path.Combine(site.Folder, "index.html");
        var index = File.ReadAllText(file);

        await Chromium.FullPageScreenshotAsync(file, Path.Combine(Output, "index.png"));
        var printed = await PrintedPage.PrintAsync(file, Path.Combine(Output, "index.pdf"));

        var parts = Regex.Matches(index, "<section class=\"part\">\n<h2><a href=\"([^\"]+)\">").Select(m => m.Groups[1].Value);
        Assert.Equal(PageFiles, parts);
        var without = Regex.Matches(index, "<h2><a href=\"([^\"]+)\">[^<]*</a></h2>\n<p class=\"no-answers\">").Select(m => m.Groups[1].Value).ToList();
        Assert.True(without.Count == 0, $"no workbook-answers output in: {string.Join(", ", without)}");
        var answers = Regex.Matches(index, "<div class=\"answers\">(.*?)</div>\n<p class=\"read\">", RegexOptions.Singleline).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(PageFiles.Length, answers.Count(a => a.Contains("workbook-answers", StringComparison.Ordinal)));
        var unprinted = answers.Select(a => WebUtility.HtmlDecode(Regex.Replace(a, "<[^>]+>", " "))).Where(text => !printed.Shows(text)).ToList();
        Assert.True(unprinted.Count == 0, $"answers missing from the printed index: {string.Join(" | ", unprinted)}");
    }

    private static string Output => Path.Combine(PageCheck.ScreenshotFolder, "walkthrough");
}
