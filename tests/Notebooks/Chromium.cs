using Workbook.Core;

namespace Workbook.Tests.Notebooks;

/// <summary>
/// Debian's chromium in headless mode, for the walkthrough's real-browser test. Every call gets a fresh profile, and the
/// background-networking flags keep it from dialing out (its connections are refused on this closed network).
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

    /// <summary>The page's DOM after it loaded, as chromium serializes it.</summary>
    public static async Task<string> DumpDomAsync(string htmlFile) =>
        (await RunAsync(["--dump-dom", new Uri(htmlFile).AbsoluteUri])).Out;

    /// <summary>A PNG of the page's first <paramref name="height"/> pixels at <paramref name="width"/> wide.</summary>
    public static async Task ScreenshotAsync(string htmlFile, string pngFile, int width, int height)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(pngFile)!);
        var (_, _, err) = await RunAsync([$"--screenshot={pngFile}", $"--window-size={width},{height}", "--hide-scrollbars", new Uri(htmlFile).AbsoluteUri]);
        if (!File.Exists(pngFile))
        {
            throw new InvalidOperationException($"chromium wrote no screenshot of {htmlFile}: {err}");
        }
    }

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
