using System.Text.RegularExpressions;
using Workbook.Notebooks.Export;
using Workbook.Tests.Cli;

namespace Workbook.Tests.Notebooks;

/// <summary>Runs the fixture notebooks once and exports them; the tests look at the site.</summary>
public sealed class ExportedSite : IAsyncLifetime
{
    private readonly TempDir _temp = new();

    public string Site => _temp.File("site");

    public string Executed => _temp.File("executed");

    public CliRunner.Result Export { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var input = NotebookFixtures.CopyTo(_temp.File("in"));
        await NotebookFixtures.RunAsync(Executed, [Path.Combine(input, "features.ipynb"), Path.Combine(input, "errors.ipynb")]);
        Export = await CliRunner.RunAsync(["notebooks", "export", "--out", Site, Path.Combine(Executed, "features.ipynb"), Path.Combine(Executed, "errors.ipynb")]);
    }

    public Task DisposeAsync()
    {
        _temp.Dispose();
        return Task.CompletedTask;
    }
}

[Collection(NotebookRunCollection.Name)]
public class SiteExportTests(ExportedSite site) : IClassFixture<ExportedSite>
{
    [Fact]
    public void The_site_has_an_index_and_a_page_per_notebook()
    {
        Assert.Equal(0, site.Export.ExitCode);
        Assert.Equal(["errors.html", "features.html", "index.html"], Directory.GetFiles(site.Site).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var index = File.ReadAllText(Path.Combine(site.Site, "index.html"));
        Assert.Contains("<a href=\"features.html\">Runner features</a>", index);
        Assert.Contains("<a href=\"errors.html\">Errors</a>", index);
        Assert.Contains("5 with errors", index);
    }

    [Fact]
    public void A_page_has_rendered_markdown_labelled_code_tables_charts_and_streams()
    {
        var page = File.ReadAllText(Path.Combine(site.Site, "features.html"));

        Assert.Contains("<h1 id=\"runner-features\">Runner features</h1>", page);
        Assert.Contains("<td><code>#r</code> of the library</td>", page);
        Assert.Contains("<span class=\"count\">[1]</span><span class=\"kernel\">C#</span>", page);
        Assert.Equal(2, Regex.Count(page, "<span class=\"kernel\">SQL · sql-shop</span>")); // by metadata, and by a #!sql-shop first line
        Assert.Contains("<section class=\"cell code\" id=\"cell-a0000007\">", page);
        Assert.Contains("<pre class=\"source\"><code>#r &quot;nuget: RevOpsWorkbook.Local, 1.0.0-local&quot;", page);
        Assert.Contains("<td align=\"right\">$12,345.68</td>", page);
        Assert.Contains("<div class=\"chart\"><svg xmlns=\"http://www.w3.org/2000/svg\"", page);
        Assert.Contains("<pre class=\"output stream stderr\">a warning on stderr\n</pre>", page);
        Assert.DoesNotContain($"class=\"output {SiteExporter.ErrorClass}\"", page);
    }

    [Fact]
    public void Pages_need_no_network_and_no_javascript()
    {
        foreach (var file in Directory.GetFiles(site.Site))
        {
            var page = File.ReadAllText(file);
            Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotMatch(new Regex("(src|href)=\"(https?:)?//"), page);
        }
    }

    [Fact]
    public void Error_outputs_are_marked_for_the_reader_and_the_browser_test()
    {
        var page = File.ReadAllText(Path.Combine(site.Site, "errors.html"));

        Assert.Equal(5, Regex.Count(page, $"<div class=\"output {SiteExporter.ErrorClass}\">"));
        Assert.Contains("System.InvalidOperationException: boom: the cell failed", page);
    }

    [Fact]
    public async Task Exporting_again_gives_the_same_bytes()
    {
        using var again = new TempDir();

        await CliRunner.RunAsync(["notebooks", "export", "--out", again.Path, Path.Combine(site.Executed, "features.ipynb"), Path.Combine(site.Executed, "errors.ipynb")]);

        foreach (var file in Directory.GetFiles(site.Site))
        {
            Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(Path.Combine(again.Path, Path.GetFileName(file))));
        }
    }

    [Fact]
    public async Task In_a_real_browser_every_clean_page_loads_shows_its_tables_and_charts_and_no_error()
    {
        foreach (var (page, height) in new[] { ("index.html", 600), ("features.html", 3600) })
        {
            var file = Path.Combine(site.Site, page);
            var dom = await Chromium.DumpDomAsync(file);
            Assert.Empty(PageCheck.Problems(dom));

            var png = Path.Combine(PageCheck.ScreenshotFolder, Path.ChangeExtension(page, ".png"));
            Directory.CreateDirectory(PageCheck.ScreenshotFolder);
            File.Delete(png);
            await Chromium.ScreenshotAsync(file, png, 1280, height);
            var bytes = File.ReadAllBytes(png);
            Assert.Equal((1280, height), Chromium.PngSize(bytes));
            Assert.True(bytes.Length > 20_000, $"{png} is {bytes.Length} bytes: an almost empty page?");
        }

        var features = await Chromium.DumpDomAsync(Path.Combine(site.Site, "features.html"));
        // The rendered page holds the chart and all six tables (markdown, records, three SQL result sets, one record).
        Assert.Single(Regex.Matches(features, "<div class=\"chart\"><svg "));
        Assert.Equal(6, Regex.Count(features, "<table>"));
    }

    [Fact]
    public async Task In_a_real_browser_a_page_with_an_error_output_is_caught()
    {
        var file = Path.Combine(site.Site, "errors.html");

        var problems = PageCheck.Problems(await Chromium.DumpDomAsync(file));
        await Chromium.ScreenshotAsync(file, Path.Combine(PageCheck.ScreenshotFolder, "errors.png"), 1280, 1600);

        Assert.Equal(["the page shows 5 error output(s)"], problems);
        Assert.Equal(["the page did not load (no rendered body)"], PageCheck.Problems("<html><head></head><body></body></html>"));
    }
}
