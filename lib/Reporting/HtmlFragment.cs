namespace Workbook.Reporting;

/// <summary>
/// A piece of HTML shown as is (text/html). The notebook runner's <c>HTML("...")</c> returns one, as Polyglot's
/// <c>HTML(...)</c> does with its own type.
/// </summary>
[TypeFormatterSource(typeof(ReportFormatterSource), PreferredMimeTypes = [MimeTypes.Html])]
public sealed class HtmlFragment(string html) : IRendersAs
{
    public string Html { get; } = html ?? throw new ArgumentNullException(nameof(html));

    string? IRendersAs.Render(string mimeType) => mimeType == MimeTypes.Html ? Html : null;

    public override string ToString() => Html;
}
