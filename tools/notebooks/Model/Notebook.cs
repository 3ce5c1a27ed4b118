using System.Text.Json;
using System.Text.Json.Nodes;
using Workbook.Core;

namespace Workbook.Notebooks.Model;

/// <summary>
/// A Polyglot Notebooks .ipynb file (nbformat 4) held as its JSON tree, so that everything the runner does not
/// touch — unknown metadata, cell ids, cell order, attachments — is written back exactly as read.
/// </summary>
public sealed class Notebook
{
    private Notebook(string path, JsonObject root, List<NotebookCell> cells)
    {
        Path = path;
        Root = root;
        Cells = cells;
    }

    /// <summary>Where the notebook was read from (its folder is the base of relative paths when it runs).</summary>
    public string Path { get; }

    public JsonObject Root { get; }

    public IReadOnlyList<NotebookCell> Cells { get; }

    public static Notebook Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new InputDataException(path, 0, null, "notebook not found");
        }

        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Reads notebook JSON; bad JSON or a missing "cells" array is an error naming the file and line.</summary>
    public static Notebook Parse(string json, string path)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Disallow });
        }
        catch (JsonException error)
        {
            throw new InputDataException(path, (error.LineNumber ?? 0) + 1, null, $"not valid JSON ({FirstSentence(error.Message)})");
        }

        if (root is not JsonObject obj)
        {
            throw new InputDataException(path, 1, null, "not a notebook: the JSON is not an object");
        }

        if (obj["cells"] is not JsonArray cellArray)
        {
            throw new InputDataException(path, 0, "cells", "not a notebook: no \"cells\" array");
        }

        var cells = new List<NotebookCell>();
        for (var i = 0; i < cellArray.Count; i++)
        {
            if (cellArray[i] is not JsonObject cell || cell["cell_type"]?.GetValueKind() != JsonValueKind.String)
            {
                throw new InputDataException(path, 0, $"cells[{i}]", "a cell must be an object with a \"cell_type\"");
            }

            cells.Add(new NotebookCell(cell, i));
        }

        return new Notebook(path, obj, cells);
    }

    /// <summary>The kernel of cells that name none: polyglot_notebook.kernelInfo.defaultKernelName, else the kernelspec, else csharp (VS Code's order).</summary>
    public string DefaultKernelName =>
        Root["metadata"]?["polyglot_notebook"]?["kernelInfo"]?["defaultKernelName"]?.GetValue<string>()
        ?? (Root["metadata"]?["kernelspec"]?["name"]?.GetValue<string>() is { } spec && spec.StartsWith(".net-", StringComparison.Ordinal) ? spec[5..] : null)
        ?? "csharp";

    /// <summary>Kernel aliases declared in polyglot_notebook.kernelInfo.items (alias → kernel name).</summary>
    public IReadOnlyDictionary<string, string> KernelAliases
    {
        get
        {
            var aliases = new Dictionary<string, string>(StringComparer.Ordinal);
            if (Root["metadata"]?["polyglot_notebook"]?["kernelInfo"]?["items"] is JsonArray items)
            {
                foreach (var item in items.OfType<JsonObject>())
                {
                    if (item["name"]?.GetValue<string>() is not { } name)
                    {
                        continue;
                    }

                    foreach (var alias in (item["aliases"] as JsonArray ?? []).Select(a => a?.GetValue<string>()).OfType<string>())
                    {
                        aliases.TryAdd(alias, name);
                    }
                }
            }

            return aliases;
        }
    }

    /// <summary>
    /// Adds a kernel to polyglot_notebook.kernelInfo.items when it is missing, as VS Code does after a run; without the
    /// entry VS Code does not know the language of the cells on a connected SQL kernel when it opens the file.
    /// </summary>
    public void DeclareKernel(string name, string languageName, params string[] aliases)
    {
        var metadata = Root["metadata"] as JsonObject ?? (JsonObject)(Root["metadata"] = new JsonObject());
        var polyglot = metadata["polyglot_notebook"] as JsonObject ?? (JsonObject)(metadata["polyglot_notebook"] = new JsonObject());
        var kernelInfo = polyglot["kernelInfo"] as JsonObject ?? (JsonObject)(polyglot["kernelInfo"] = new JsonObject { ["defaultKernelName"] = "csharp" });
        var items = kernelInfo["items"] as JsonArray ?? (JsonArray)(kernelInfo["items"] = new JsonArray());
        if (items.OfType<JsonObject>().Any(i => i["name"]?.GetValue<string>() == name))
        {
            return;
        }

        items.Add(new JsonObject
        {
            ["aliases"] = new JsonArray(aliases.Select(a => (JsonNode?)JsonValue.Create(a)).ToArray()),
            ["languageName"] = languageName,
            ["name"] = name,
        });
    }

    /// <summary>The notebook as VS Code writes it (see <see cref="NotebookJson"/>); every cell source as a line array.</summary>
    public string ToJson()
    {
        foreach (var cell in Cells)
        {
            cell.NormalizeSource();
        }

        return NotebookJson.Write(Root);
    }

    /// <summary>The first markdown heading, for page titles; the file name when there is none.</summary>
    public string Title
    {
        get
        {
            foreach (var cell in Cells.Where(c => c.IsMarkdown))
            {
                foreach (var line in cell.Source.Split('\n'))
                {
                    var trimmed = line.Trim();
                    if (trimmed.StartsWith('#'))
                    {
                        return trimmed.TrimStart('#').Trim();
                    }
                }
            }

            return System.IO.Path.GetFileNameWithoutExtension(Path);
        }
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd('.', ' ');
    }
}

/// <summary>One cell of a notebook, a view over its JSON object.</summary>
public sealed class NotebookCell(JsonObject json, int index)
{
    public JsonObject Json { get; } = json;

    /// <summary>0-based position in the notebook.</summary>
    public int Index { get; } = index;

    public string CellType => Json["cell_type"]!.GetValue<string>();

    public bool IsCode => CellType == "code";

    public bool IsMarkdown => CellType == "markdown";

    public string? Id => Json["id"]?.GetValue<string>();

    public string Source => NotebookJson.Text(Json["source"]);

    /// <summary>How errors name the cell: "cell 3 (id 8d3e4b21)".</summary>
    public string Label => Id is { } id ? $"cell {Index + 1} (id {id})" : $"cell {Index + 1}";

    /// <summary>The kernel named in the cell's metadata: polyglot_notebook.kernelName wins over the legacy dotnet_interactive.language.</summary>
    public string? KernelName =>
        Json["metadata"]?["polyglot_notebook"]?["kernelName"]?.GetValue<string>()
        ?? Json["metadata"]?["dotnet_interactive"]?["language"]?.GetValue<string>();

    public int? ExecutionCount => Json["execution_count"]?.GetValue<int>();

    public JsonArray Outputs => Json["outputs"] as JsonArray ?? [];

    public void SetResult(int? executionCount, JsonArray outputs)
    {
        Json["execution_count"] = executionCount is { } count ? JsonValue.Create(count) : null;
        Json["outputs"] = outputs;
    }

    internal void NormalizeSource() => Json["source"] = NotebookJson.Lines(Source);
}
