using System.Text.Json.Nodes;

namespace Workbook.Reporting;

/// <summary>
/// Reads the answers a notebook stated (its <see cref="Answers"/> output) back from the executed <c>.ipynb</c>:
/// <c>run-all</c> prints them in its summary and the README's Results section is checked against them, so the
/// figures have one source, the notebook that computed them.
/// </summary>
public static class NotebookAnswers
{
    /// <summary>The plain-text rendering of the notebook's answers output, or null when it has none.</summary>
    public static string? Read(string notebookPath)
    {
        var notebook = JsonNode.Parse(File.ReadAllText(notebookPath));
        var outputs = notebook?["cells"]?.AsArray()
            .SelectMany(cell => cell?["outputs"]?.AsArray() ?? [])
            .Select(output => output?["data"])
            .Where(data => data is not null && Text(data["text/html"]).Contains($"class=\"{Answers.CssClass}\"", StringComparison.Ordinal));
        return outputs?.FirstOrDefault() is { } answers ? Text(answers["text/plain"]) : null;
    }

    /// <summary>A notebook output's text: a string, or (in the file format) an array of lines.</summary>
    private static string Text(JsonNode? node) => node switch
    {
        JsonArray lines => string.Concat(lines.Select(line => line?.GetValue<string>())),
        JsonValue value => value.GetValue<string>(),
        _ => "",
    };
}
