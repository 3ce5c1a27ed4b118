using System.Text;
using Markdig;
using Markdig.Extensions.AutoIdentifiers;
using Microsoft.DotNet.Interactive.Documents;
using Workbook.Core;
using Workbook.Notebooks.Model;
using Workbook.Reporting;

namespace Workbook.Notebooks.Export;

/// <summary>
/// Writes notebooks as a static walkthrough for presenting, readable without network: index.html with each part's
/// answers (its <see cref="AnswersElement"/>) and a link, then one page per notebook with a table of contents from
/// its headings, its markdown rendered by Markdig, code cells as code blocks labelled with their kernel, and their
/// stored outputs (HTML tables, inline SVG charts, text streams, errors marked with the class <c>error-output</c>).
/// Inline CSS only (with a print stylesheet), no JavaScript, no timestamps: the same notebooks give the same bytes.
/// </summary>
public static class SiteExporter
{
    public const string ErrorClass = "error-output";

    /// <summary>
    /// GitHub's flavour of Markdown, without the mathematics extension: a `$` is a dollar, never the start of math
    /// (no page runs MathJax), and `\$` — how the notebooks escape it for GitHub and JupyterLab — is one too.
    /// </summary>
    private static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder()
        .UsePipeTables().UseEmphasisExtras().UseTaskLists().UseAutoLinks().UseFootnotes().UseAutoIdentifiers(AutoIdentifierOptions.GitHub)
        .Build();

    /// <summary>Exports the notebooks (in the order given) into <paramref name="outputFolder"/>; returns the files written.</summary>
    public static IReadOnlyList<string> Export(IReadOnlyList<string> notebookPaths, string outputFolder)
    {
        var notebooks = notebookPaths.Select(NotebookFile.Load).ToList();
        var pages = notebooks.Select(n => Path.GetFileNameWithoutExtension(n.Path) + ".html").ToList();
        var duplicate = pages.GroupBy(p => p, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new WorkbookException($"two notebooks would both be exported as {duplicate.Key}: export them separately");
        }

        var written = new List<string>();
        for (var i = 0; i < notebooks.Count; i++)
        {
            var path = Path.Combine(outputFolder, pages[i]);
            AtomicFile.EnsureNotAnInput(path, [.. notebookPaths]);
            var previous = i > 0 ? (pages[i - 1], notebooks[i - 1].Title) : default((string, string)?);
            var next = i + 1 < notebooks.Count ? (pages[i + 1], notebooks[i + 1].Title) : default((string, string)?);
            AtomicFile.WriteAllText(path, NotebookPage(notebooks[i], previous, next));
            written.Add(path);
        }

        var index = Path.Combine(outputFolder, "index.html");
        AtomicFile.WriteAllText(index, IndexPage(notebooks, pages));
        written.Insert(0, index);
        return written;
    }

    internal static string IndexPage(IReadOnlyList<NotebookFile> notebooks, IReadOnlyList<string> pages)
    {
        var body = new StringBuilder();
        body.Append("<h1>Revenue-operations workbook</h1>\n<p class=\"lead\">The answers of each part, from the outputs stored in its notebook; ")
            .Append("each part's page shows how they were reached and how they tie out.</p>\n");
        for (var i = 0; i < notebooks.Count; i++)
        {
            var notebook = notebooks[i];
            var page = Escape.Html(pages[i]);
            var errors = notebook.CodeCells.Count(c => c.Outputs.OfType<ErrorElement>().Any());
            body.Append($"<section class=\"part\">\n<h2><a href=\"{page}\">{Escape.Html(notebook.Title)}</a></h2>\n")
                .Append(AnswersElement.Find(notebook) is { } answers
                    ? $"<div class=\"answers\">{answers}</div>\n"
                    : "<p class=\"no-answers\">This notebook states no answers (it has no workbook-answers output).</p>\n")
                .Append($"<p class=\"read\"><a href=\"{page}\">Read the notebook</a> <span class=\"file\">{Escape.Html(Path.GetFileName(notebook.Path))}</span>")
                .Append(errors > 0 ? $" <span class=\"{ErrorClass}-count\">{errors} with errors</span>" : "")
                .Append("</p>\n</section>\n");
        }

        return Page("Revenue-operations workbook", "index", body.ToString());
    }

    internal static string NotebookPage(NotebookFile notebook, (string Page, string Title)? previous, (string Page, string Title)? next)
    {
        var body = new StringBuilder();
        body.Append("<nav><a href=\"index.html\">All notebooks</a>");
        if (previous is { } p)
        {
            body.Append($" · <a href=\"{Escape.Html(p.Page)}\">← {Escape.Html(p.Title)}</a>");
        }

        if (next is { } n)
        {
            body.Append($" · <a href=\"{Escape.Html(n.Page)}\">{Escape.Html(n.Title)} →</a>");
        }

        body.Append($"<span class=\"file\">{Escape.Html(Path.GetFileName(notebook.Path))}</span></nav>\n");
        var contents = new TableOfContents();
        var cells = new StringBuilder();
        foreach (var cell in notebook.Document.Elements)
        {
            if (!NotebookFile.IsCode(cell))
            {
                cells.Append($"<section class=\"cell markdown\"{Anchor(cell)}>\n").Append(contents.Render(cell.Contents, Markdown)).Append("</section>\n");
            }
            else
            {
                CodeCell(cells, cell, FirstLineKernel(cell.Contents) ?? cell.KernelName ?? notebook.DefaultKernelName);
            }
        }

        body.Append(contents.ToHtml()).Append(cells);
        return Page(notebook.Title, "notebook", body.ToString());
    }

    private static void CodeCell(StringBuilder body, InteractiveDocumentElement cell, string kernel)
    {
        var count = cell.ExecutionOrder > 0 ? $"[{cell.ExecutionOrder}]" : "[ ]";
        body.Append($"<section class=\"cell code\"{Anchor(cell)}>\n<div class=\"cell-head\">")
            .Append($"<span class=\"count\">{count}</span><span class=\"kernel\">{Escape.Html(KernelLabel(kernel))}</span></div>\n")
            .Append($"<pre class=\"source\"><code>{Escape.Html(cell.Contents)}</code></pre>\n");
        var outputs = cell.Outputs;
        if (outputs.Count > 0)
        {
            body.Append("<div class=\"outputs\">\n");
            foreach (var output in outputs)
            {
                Output(body, output);
            }

            body.Append("</div>\n");
        }

        body.Append("</section>\n");
    }

    private static void Output(StringBuilder body, InteractiveDocumentOutputElement output)
    {
        switch (output)
        {
            case TextElement stream:
                var name = stream.Name == "stderr" ? "stderr" : "stdout";
                body.Append($"<pre class=\"output stream {name}\">{Escape.Html(stream.Text)}</pre>\n");
                break;
            case ErrorElement error:
                var text = error.StackTrace is { Length: > 0 } traceback ? string.Join("\n", traceback) : error.ErrorValue;
                body.Append($"<div class=\"output {ErrorClass}\"><strong>{Escape.Html(error.ErrorName)}</strong><pre>{Escape.Html(text)}</pre></div>\n");
                break;
            case DisplayElement display:
                body.Append("<div class=\"output display\">").Append(Rich(display.Data)).Append("</div>\n");
                break;
            case ReturnValueElement result:
                body.Append("<div class=\"output display\">").Append(Rich(result.Data)).Append("</div>\n");
                break;
        }
    }

    /// <summary>The richest entry of a display, as Jupyter front ends choose: SVG, HTML, Markdown, images, then text.</summary>
    private static string Rich(IDictionary<string, object> data)
    {
        string? Text(string mime) => data.TryGetValue(mime, out var value) ? DataText(value) : null;

        if (Text(MimeTypes.Svg) is { } svg)
        {
            return $"<div class=\"chart\">{svg}</div>";
        }

        if (Text(MimeTypes.Html) is { } html)
        {
            return html;
        }

        if (Text(MimeTypes.Markdown) is { } markdown)
        {
            return Markdig.Markdown.ToHtml(markdown, Markdown);
        }

        foreach (var image in new[] { "image/png", "image/jpeg", "image/gif" })
        {
            if (Text(image) is { } base64)
            {
                return $"<img alt=\"\" src=\"data:{image};base64,{Escape.Html(base64.Replace("\n", "", StringComparison.Ordinal))}\">";
            }
        }

        var plain = Text(MimeTypes.PlainText) ?? Text(MimeTypes.Csv) ?? data.Select(p => DataText(p.Value)).FirstOrDefault() ?? "";
        return $"<pre>{Escape.Html(plain)}</pre>";
    }

    /// <summary>The kernel a "#!sql-x" or "#!csharp" first line switches the cell to, as the engine does.</summary>
    private static string? FirstLineKernel(string source)
    {
        var first = source.Split('\n', 2)[0].Trim();
        return first switch
        {
            "#!csharp" or "#!c#" or "#!C#" => "csharp",
            _ when first.StartsWith("#!sql-", StringComparison.Ordinal) && !first.Contains(' ', StringComparison.Ordinal) => first[2..],
            _ => null,
        };
    }

    /// <summary>Cells are linkable by their notebook id (page.html#cell-8d3e4b21), for presenting them one by one.</summary>
    private static string Anchor(InteractiveDocumentElement cell) => cell.Id is { } id ? $" id=\"cell-{Escape.Html(id)}\"" : "";

    /// <summary>A MIME entry as read from the file: a string, or the lines nbformat stores it as.</summary>
    internal static string DataText(object? value) => value switch
    {
        null => "",
        string text => text,
        IEnumerable<object> lines => string.Concat(lines.Select(l => l?.ToString())),
        _ => value.ToString() ?? "",
    };

    private static string KernelLabel(string kernel) => kernel switch
    {
        "csharp" => "C#",
        _ when kernel.StartsWith("sql-", StringComparison.Ordinal) => $"SQL · {kernel}",
        _ => kernel,
    };

    private static string Page(string title, string kind, string body) =>
        $"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{Escape.Html(title)}</title>
        <style>
        {SiteStyle.Css}
        </style>
        </head>
        <body data-page="{kind}">
        <main>
        {body}</main>
        </body>
        </html>

        """;
}
