using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;
using Workbook.Core;

namespace Workbook.Notebooks.Model;

/// <summary>
/// An .ipynb file read into .NET Interactive's own document model (<see cref="InteractiveDocument"/>: cells with their
/// ids, kernel names, metadata and outputs), and written back in VS Code's layout (<see cref="NotebookJson"/>), so
/// that a notebook re-run here and re-saved in VS Code gives no diff.
/// </summary>
public sealed class NotebookFile
{
    private NotebookFile(string path, InteractiveDocument document)
    {
        Path = path;
        Document = document;
    }

    /// <summary>Where the notebook was read from (its folder is the working directory when it runs).</summary>
    public string Path { get; }

    public InteractiveDocument Document { get; }

    public IEnumerable<InteractiveDocumentElement> CodeCells => Document.Elements.Where(IsCode);

    /// <summary>The kernel of cells that name none (polyglot_notebook.kernelInfo.defaultKernelName, else csharp).</summary>
    public string DefaultKernelName => Document.GetDefaultKernelName() ?? "csharp";

    public static bool IsCode(InteractiveDocumentElement cell) => cell.KernelName != "markdown";

    public static NotebookFile Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new InputDataException(path, 0, null, "notebook not found");
        }

        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Reads notebook JSON; bad JSON or a missing "cells" array is an error naming the file and line.</summary>
    public static NotebookFile Parse(string json, string path)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException error)
        {
            throw new InputDataException(path, (error.LineNumber ?? 0) + 1, null, $"not valid JSON ({FirstSentence(error.Message)})");
        }

        if (root is not JsonObject obj)
        {
            throw new InputDataException(path, 1, null, "not a notebook: the JSON is not an object");
        }

        if (obj["cells"] is not JsonArray cells)
        {
            throw new InputDataException(path, 0, "cells", "not a notebook: no \"cells\" array");
        }

        for (var i = 0; i < cells.Count; i++)
        {
            if (cells[i] is not JsonObject cell || cell["cell_type"]?.GetValueKind() != JsonValueKind.String)
            {
                throw new InputDataException(path, 0, $"cells[{i}]", "a cell must be an object with a \"cell_type\"");
            }
        }

        return new NotebookFile(path, Notebook.Parse(json));
    }

    /// <summary>The notebook as VS Code writes it: keys sorted, one-space indentation, every text as a line array.</summary>
    public string ToJson() => NotebookJson.Write(JsonNode.Parse(Document.ToJupyterJson())!);

    /// <summary>The first markdown heading, for page titles; the file name when there is none.</summary>
    public string Title =>
        Document.Elements.Where(c => !IsCode(c))
            .SelectMany(c => c.Contents.Split('\n'))
            .Select(l => l.Trim())
            .FirstOrDefault(l => l.StartsWith('#'))?.TrimStart('#').Trim()
        ?? System.IO.Path.GetFileNameWithoutExtension(Path);

    /// <summary>How errors name a cell: "cell 3 (id 8d3e4b21)".</summary>
    public string Label(InteractiveDocumentElement cell)
    {
        var number = Document.Elements.IndexOf(cell) + 1;
        return cell.Id is { } id ? $"cell {number} (id {id})" : $"cell {number}";
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd('.', ' ');
    }
}
