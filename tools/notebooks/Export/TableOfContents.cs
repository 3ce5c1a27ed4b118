using System.Text;
using Markdig;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Workbook.Reporting;

namespace Workbook.Notebooks.Export;

/// <summary>
/// A notebook page's table of contents: its markdown cells are rendered through it, one after the other, and it
/// collects their section headings (levels 2 and 3; level 1 is the page's title). Markdig names headings per cell,
/// so two cells with the same heading would get the same id: a repeated id gets "-2", "-3", ... here, across the page.
/// </summary>
internal sealed class TableOfContents
{
    private readonly List<(int Level, string Id, string Text)> _entries = [];
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);

    /// <summary>The markdown as HTML, its headings named uniquely on the page and listed.</summary>
    public string Render(string markdown, MarkdownPipeline pipeline)
    {
        var document = Markdig.Markdown.Parse(markdown, pipeline);
        foreach (var heading in document.Descendants<HeadingBlock>())
        {
            var attributes = heading.GetAttributes();
            var id = attributes.Id ?? "section";
            var unique = id;
            for (var n = 2; !_ids.Add(unique); n++)
            {
                unique = $"{id}-{n}";
            }

            attributes.Id = unique;
            if (heading.Level is 2 or 3)
            {
                _entries.Add((heading.Level, unique, PlainText(heading.Inline)));
            }
        }

        return document.ToHtml(pipeline);
    }

    /// <summary>The contents as a nav element; empty when the page has no section headings.</summary>
    public string ToHtml()
    {
        if (_entries.Count == 0)
        {
            return "";
        }

        var html = new StringBuilder("<nav class=\"toc\" aria-label=\"Contents\"><strong>Contents</strong>\n<ul>\n");
        foreach (var (level, id, text) in _entries)
        {
            html.Append($"<li class=\"level-{level}\"><a href=\"#{Escape.Html(id)}\">{Escape.Html(text)}</a></li>\n");
        }

        return html.Append("</ul></nav>\n").ToString();
    }

    private static string PlainText(ContainerInline? inline) =>
        inline is null
            ? ""
            : string.Concat(inline.Descendants<Inline>().Select(i => i switch
            {
                LiteralInline literal => literal.Content.ToString(),
                CodeInline code => code.Content,
                LineBreakInline => " ",
                _ => "",
            })).Trim();
}
