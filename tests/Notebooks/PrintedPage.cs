using System.Net;
using System.Text.RegularExpressions;

namespace Workbook.Tests.Notebooks;

/// <summary>
/// A walkthrough page printed to PDF by headless chromium (its print stylesheet), read back with poppler's
/// pdfinfo (page count) and pdftotext (the text on the pages). poppler-utils is Debian's; without it the test fails.
/// </summary>
public sealed partial record PrintedPage(int Pages, string Text)
{
    public static async Task<PrintedPage> PrintAsync(string htmlFile, string pdfFile)
    {
        await Chromium.PrintToPdfAsync(htmlFile, pdfFile);
        var (infoExit, info, infoErr) = await ExternalProgram.RunAsync(Poppler("pdfinfo"), [pdfFile], TimeSpan.FromSeconds(30));
        var (textExit, text, textErr) = await ExternalProgram.RunAsync(Poppler("pdftotext"), [pdfFile, "-"], TimeSpan.FromSeconds(30));
        if (infoExit != 0 || textExit != 0 || PagesLine().Match(info) is not { Success: true } pages)
        {
            throw new InvalidOperationException($"poppler could not read {pdfFile}: {infoErr}{textErr}");
        }

        return new PrintedPage(int.Parse(pages.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), text);
    }

    /// <summary>
    /// The cells of the page's tables (every td and th, as text) that the PDF does not show (<see cref="Shows"/>).
    /// </summary>
    public IReadOnlyList<string> MissingTableCells(string html) =>
        TableCell().Matches(html)
            .Select(cell => Whitespace().Replace(WebUtility.HtmlDecode(Tag().Replace(cell.Groups[1].Value, " ")), " ").Trim())
            .Where(text => text.Length > 0 && !Shows(text))
            .Distinct()
            .ToList();

    /// <summary>
    /// Whether every word of <paramref name="text"/> is on the pages. Word by word, because pdftotext puts the lines of
    /// a cell wrapped on paper between its neighbours' lines. Lines may also break at a hyphen (in an id), which
    /// pdftotext joins again without it: words are split at hyphens, and a piece of four characters or more that is
    /// not a printed word may be found inside one.
    /// </summary>
    public bool Shows(string text) =>
        Words(text).All(word => _words.Value.Contains(word) || (word.Length >= 4 && _joined.Value.Contains(word, StringComparison.Ordinal)));

    private readonly Lazy<HashSet<string>> _words = new(() => Words(Text).ToHashSet(StringComparer.Ordinal));

    private readonly Lazy<string> _joined = new(() => string.Concat(Words(Text)));

    private static IEnumerable<string> Words(string text) => WordBreak().Split(text).Where(word => word.Length > 0);

    private static string Poppler(string program) =>
        File.Exists($"/usr/bin/{program}") ? $"/usr/bin/{program}" : throw new InvalidOperationException($"{program} is missing: run tests/run.sh, which installs poppler-utils");

    [GeneratedRegex(@"^Pages:\s+(\d+)", RegexOptions.Multiline)]
    private static partial Regex PagesLine();

    [GeneratedRegex(@"<t[dh]\b[^>]*>(.*?)</t[dh]>", RegexOptions.Singleline)]
    private static partial Regex TableCell();

    [GeneratedRegex(@"[\s-]+")]
    private static partial Regex WordBreak();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
