using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Workbook.Core;

namespace Workbook.Tests.Notebooks;

/// <summary>
/// A notebook as a reviewer reads it on GitHub, nbviewer or JupyterLab: rendered by Debian's nbconvert (no execution)
/// with MathJax 2.7 from Debian's libjs-mathjax, loaded in headless chromium at 1280 px. render-facts.js, added at
/// the end of a copy of the page, waits for MathJax to typeset it and writes what it sees into the DOM as JSON
/// (<see cref="RenderFacts"/>); the screenshot is taken of the page as nbconvert wrote it.
/// </summary>
public sealed partial class RenderedNotebook
{
    /// <summary>MathJax as nbconvert and JupyterLab configure it (the CommonHTML output, the Safe extension), served from disk.</summary>
    public const string MathJaxUrl = "file:///usr/share/javascript/mathjax/MathJax.js?config=TeX-AMS_CHTML-full,Safe";

    private const string Python = "/usr/bin/python3";

    private RenderedNotebook(string html, RenderFacts facts)
    {
        HtmlFile = html;
        Facts = facts;
    }

    /// <summary>nbconvert's page.</summary>
    public string HtmlFile { get; }

    public RenderFacts Facts { get; }

    /// <summary>Renders <paramref name="notebook"/> into <paramref name="folder"/> and reads the facts from chromium.</summary>
    public static async Task<RenderedNotebook> RenderAsync(string notebook, string folder)
    {
        if (!File.Exists(Python) || !File.Exists("/usr/share/javascript/mathjax/MathJax.js"))
        {
            throw new InvalidOperationException("Debian's python3-nbconvert and libjs-mathjax are needed: run tests/run.sh, which installs them");
        }

        Directory.CreateDirectory(folder);
        var name = Path.GetFileNameWithoutExtension(notebook);
        var (exit, _, err) = await ExternalProgram.RunAsync(
            Python, ["-m", "nbconvert", "--to", "html", $"--HTMLExporter.mathjax_url={MathJaxUrl}", "--output-dir", folder, "--output", name, notebook], TimeSpan.FromSeconds(120));
        var html = Path.Combine(folder, name + ".html");
        if (exit != 0 || !File.Exists(html))
        {
            throw new InvalidOperationException($"nbconvert failed on {notebook}: {err}");
        }

        var page = File.ReadAllText(html);
        if (!page.Contains($"<script src=\"{MathJaxUrl}\">", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"nbconvert's page of {name} does not load MathJax from {MathJaxUrl}");
        }

        var script = File.ReadAllText(Path.Combine(RepoPaths.TryFindRoot()!, "tests", "Notebooks", "render-facts.js"));
        var probe = Path.Combine(folder, name + ".facts.html");
        File.WriteAllText(probe, page.Replace("</body>", $"<script>\n{script}</script>\n</body>", StringComparison.Ordinal));
        var dom = await Chromium.DumpDomAsync(probe, Chromium.ScriptBudgetMilliseconds);
        File.Delete(probe);
        var json = FactsElement().Match(dom);
        if (!json.Success)
        {
            throw new InvalidOperationException($"chromium's page of {name} has no render facts: the page or its scripts did not load");
        }

        var facts = JsonSerializer.Deserialize<RenderFacts>(WebUtility.HtmlDecode(json.Groups[1].Value), new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        return new RenderedNotebook(html, facts);
    }

    /// <summary>A PNG of the whole rendered page (MathJax typeset) at 1280 px wide.</summary>
    public Task ScreenshotAsync(string pngFile) =>
        Chromium.ScreenshotAsync(HtmlFile, pngFile, 1280, Facts.Height, Chromium.ScriptBudgetMilliseconds);

    [GeneratedRegex("<pre id=\"render-facts\">(.*?)</pre>", RegexOptions.Singleline)]
    private static partial Regex FactsElement();
}

/// <summary>What render-facts.js reports: whether MathJax ran, the page's height, and per cell in page order what a reader sees.</summary>
public sealed record RenderFacts(bool MathJaxRan, int Height, IReadOnlyList<RenderedCell> Cells);

/// <summary>A cell: the TeX MathJax typeset in it, the longest line of each of its clipped <c>pre</c>s, and its outputs.</summary>
public sealed record RenderedCell(IReadOnlyList<string> Math, IReadOnlyList<string> Clipped, IReadOnlyList<RenderedOutput> Outputs);

/// <summary>An output: the data rows of each of its (outermost) tables, and its text.</summary>
public sealed record RenderedOutput(IReadOnlyList<int> TableRows, string Text);
