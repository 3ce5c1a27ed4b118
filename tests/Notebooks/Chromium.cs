using Workbook.Core;

namespace Workbook.Tests.Notebooks;

/// <summary>
/// Debian's chromium in headless mode, for the real-browser tests (the walkthrough, and nbconvert's pages with
/// MathJax). Every call gets a fresh profile, and the background-networking flags keep it from dialing out (its
/// connections are refused on this closed network). Pages that run scripts get a virtual-time budget: chromium runs
/// their timers up to it before it dumps, screenshots or prints, so MathJax has typeset the page by then.
/// A missing browser fails the test: tests/run.sh installs it.
/// </summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    public static string Executable =>
        File.Exists(ExecutablePath)
            ? ExecutablePath
            : throw new InvalidOperationException($"Debian's chromium is not installed at {ExecutablePath}: run tests/run.sh, which installs it (apt-get install -y chromium)");

    /// <summary>Virtual time for pages with scripts: MathJax 2.7 typesets a notebook well within it.</summary>
    public const int ScriptBudgetMilliseconds = 30_000;

    /// <summary>The page's DOM after it loaded (and its scripts ran for <paramref name="budgetMilliseconds"/> of virtual time), at 1280 px wide.</summary>
    public static async Task<string> DumpDomAsync(string htmlFile, int budgetMilliseconds = 0) =>
        (await RunAsync(["--dump-dom", "--window-size=1280,1000", .. Budget(budgetMilliseconds), new Uri(htmlFile).AbsoluteUri])).Out;

    /// <summary>A PNG of the page's first <paramref name="height"/> pixels at <paramref name="width"/> wide.</summary>
    public static async Task ScreenshotAsync(string htmlFile, string pngFile, int width, int height, int budgetMilliseconds = 0)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(pngFile)!);
        File.Delete(pngFile);
        var (_, _, err) = await RunAsync([$"--screenshot={pngFile}", $"--window-size={width},{height}", "--hide-scrollbars", .. Budget(budgetMilliseconds), new Uri(htmlFile).AbsoluteUri]);
        if (!File.Exists(pngFile))
        {
            throw new InvalidOperationException($"chromium wrote no screenshot of {htmlFile}: {err}");
        }
    }

    /// <summary>The page printed as chromium prints it (print stylesheet, default Letter pages), without its header and footer lines.</summary>
    public static async Task PrintToPdfAsync(string htmlFile, string pdfFile)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(pdfFile)!);
        File.Delete(pdfFile);
        var (_, _, err) = await RunAsync([$"--print-to-pdf={pdfFile}", "--no-pdf-header-footer", new Uri(htmlFile).AbsoluteUri]);
        if (!File.Exists(pdfFile))
        {
            throw new InvalidOperationException($"chromium printed no PDF of {htmlFile}: {err}");
        }
    }

    /// <summary>
    /// A PNG of the whole page at 1280 px wide: the page's height is measured first, in a copy of it (in a temporary
    /// folder: the page must be self-contained) with a script that writes its height into the DOM.
    /// </summary>
    public static async Task<(int Width, int Height)> FullPageScreenshotAsync(string htmlFile, string pngFile, int budgetMilliseconds = 0)
    {
        using var probe = new TempDir();
        var copy = probe.File(Path.GetFileName(htmlFile));
        const string Script = "<script>addEventListener('load', function () { var p = document.createElement('pre'); p.id = 'page-height'; "
            + "p.textContent = Math.ceil(document.documentElement.scrollHeight); document.body.appendChild(p); });</script>";
        File.WriteAllText(copy, File.ReadAllText(htmlFile).Replace("</body>", Script + "</body>", StringComparison.Ordinal));
        var dom = await DumpDomAsync(copy, budgetMilliseconds);
        var match = System.Text.RegularExpressions.Regex.Match(dom, "<pre id=\"page-height\">(\\d+)</pre>");
        if (!match.Success)
        {
            throw new InvalidOperationException($"chromium did not measure {htmlFile}");
        }

        var height = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        await ScreenshotAsync(htmlFile, pngFile, 1280, height, budgetMilliseconds);
        return PngSize(File.ReadAllBytes(pngFile));
    }

    private static string[] Budget(int milliseconds) => milliseconds > 0 ? [$"--virtual-time-budget={milliseconds}"] : [];

    /// <summary>Width and height from a PNG's header; throws when the bytes are not a PNG.</summary>
    public static (int Width, int Height) PngSize(byte[] png)
    {
        byte[] signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
        if (png.Length < 24 || !png.AsSpan(0, 8).SequenceEqual(signature))
        {
            throw new InvalidOperationException("not a PNG file");
        }

        return (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }

    private static async Task<(int Exit, string Out, string Err)> RunAsync(IEnumerable<string> arguments)
    {
        using var profile = new TempDir();
        string[] flags =
        [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", $"--user-data-dir={profile.Path}",
        ];
        return await ExternalProgram.RunAsync(Executable, [.. flags, .. arguments], Timeout);
    }
}

/// <summary>What makes a walkthrough page bad in the browser: it did not load, or it shows an error output.</summary>
public static class PageCheck
{
    public static IReadOnlyList<string> Problems(string dom)
    {
        var problems = new List<string>();
        if (!dom.Contains("<body data-page=", StringComparison.Ordinal) || !dom.Contains("</main>", StringComparison.Ordinal))
        {
            problems.Add("the page did not load (no rendered body)");
        }

        var errors = System.Text.RegularExpressions.Regex.Count(dom, $"class=\"output {Workbook.Notebooks.Export.SiteExporter.ErrorClass}\"");
        if (errors > 0)
        {
            problems.Add($"the page shows {errors} error output(s)");
        }

        return problems;
    }

    /// <summary>Where the screenshots are kept for a person to look at (artifacts/ is not committed).</summary>
    public static string ScreenshotFolder =>
        Path.Combine(RepoPaths.TryFindRoot() ?? Path.GetTempPath(), "artifacts", "screenshots");
}
