using System.Text.RegularExpressions;
using Workbook.Notebooks.Export;
using Workbook.Tests.Cli;

namespace Workbook.Tests.Notebooks;

/// <summary>Runs the fixture notebooks once and exports them (presenting.ipynb first, as a part with answers); the tests look at the site.</summary>
public sealed class ExportedSite : IAsyncLifetime
{
    private readonly TempDir _temp = new();

    public string Site => _temp.File("site");

    public string Executed => _temp.File("executed");

    public CliRunner.Result Export { get; private set; } = null!;

    public static string[] Names => ["presenting.ipynb", "features.ipynb", "errors.ipynb"];

    public async Task InitializeAsync()
    {
        var input = NotebookFixtures.CopyTo(_temp.File("in"));
        await NotebookFixtures.RunAsync(Executed, Names.Select(name => Path.Combine(input, name)));
        Export = await CliRunner.RunAsync(["notebooks", "export", "--out", Site, .. Names.Select(name => Path.Combine(Executed, name))]);
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
        Assert.Equal(["errors.html", "features.html", "index.html", "presenting.html"], Directory.GetFiles(site.Site).Select(Path.GetFileName).Order(StringComparer.Ordinal));
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

        await CliRunner.RunAsync(["notebooks", "export", "--out", again.Path, .. ExportedSite.Names.Select(name => Path.Combine(site.Executed, name))]);

        foreach (var file in Directory.GetFiles(site.Site))
        {
            Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(Path.Combine(again.Path, Path.GetFileName(file))));
        }
    }

    [Fact]
    public void The_index_opens_on_each_parts_answers_and_links_to_its_page()
    {
        var index = File.ReadAllText(Path.Combine(site.Site, "index.html"));

        Assert.Contains("""
            <section class="part">
            <h2><a href="presenting.html">Part 9 — A fixture invoice</a></h2>
            <div class="answers"><div class="workbook-answers"><p>Acme's March invoice: <strong>$62,700.00</strong>, on 48 charges.</p></div></div>
            <p class="read"><a href="presenting.html">Read the notebook</a> <span class="file">presenting.ipynb</span></p>
            </section>
            """, index);
        Assert.True(index.IndexOf("presenting.html", StringComparison.Ordinal) < index.IndexOf("features.html", StringComparison.Ordinal), "parts in the order given");
        Assert.Equal(2, Regex.Count(index, "<p class=\"no-answers\">This notebook states no answers")); // features and errors have none
    }

    [Fact]
    public void The_answers_element_is_cut_out_whole_from_the_output_around_it()
    {
        const string Output = "<style>p{}</style><div><div class=\"note workbook-answers\"><p>A <div>nested</div> answer</p></div><p>after</p></div>";

        Assert.Equal("<div class=\"note workbook-answers\"><p>A <div>nested</div> answer</p></div>", AnswersElement.Extract(Output));
        Assert.Null(AnswersElement.Extract("<div class=\"workbook-answers-not\">no</div>"));
    }

    [Fact]
    public void A_page_has_a_table_of_contents_of_its_sections_with_ids_unique_on_the_page()
    {
        var page = File.ReadAllText(Path.Combine(site.Site, "presenting.html"));

        Assert.Contains("""
            <nav class="toc" aria-label="Contents"><strong>Contents</strong>
            <ul>
            <li class="level-2"><a href="#the-charges">The charges</a></li>
            <li class="level-3"><a href="#by-region">By region</a></li>
            <li class="level-2"><a href="#the-charges-2">The charges</a></li>
            </ul></nav>
            """, page);
        Assert.Contains("<h2 id=\"the-charges\">The charges</h2>", page);
        Assert.Contains("<h3 id=\"by-region\">By region</h3>", page);
        Assert.Contains("<h2 id=\"the-charges-2\">The charges</h2>", page);
        Assert.DoesNotContain("class=\"toc\"", File.ReadAllText(Path.Combine(site.Site, "errors.html"))); // no sections, no contents
    }

    [Fact]
    public void Dollar_signs_in_prose_stay_dollars_escaped_or_not()
    {
        var page = File.ReadAllText(Path.Combine(site.Site, "presenting.html"));

        Assert.Contains("<p>Acme pays $5,000 a year and $300 per seat; escaped, Acme pays $5,000 a year and $300 per seat.</p>", page);
        Assert.DoesNotContain("class=\"math\"", page);
    }

    [Fact]
    public async Task Printed_by_chromium_a_page_has_its_tables_and_chart_on_its_pages_and_no_navigation()
    {
        var html = File.ReadAllText(Path.Combine(site.Site, "presenting.html"));

        var printed = await PrintedPage.PrintAsync(Path.Combine(site.Site, "presenting.html"), Path.Combine(PageCheck.ScreenshotFolder, "fixtures", "presenting.pdf"));
        var index = await PrintedPage.PrintAsync(Path.Combine(site.Site, "index.html"), Path.Combine(PageCheck.ScreenshotFolder, "fixtures", "index.pdf"));

        Assert.InRange(printed.Pages, 3, 6); // the 48-row table runs over a page
        Assert.Empty(printed.MissingTableCells(html));
        Assert.Equal(48, Regex.Count(printed.Text, @"Storage GB-hours, line \d+\n"));
        Assert.Contains("$1,600.00", printed.Text);
        Assert.Contains("Charges by region", printed.Text); // the chart's title, drawn in its SVG
        Assert.DoesNotContain("All notebooks", printed.Text);
        Assert.DoesNotContain("Contents", printed.Text);
        Assert.Contains("Acme's March invoice: $62,700.00, on 48 charges.", index.Text);
        Assert.Equal(1, index.Pages);
    }

    [Fact]
    public async Task In_a_real_browser_every_clean_page_loads_shows_its_tables_and_charts_and_no_error()
    {
        foreach (var page in new[] { "index.html", "presenting.html", "features.html" })
        {
            var file = Path.Combine(site.Site, page);
            var dom = await Chromium.DumpDomAsync(file);
            Assert.Empty(PageCheck.Problems(dom));

            var png = Path.Combine(PageCheck.ScreenshotFolder, "fixtures", Path.ChangeExtension(page, ".png"));
            var (width, height) = await Chromium.FullPageScreenshotAsync(file, png);
            Assert.Equal(1280, width);
            Assert.InRange(height, 400, 20_000);
            Assert.True(new FileInfo(png).Length > 20_000, $"{png} is {new FileInfo(png).Length} bytes: an almost empty page?");
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
        await Chromium.FullPageScreenshotAsync(file, Path.Combine(PageCheck.ScreenshotFolder, "fixtures", "errors.png"));

        Assert.Equal(["the page shows 5 error output(s)"], problems);
        Assert.Equal(["the page did not load (no rendered body)"], PageCheck.Problems("<html><head></head><body></body></html>"));
    }
}
