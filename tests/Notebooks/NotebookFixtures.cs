using System.Text.Json.Nodes;
using Workbook.Core;
using Workbook.Notebooks.Model;
using Workbook.Tests.Cli;

namespace Workbook.Tests.Notebooks;

/// <summary>
/// Running notebooks changes the process's current directory and console: those tests run alone, never in
/// parallel with the rest of the suite.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NotebookRunCollection
{
    public const string Name = "notebook runs";
}

/// <summary>The fixture notebooks of tests/Notebooks/fixtures, copied into a fresh folder before a test runs them.</summary>
public static class NotebookFixtures
{
    public static string Folder =>
        Path.Combine(RepoPaths.TryFindRoot() ?? throw new InvalidOperationException("tests must run inside the checkout"), "tests", "Notebooks", "fixtures");

    /// <summary>Copies every fixture file into <paramref name="into"/> and returns the folder.</summary>
    public static string CopyTo(string into)
    {
        Directory.CreateDirectory(into);
        foreach (var file in Directory.GetFiles(Folder))
        {
            File.Copy(file, Path.Combine(into, Path.GetFileName(file)), overwrite: true);
        }

        AddPackageSource(into);
        return into;
    }

    /// <summary>Runs notebooks through the CLI in-process: `workbook notebooks run PATHS --out OUT [extra]`.</summary>
    public static Task<CliRunner.Result> RunAsync(string outFolder, IEnumerable<string> notebooks, params string[] extra) =>
        CliRunner.RunAsync(["notebooks", "run", .. notebooks, "--out", outFolder, .. extra]);

    public static JsonObject Json(string path) => JsonNode.Parse(File.ReadAllText(path))!.AsObject();

    public static List<JsonObject> CodeCells(JsonObject notebook) =>
        notebook["cells"]!.AsArray().OfType<JsonObject>().Where(c => c["cell_type"]!.GetValue<string>() == "code").ToList();

    public static JsonObject Cell(JsonObject notebook, string id) =>
        notebook["cells"]!.AsArray().OfType<JsonObject>().Single(c => c["id"]!.GetValue<string>() == id);

    public static List<JsonObject> Outputs(JsonObject cell) => cell["outputs"]!.AsArray().OfType<JsonObject>().ToList();

    /// <summary>The text of one MIME entry of a display_data output.</summary>
    public static string Data(JsonObject output, string mimeType) => NotebookJson.Text(output["data"]![mimeType]);

    /// <summary>A NuGet.config that makes the workbook's package (the build's artifacts/notebook-feed) restorable from <paramref name="folder"/>.</summary>
    public static void AddPackageSource(string folder) =>
        File.WriteAllText(Path.Combine(folder, "NuGet.config"), $"""
            <configuration><packageSources><add key="revops-workbook" value="{Path.Combine(RepoPaths.TryFindRoot()!, "artifacts", "notebook-feed")}" /></packageSources></configuration>
            """);

    /// <summary>A notebook in Polyglot's shape with C# cells (or kernel-prefixed "sql-x:" sources), for tests that need their own.</summary>
    public static string Write(string folder, string name, params string[] sources)
    {
        var cells = new JsonArray();
        for (var i = 0; i < sources.Length; i++)
        {
            var kernel = "csharp";
            var source = sources[i];
            if (source.StartsWith("sql-", StringComparison.Ordinal) && source.IndexOf(':', StringComparison.Ordinal) is var colon and > 0)
            {
                kernel = source[..colon];
                source = source[(colon + 1)..];
            }

            cells.Add(new JsonObject
            {
                ["cell_type"] = "code",
                ["execution_count"] = null,
                ["id"] = $"c{i:0000000}",
                ["metadata"] = new JsonObject
                {
                    ["dotnet_interactive"] = new JsonObject { ["language"] = kernel },
                    ["polyglot_notebook"] = new JsonObject { ["kernelName"] = kernel },
                },
                ["outputs"] = new JsonArray(),
                ["source"] = NotebookJson.Lines(source),
            });
        }

        var notebook = new JsonObject
        {
            ["cells"] = cells,
            ["metadata"] = new JsonObject
            {
                ["kernelspec"] = new JsonObject { ["display_name"] = ".NET (C#)", ["language"] = "C#", ["name"] = ".net-csharp" },
                ["polyglot_notebook"] = new JsonObject { ["kernelInfo"] = new JsonObject { ["defaultKernelName"] = "csharp", ["items"] = new JsonArray() } },
            },
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
        };
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, NotebookJson.Write(notebook));
        return path;
    }
}
