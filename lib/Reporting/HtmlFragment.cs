namespace Workbook.Reporting;

/// <summary>
/// A piece of HTML shown as is (text/html). The notebook runner's <c>HTML("...")</c> returns one, as Polyglot's
/// <c>HTML(...)</c> does with its own type.
/// </summary>
[TypeFormatterSource(typeof(ReportFormatterSource), PreferredMimeTypes = [MimeTypes.Html])]
public sealed class HtmlFragment(string html) : IRendersAs
{
    public string Html { get; } = html ?? throw new ArgumentNullException(nameof(html));

    bool IRendersAs.TryRender(string mimeType, TextWriter writer)
    {
        if (mimeType != MimeTypes.Html)
        {
            return false;
        }

        writer.Write(Html);
        return true;
    }

    public override string ToString() => Html;
}
