using System.Text.Json.Nodes;
using Workbook.Core;

namespace Workbook.Tests.Notebooks;

/// <summary>
/// The committed notebooks on the real clients a reviewer uses, not on the workbook's own runner: Jupyter's client
/// (Debian's python3-nbclient) on the dotnet-interactive kernel, and `dotnet-interactive stdio`, the process VS Code's
/// Polyglot Notebooks starts. tests/run.sh installs the Microsoft.dotnet-interactive tool into
/// artifacts/dotnet-interactive/ and Debian's python3-nbclient; without them these tests fail. Both restore the
/// workbook's package from the feed the build wrote, through notebooks/NuGet.config, as a reviewer's host does.
/// </summary>
[Collection(NotebookRunCollection.Name)]
public class RealClientTests
{
    private const string Python = "/usr/bin/python3";

    private static readonly string Root = RepoPaths.TryFindRoot()!;

    private static readonly string Clients = Path.Combine(Root, "tests", "Notebooks", "clients");

    private static string Tool
    {
        get
        {
            var tool = Path.Combine(Root, "artifacts", "dotnet-interactive", "dotnet-interactive");
            Assert.True(File.Exists(tool), $"{tool} is missing: tests/run.sh installs it (dotnet tool install Microsoft.dotnet-interactive --tool-path artifacts/dotnet-interactive)");
            return tool;
        }
    }

    [Fact]
    public async Task Jupyter_runs_every_committed_notebook_on_the_dotnet_interactive_kernel_without_an_error_and_the_sql_cells_return_their_tables()
    {
        var notebooks = Directory.GetFiles(Path.Combine(Root, "notebooks"), "*.ipynb").Order(StringComparer.Ordinal).ToList();

        var (exit, output, error) = await ExternalProgram.RunAsync(Python, [Path.Combine(Clients, "jupyter_run.py"), Tool, .. notebooks], TimeSpan.FromMinutes(15));

        Assert.True(exit == 0, error);
        // The kernel, a child of the client, logs to the same stdout: the results are the lines that are JSON objects.
        var results = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("{\"notebook\"", StringComparison.Ordinal)).Select(l => JsonNode.Parse(l)!).ToDictionary(r => r["notebook"]!.GetValue<string>());
        Assert.Equal(notebooks.Select(Path.GetFileName), results.Keys);
        Assert.All(results.Values, r => Assert.True(r["errors"]!.AsArray().Count == 0, $"{r["notebook"]}: {r["errors"]!.ToJsonString()}"));
        var csv = results["02-egress-sql.ipynb"]["sql_csv"]!.AsArray().Select(c => c!.GetValue<string>()).ToList();
        Assert.Equal(4, csv.Count); // (a), (b), and both readings of (c); the reconciliation is shown from the library
        Assert.Equal("image_size,num_images\n256x256,1411\n512x512,1308\n1024x1024,1328\n", csv[0].ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Vscodes_engine_process_connects_notebook_02s_sqlite_kernel_and_answers_its_first_sql_cell()
    {
        var notebook = Path.Combine(Root, "notebooks", "02-egress-sql.ipynb");
        var firstSql = JsonNode.Parse(File.ReadAllText(notebook))!["cells"]!.AsArray()
            .Where(c => c!["cell_type"]!.GetValue<string>() == "code")
            .TakeWhile(c => c!["id"]!.GetValue<string>() != "a-sql").Count() + 1;

        var (exit, output, error) = await ExternalProgram.RunAsync(Python, [Path.Combine(Clients, "stdio_run.py"), Tool, notebook, firstSql.ToString(System.Globalization.CultureInfo.InvariantCulture)], TimeSpan.FromMinutes(10));

        Assert.True(exit == 0, error);
        var cells = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToDictionary(c => c["cell"]!.GetValue<string>());
        Assert.All(cells.Values, c => Assert.True(c["outcome"]!.GetValue<string>() == "CommandSucceeded", c.ToJsonString()));
        var answer = cells["a-sql"]["values"]!;
        Assert.Equal("image_size,num_images\n256x256,1411\n512x512,1308\n1024x1024,1328\n", answer["text/csv"]!.GetValue<string>().ReplaceLineEndings("\n"));

        // The engine process found the library's Table: readable headers, thousands separators.
        var html = answer["text/html"]!.GetValue<string>();
        Assert.Contains("<table>", html);
        Assert.Contains("<th align=\"right\">Number of images</th>", html);
        Assert.Contains("<td align=\"right\">1,411</td>", html);
    }
}
