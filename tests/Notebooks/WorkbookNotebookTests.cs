using Workbook.Core;
using Workbook.Egress;
using System.Text.Json.Nodes;
using static Workbook.Tests.Notebooks.NotebookFixtures;

namespace Workbook.Tests.Notebooks;

/// <summary>
/// The three committed notebooks: their format, their SQL (the library's .sql files, no copy that can drift) and
/// their stored outputs. CI also re-runs them and fails when the committed outputs differ (git diff).
/// </summary>
public class WorkbookNotebookTests
{
    private static readonly string Folder = Path.Combine(RepoPaths.TryFindRoot()!, "notebooks");

    private static readonly string[] NotebookNames = ["01-customer-summary.ipynb", "02-egress-sql.ipynb", "03-arr-rollup.ipynb"];

    public static TheoryData<string> Names => new(NotebookNames);

    private static JsonObject Load(string name) => Json(Path.Combine(Folder, name));

    private static List<JsonObject> Cells(JsonObject notebook) => notebook["cells"]!.AsArray().OfType<JsonObject>().ToList();

    private static string Source(JsonObject cell) => string.Concat(cell["source"]!.AsArray().Select(l => l!.GetValue<string>()));

    private static string? KernelName(JsonObject cell) => cell["metadata"]?["polyglot_notebook"]?["kernelName"]?.GetValue<string>();

    [Fact]
    public void The_workbook_has_exactly_the_three_notebooks() =>
        Assert.Equal(NotebookNames, Directory.GetFiles(Folder, "*.ipynb").Select(Path.GetFileName).Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_notebook_is_a_polyglot_notebook_with_ids_and_kernel_metadata_on_every_code_cell(string name)
    {
        var notebook = Load(name);
        Assert.Equal(".net-csharp", notebook["metadata"]!["kernelspec"]!["name"]!.GetValue<string>());
        Assert.Equal("csharp", notebook["metadata"]!["polyglot_notebook"]!["kernelInfo"]!["defaultKernelName"]!.GetValue<string>());
        Assert.Equal(4, notebook["nbformat"]!.GetValue<int>());
        Assert.Equal(5, notebook["nbformat_minor"]!.GetValue<int>());
        var ids = Cells(notebook).Select(c => c["id"]!.GetValue<string>()).ToList();
        Assert.All(ids, id => Assert.Matches("^[a-zA-Z0-9-_]{1,64}$", id));
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(CodeCells(notebook), cell => Assert.NotNull(KernelName(cell)));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_notebook_was_run_whole_without_an_error_output(string name)
    {
        var code = CodeCells(Load(name));
        Assert.Equal(Enumerable.Range(1, code.Count), code.Select(c => c["execution_count"]!.GetValue<int>()));
        Assert.DoesNotContain(code.SelectMany(Outputs), output => output["output_type"]!.GetValue<string>() == "error");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Parameters_sit_in_one_cell_near_the_top_and_the_first_code_cell_references_the_library_as_a_package(string name)
    {
        var code = CodeCells(Load(name));
        Assert.StartsWith("#r \"nuget: RevOpsWorkbook.Local, 1.0.0-local\"\n", Source(code[0]));
        Assert.DoesNotContain(".dll", Source(code[0]));
        Assert.Equal("parameters", code[1]["id"]!.GetValue<string>());
    }

    [Fact]
    public void Every_sql_cell_of_the_egress_notebook_is_the_text_of_a_library_sql_file()
    {
        var sqlCells = Cells(Load("02-egress-sql.ipynb")).Where(c => KernelName(c) == "sql-egress").ToList();
        var files = EgressSql.FileNames.ToDictionary(f => f, EgressSql.Text);

        // Each cell is a kernel selector line, which Jupyter needs (its clients send no cell metadata to the kernel), then
        // exactly the text of its .sql file.
        Assert.All(sqlCells, cell => Assert.StartsWith("#!sql-egress\n", Source(cell)));
        Assert.Equal(
            [EgressSql.ImagesBySize, EgressSql.A1MarchInvoice, EgressSql.BillingsByPlan, EgressSql.BillingsByPlanIssued],
            sqlCells.Select(cell => files.Single(f => f.Value.TrimEnd('\n') == Source(cell)["#!sql-egress\n".Length..].TrimEnd('\n')).Key));
    }

    [Fact]
    public void The_golden_answers_are_in_the_stored_outputs()
    {
        var egress = File.ReadAllText(Path.Combine(Folder, "02-egress-sql.ipynb"));
        foreach (var expected in new[] { "1411", "1308", "1328", "$8,101.27", "$2,954.12", "51 of 51 billed quantities match" })
        {
            Assert.Contains(expected, egress);
        }

        Assert.Contains("$45,000.00", File.ReadAllText(Path.Combine(Folder, "03-arr-rollup.ipynb")));
        Assert.Contains("All 52 customers agree with the export", File.ReadAllText(Path.Combine(Folder, "01-customer-summary.ipynb")));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Stored_outputs_hold_no_machine_paths(string name)
    {
        var text = File.ReadAllText(Path.Combine(Folder, name));
        Assert.DoesNotContain(RepoPaths.TryFindRoot()!, text);
        Assert.DoesNotContain("/tmp/", text);
        Assert.DoesNotContain("127.0.0.1", text);
    }
}
