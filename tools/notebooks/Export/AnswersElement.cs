using System.Text.RegularExpressions;
using Microsoft.DotNet.Interactive.Documents;
using Workbook.Notebooks.Model;

namespace Workbook.Notebooks.Export;

/// <summary>
/// A notebook's headline answers: the element with class <c>workbook-answers</c> that its answers cell writes into a
/// text/html output on the first screen (sentences with the figures, computed by the notebook). The walkthrough's
/// index shows it beside each part's title.
/// </summary>
public static partial class AnswersElement
{
    public const string ClassName = "workbook-answers";

    /// <summary>The first such element in the notebook's stored outputs, as HTML; null when no output has one.</summary>
    public static string? Find(NotebookFile notebook) =>
        notebook.CodeCells
            .SelectMany(cell => cell.Outputs)
            .Select(output => output switch
            {
                DisplayElement display => Html(display.Data),
                ReturnValueElement result => Html(result.Data),
                _ => null,
            })
            .Select(html => html is null ? null : Extract(html))
            .FirstOrDefault(element => element is not null);

    /// <summary>The element whose class list holds <see cref="ClassName"/>, up to its matching end tag; null when there is none.</summary>
    public static string? Extract(string html)
    {
        var start = StartTag().Match(html);
        if (!start.Success)
        {
            return null;
        }

        var name = start.Groups["name"].Value;
        var depth = 0;
        for (var tag = new Regex($@"<(?<end>/?){Regex.Escape(name)}\b[^>]*>", RegexOptions.IgnoreCase).Match(html, start.Index); tag.Success; tag = tag.NextMatch())
        {
            depth += tag.Groups["end"].Length > 0 ? -1 : 1;
            if (depth == 0)
            {
                return html[start.Index..(tag.Index + tag.Length)];
            }
        }

        return null;
    }

    private static string? Html(IDictionary<string, object> data) =>
        data.TryGetValue("text/html", out var value) ? SiteExporter.DataText(value) : null;

    [GeneratedRegex(@"<(?<name>[a-zA-Z][a-zA-Z0-9]*)\b[^>]*\bclass\s*=\s*""(?:[^""]*\s)?workbook-answers(?:\s[^""]*)?""[^>]*>")]
    private static partial Regex StartTag();
}
