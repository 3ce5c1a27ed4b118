using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Workbook.Core;
using Workbook.Notebooks.Model;

namespace Workbook.Tests.Notebooks;

/// <summary>
/// The committed notebooks as other tools see them: valid against the nbformat schema (Python's nbformat), and
/// rendered by nbconvert — nbviewer's engine, and the nearest to GitHub's renderer that runs here — with every chart
/// visible. nbconvert strips the elements of an inline SVG, so a chart must reach it as the text/html image beside
/// the image/svg+xml output. Then read as a reviewer reads them: with MathJax, in chromium at 1280 px, with nothing
/// garbled, clipped, truncated or failed (<see cref="RenderingProblems"/>), and a full-page screenshot of each in
/// artifacts/screenshots/notebooks/. tests/run.sh installs Debian's python3-nbconvert; without it these tests fail.
/// </summary>
public class NbconvertRenderingTests
{
    private const string Python = "/usr/bin/python3";

    private static readonly string Folder = Path.Combine(RepoPaths.TryFindRoot()!, "notebooks");

    public static TheoryData<string> Names => new(Directory.GetFiles(Folder, "*.ipynb").Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(Names))]
    public async Task The_notebook_is_valid_nbformat(string name)
    {
        var (exit, _, err) = await RunPythonAsync("-c", "import sys, nbformat; nbformat.validate(nbformat.read(sys.argv[1], as_version=4))", Path.Combine(Folder, name));
        Assert.True(exit == 0, err);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Nbconvert_shows_every_chart_as_an_image_and_every_table(string name)
    {
        var path = Path.Combine(Folder, name);
        var outputs = JsonNode.Parse(File.ReadAllText(path))!["cells"]!.AsArray()
            .SelectMany(cell => cell!["outputs"]?.AsArray() ?? [])
            .Select(output => output!["data"]?.AsObject())
            .OfType<JsonObject>()
            .ToList();
        var charts = outputs.Count(data => data.ContainsKey("image/svg+xml"));
        var tables = outputs.Sum(data => Regex.Count(NotebookJson.Text(data["text/html"]), "<table>"));

        var (exit, html, err) = await RunPythonAsync("-m", "nbconvert", "--to", "html", "--stdout", path);

        Assert.True(exit == 0, err);
        Assert.True(charts > 0, $"{name} has no chart");
        Assert.Equal(charts, Regex.Count(html, "<img alt=\"[^\"]*\" src=\"data:image/svg\\+xml;base64,"));
        Assert.Equal(tables, Regex.Count(html, "<table>"));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Rendered_with_MathJax_at_1280_px_the_notebook_has_no_math_in_prose_no_clipped_code_no_truncated_table_and_no_error(string name)
    {
        using var temp = new TempDir();
        var path = Path.Combine(Folder, name);

        var rendered = await RenderedNotebook.RenderAsync(path, temp.Path);
        await rendered.ScreenshotAsync(Path.Combine(PageCheck.ScreenshotFolder, "notebooks", Path.ChangeExtension(name, ".png")));
        var problems = RenderingProblems.Find(JsonNode.Parse(File.ReadAllText(path))!.AsObject(), rendered.Facts);

        Assert.True(problems.Count == 0, $"{name} rendered by nbconvert with MathJax:\n{string.Join("\n", problems)}");
    }

    private static async Task<(int Exit, string Out, string Err)> RunPythonAsync(params string[] args)
    {
        if (!File.Exists(Python))
        {
            throw new InvalidOperationException($"{Python} is missing: run tests/run.sh, which installs python3-nbconvert");
        }

        return await ExternalProgram.RunAsync(Python, args, TimeSpan.FromSeconds(120));
    }
}
