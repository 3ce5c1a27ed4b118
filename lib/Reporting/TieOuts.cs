using System.Text;

namespace Workbook.Reporting;

/// <summary>One tie-out a reader can check by eye: "CPU Hours $2,222.15 + Storage $5,879.12 = invoice total $8,101.27".</summary>
public sealed record TieOut(string Statement, bool Holds);

/// <summary>
/// Validations worded as tie-outs: each line states the figures and whether they agree (computed, exactly, by the
/// cell that builds it), with a check mark or a cross. <c>new TieOuts(new TieOut(...), ...)</c> in a notebook.
/// </summary>
[TypeFormatterSource(typeof(ReportFormatterSource), PreferredMimeTypes = [MimeTypes.Html, MimeTypes.PlainText])]
public sealed class TieOuts(params TieOut[] items) : IRendersAs
{
    public IReadOnlyList<TieOut> Items { get; } = items;

    public bool AllHold => Items.All(t => t.Holds);

    public string ToHtml()
    {
        // One line each, the mark in front (a list would put a bullet before the mark).
        var html = new StringBuilder();
        foreach (var item in Items)
        {
            html.Append("<p>").Append(Mark(item)).Append(' ').Append(Escape.Html(item.Statement))
                .Append(item.Holds ? "" : " <strong>(does not hold)</strong>").Append("</p>\n");
        }

        return MathJaxIgnore.Wrap(html.ToString());
    }

    public string ToPlainText() =>
        string.Concat(Items.Select(item => $"{Mark(item)} {item.Statement}{(item.Holds ? "" : " (does not hold)")}\n"));

    string? IRendersAs.Render(string mimeType) => mimeType switch
    {
        MimeTypes.Html => ToHtml(),
        MimeTypes.PlainText => ToPlainText(),
        _ => null,
    };

    public override string ToString() => ToPlainText();

    private static string Mark(TieOut item) => item.Holds ? "✔" : "✘";
}
