using System.Text;

namespace Workbook.Reporting;

/// <summary>One question and its answer as a reader quotes it: "A1 Company's March invoice" → "$8,101.27 (...)".</summary>
public sealed record Answer(string Question, string Figures)
{
    public override string ToString() => $"{Question}: {Figures}";
}

/// <summary>
/// A notebook's answers, shown on its first screen: a title, where the figures come from, and one line per question.
/// The cell builds it from the figures the library computed, so it stays right when the data changes. Its HTML holds
/// exactly one element of class <see cref="CssClass"/>, which the walkthrough's index and <c>run-all</c>'s summary
/// (through <see cref="NotebookAnswers"/>) copy from the executed notebook.
/// </summary>
[TypeFormatterSource(typeof(ReportFormatterSource), PreferredMimeTypes = [MimeTypes.Html, MimeTypes.PlainText])]
public sealed class Answers : IRendersAs
{
    public const string CssClass = "workbook-answers";

    public Answers(string title, string basis, params Answer[] items)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        ArgumentNullException.ThrowIfNull(basis);
        if (items.Length == 0)
        {
            throw new ArgumentException("answers need at least one answer", nameof(items));
        }

        Title = title;
        Basis = basis;
        Items = items;
    }

    public string Title { get; }

    /// <summary>Where the figures come from (which data, seeded or generated), in a sentence.</summary>
    public string Basis { get; }

    public IReadOnlyList<Answer> Items { get; }

    public string ToHtml()
    {
        var html = new StringBuilder();
        html.Append($"<div class=\"{CssClass}\">\n");
        html.Append("<p><strong>").Append(Escape.Html(Title)).Append("</strong></p>\n<ul>\n");
        foreach (var answer in Items)
        {
            html.Append("<li><strong>").Append(Escape.Html(answer.Question)).Append(":</strong> ")
                .Append(Escape.Html(answer.Figures)).Append("</li>\n");
        }

        html.Append("</ul>\n");
        if (Basis.Length > 0)
        {
            html.Append("<p><em>").Append(Escape.Html(Basis)).Append("</em></p>\n");
        }

        html.Append("</div>\n");
        return MathJaxIgnore.Wrap(html.ToString());
    }

    /// <summary>The title, then one "- question: figures" line per answer, then the basis: also run-all's summary lines.</summary>
    public string ToPlainText()
    {
        var text = new StringBuilder();
        text.Append(Title).Append('\n');
        foreach (var answer in Items)
        {
            text.Append("- ").Append(answer).Append('\n');
        }

        if (Basis.Length > 0)
        {
            text.Append(Basis).Append('\n');
        }

        return text.ToString();
    }

    string? IRendersAs.Render(string mimeType) => mimeType switch
    {
        MimeTypes.Html => ToHtml(),
        MimeTypes.PlainText => ToPlainText(),
        _ => null,
    };

    public override string ToString() => ToPlainText();
}
