using Workbook.Core;
using Workbook.Egress;
using Workbook.Notebooks.Model;

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

    private static Notebook Load(string name) => Notebook.Load(Path.Combine(Folder, name));

    [Fact]
    public void The_workbook_has_exactly_the_three_notebooks() =>
        Assert.Equal(NotebookNames, Directory.GetFiles(Folder, "*.ipynb").Select(Path.GetFileName).Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_notebook_is_a_polyglot_notebook_with_ids_and_kernel_metadata_on_every_code_cell(string name)
    {
        var notebook = Load(name);
        Assert.Equal(".net-csharp", notebook.Root["metadata"]!["kernelspec"]!["name"]!.GetValue<string>());
        Assert.Equal("csharp", notebook.DefaultKernelName);
        Assert.Equal(4, notebook.Root["nbformat"]!.GetValue<int>());
        Assert.Equal(5, notebook.Root["nbformat_minor"]!.GetValue<int>());
        Assert.All(notebook.Cells, cell => Assert.Matches("^[a-zA-Z0-9-_]{1,64}$", cell.Id));
        Assert.Equal(notebook.Cells.Count, notebook.Cells.Select(c => c.Id).Distinct().Count());
        Assert.All(notebook.Cells.Where(c => c.IsCode), cell => Assert.NotNull(cell.Json["metadata"]!["polyglot_notebook"]?["kernelName"]));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_notebook_was_run_whole_without_an_error_output(string name)
    {
        var code = Load(name).Cells.Where(c => c.IsCode).ToList();
        Assert.Equal(Enumerable.Range(1, code.Count), code.Select(c => c.ExecutionCount ?? 0));
        Assert.DoesNotContain(code.SelectMany(c => c.Outputs), output => output!["output_type"]!.GetValue<string>() == "error");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Parameters_sit_in_one_cell_near_the_top_and_the_first_code_cell_references_the_library(string name)
    {
        var code = Load(name).Cells.Where(c => c.IsCode).ToList();
        Assert.Contains("Workbook.Library.dll", code[0].Source);
        Assert.Equal("parameters", code[1].Id);
    }

    [Fact]
    public void Every_sql_cell_of_the_egress_notebook_is_the_text_of_a_library_sql_file()
    {
        var sqlCells = Load("02-egress-sql.ipynb").Cells.Where(c => c.KernelName == "sql-egress").ToList();
        var files = EgressSql.FileNames.ToDictionary(f => f, EgressSql.Text);

        Assert.Equal(
            [EgressSql.ImagesBySize, EgressSql.A1MarchInvoice, EgressSql.BillingsByPlan, EgressSql.BillingsByPlanIssued, EgressSql.Reconciliation],
            sqlCells.Select(cell => files.Single(f => f.Value.TrimEnd('\n') == cell.Source.TrimEnd('\n')).Key));
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
