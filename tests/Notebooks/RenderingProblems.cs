using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Workbook.Core;
using Workbook.Notebooks.Model;

namespace Workbook.Tests.Notebooks;

/// <summary>
/// What a reader of a rendered notebook would see wrong, each as "cell N (id X): problem": prose or output that
/// MathJax turned into math, code that is clipped (a line over <see cref="MaxCodeLineLength"/> characters, or a
/// <c>pre</c> wider than its box), a table the engine truncated (its "(3 more)" / "more rows" marker, or fewer rows
/// than the text/csv stored beside it), and error outputs. Pure: the notebook's JSON and chromium's facts in, text out.
/// </summary>
public static partial class RenderingProblems
{
    public const int MaxCodeLineLength = 100;

    public static IReadOnlyList<string> Find(JsonObject notebook, RenderFacts facts)
    {
        var problems = new List<string>();
        if (!facts.MathJaxRan)
        {
            problems.Add("MathJax did not run on the page, so math in prose could not be detected");
        }

        var cells = notebook["cells"]!.AsArray().OfType<JsonObject>().ToList();
        if (cells.Count != facts.Cells.Count)
        {
            problems.Add($"the page shows {facts.Cells.Count} cells, the notebook has {cells.Count}");
            return problems;
        }

        for (var i = 0; i < cells.Count; i++)
        {
            var cell = cells[i];
            var rendered = facts.Cells[i];
            var label = cell["id"] is { } id ? $"cell {i + 1} (id {id})" : $"cell {i + 1}";
            var isCode = cell["cell_type"]!.GetValue<string>() == "code";
            problems.AddRange(rendered.Math.Select(tex => $"{label}: {(isCode ? "output" : "prose")} turned into math: ${tex}$"));
            problems.AddRange(rendered.Clipped.Select(line => $"{label}: clipped at the right edge: {Start(line)}"));
            if (!isCode)
            {
                continue;
            }

            var source = NotebookJson.Text(cell["source"]).Split('\n');
            problems.AddRange(source.Where(line => line.Length > MaxCodeLineLength)
                .Select(line => $"{label}: a code line of {line.Length} characters (over {MaxCodeLineLength}): {Start(line)}"));

            var outputs = cell["outputs"]!.AsArray().OfType<JsonObject>().ToList();
            problems.AddRange(outputs.Where(o => o["output_type"]!.GetValue<string>() == "error")
                .Select(o => $"{label}: an error output: {o["ename"]}: {FirstLine(o["evalue"]?.ToString() ?? "")}"));
            problems.AddRange(rendered.Outputs.Where(o => TruncationMarker().IsMatch(o.Text))
                .Select(o => $"{label}: a truncated table: \"{TruncationMarker().Match(o.Text).Value}\""));
            if (outputs.Count != rendered.Outputs.Count)
            {
                problems.Add($"{label}: the page shows {rendered.Outputs.Count} outputs, the notebook has {outputs.Count}");
                continue;
            }

            for (var o = 0; o < outputs.Count; o++)
            {
                if (outputs[o]["data"]?["text/csv"] is { } csv && rendered.Outputs[o].TableRows is [var shown, ..] && CsvRows(NotebookJson.Text(csv)) is var held && shown < held)
                {
                    problems.Add($"{label}: a truncated table: {shown} rows shown of the {held} its text/csv holds");
                }
            }
        }

        return problems;
    }

    /// <summary>Records after the header, as a CSV reader counts them (quoted fields may hold line breaks).</summary>
    private static int CsvRows(string csv)
    {
        using var reader = new CsvReader(new StringReader(csv), "text/csv");
        var rows = 0;
        while (reader.ReadRow())
        {
            rows++;
        }

        return rows;
    }

    private static string Start(string line) => line.Length > 60 ? line[..60] + "..." : line;

    private static string FirstLine(string text) => text.Split('\n', 2)[0];

    /// <summary>The engine's markers: "(3 more)" under a table, "... (more)" under a list, "more rows".</summary>
    [GeneratedRegex(@"\((\d[\d,]* )?more\)|\d[\d,]* more rows|more rows")]
    private static partial Regex TruncationMarker();
}
