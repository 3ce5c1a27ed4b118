using Workbook.Core;
using Workbook.Egress;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
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

    private static string Html(JsonObject cell) =>
        string.Concat(Outputs(cell).Where(o => o["data"]?["text/html"] is not null).Select(o => Data(o, "text/html")));

    private static IEnumerable<string> Lines(JsonObject cell) => Source(cell).Split('\n');

    [Theory]
    [MemberData(nameof(Names))]
    public void The_answers_come_first_from_the_third_code_cell_as_one_workbook_answers_element(string name)
    {
        var cells = Cells(Load(name));
        var answers = CodeCells(Load(name))[2];
        Assert.Equal("answers", answers["id"]!.GetValue<string>());
        Assert.Single(Regex.Matches(Html(answers), "class=\"workbook-answers\""));
        Assert.Single(Regex.Matches(string.Concat(CodeCells(Load(name)).Select(Html)), "class=\"workbook-answers\""));

        // Nothing but the question, the package reference and the parameters comes before it.
        Assert.Equal(["markdown", "code", "code", "code"],
            cells.TakeWhile(c => c["id"]!.GetValue<string>() != "answers").Append(answers).Select(c => c["cell_type"]!.GetValue<string>()));
    }

    [Fact]
    public void Question_b_shows_every_charge_both_subtotals_and_the_invoice_total_in_dollars_with_the_exact_amounts_beside()
    {
        var cell = Cell(Load("02-egress-sql.ipynb"), "b-sql");
        var html = Html(cell);
        var csv = Data(Outputs(cell).Single(), "text/csv");

        Assert.Equal(20, Regex.Matches(html, ">(CPU hours|Storage GB-Hours) \\(").Count);
        Assert.Equal(2, Regex.Matches(html, "<strong>Subtotal</strong>").Count);
        Assert.Contains("<strong>Invoice total</strong></td><td align=\"right\"></td><td align=\"right\"></td><td align=\"right\"><strong>$8,101.27</strong></td></tr>\n</tbody>", html);
        Assert.Contains("<th align=\"right\">Total (USD)</th>", html);
        Assert.Contains("1,231,768", html);
        Assert.EndsWith(",Invoice total,,,8101.27205\r\n", csv);
    }

    [Fact]
    public void Question_c_shows_a_total_row_tied_out_to_the_invoices()
    {
        var html = Html(Cell(Load("02-egress-sql.ipynb"), "c-total"));

        Assert.Contains("<strong>Total</strong></td><td align=\"right\"><strong>2</strong></td><td align=\"right\"></td><td align=\"right\"><strong>$11,055.39</strong>", html);
        Assert.Contains("✔ The plans add up to $11,055.39, the total of the 2 FINALIZED USD invoices starting in March 2024, exactly", html);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void No_table_shows_null_or_unformatted_money_and_only_a_sample_is_cut_short(string name)
    {
        foreach (var cell in CodeCells(Load(name)))
        {
            var html = Html(cell);
            Assert.DoesNotContain("null", Regex.Replace(html, "<[^>]+>", ""), StringComparison.OrdinalIgnoreCase);
            foreach (Match table in Regex.Matches(html, "<table>.*?</table>", RegexOptions.Singleline))
            {
                var headers = Regex.Matches(table.Value, "<th[^>]*>(.*?)</th>").Select(m => m.Groups[1].Value).ToList();
                var money = headers.Select((h, i) => (h, i)).Where(c => c.h.EndsWith("(USD)", StringComparison.Ordinal) || c.h.EndsWith("ARR", StringComparison.Ordinal)).Select(c => c.i).ToList();
                foreach (Match row in Regex.Matches(table.Value, "<tr><td.*?</tr>"))
                {
                    var cells = Regex.Matches(row.Value, "<td[^>]*>(.*?)</td>").Select(m => Regex.Replace(m.Groups[1].Value, "<[^>]+>", "")).ToList();
                    Assert.All(money, i => Assert.Matches(@"^(-?\$\d{1,3}(,\d{3})*\.\d{2,6})?$", cells[i]));
                }
            }

            if (html.Contains(" rows.</em>", StringComparison.Ordinal))
            {
                Assert.Equal("scale", cell["id"]!.GetValue<string>()); // the accounts.csv sample, which says where the whole file is
            }
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Prose_never_holds_a_dollar_sign_and_code_lines_fit_100_characters(string name)
    {
        var cells = Cells(Load(name));
        Assert.All(cells.Where(c => c["cell_type"]!.GetValue<string>() == "markdown"),
            cell => Assert.DoesNotMatch(@"(?<!\\)\$", Regex.Replace(Source(cell), "`[^`]*`", "")));
        Assert.All(CodeCells(Load(name)).SelectMany(Lines), line => Assert.True(line.Length <= 100, $"{line.Length} characters: {line}"));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_html_output_with_a_dollar_amount_sits_where_mathjax_does_not_look(string name)
    {
        var outputs = CodeCells(Load(name)).SelectMany(Outputs).Where(o => o["data"]?["text/html"] is not null).Select(o => Data(o, "text/html"));
        Assert.All(outputs.Where(html => html.Contains('$') && !html.StartsWith("<img ", StringComparison.Ordinal)),
            html => Assert.StartsWith("<div class=\"tex2jax_ignore mathjax_ignore\">", html));
    }

    [Fact]
    public void Seeded_and_generated_data_are_labelled_where_their_numbers_are()
    {
        string Text(string notebook, string id) => Html(Cell(Load(notebook), id)) + string.Concat(Outputs(Cell(Load(notebook), id))
            .Where(o => o["data"]?["text/plain"] is not null).Select(o => Data(o, "text/plain")));

        Assert.Contains("credits seeded", Text("01-customer-summary.ipynb", "summary"));
        Assert.Contains("credit balances are seeded", Text("01-customer-summary.ipynb", "chart"));
        Assert.Contains("seeded", Text("01-customer-summary.ipynb", "answers"));
        foreach (var id in new[] { "scale", "totals", "top", "timeline" })
        {
            Assert.Contains("enerated", Text("03-arr-rollup.ipynb", id));
        }

        Assert.Contains("few renewed", Text("03-arr-rollup.ipynb", "timeline"));
        Assert.Contains("few renewed", Text("03-arr-rollup.ipynb", "answers"));
    }
}
