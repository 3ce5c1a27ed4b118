using System.Text.Json.Nodes;
using Workbook.Notebooks.Model;
using static Workbook.Tests.Notebooks.NotebookFixtures;

namespace Workbook.Tests.Notebooks;

[Collection(NotebookRunCollection.Name)]
public class NotebookRunnerTests
{
    [Fact]
    public async Task The_features_fixture_runs_clean_and_every_feature_leaves_its_output()
    {
        using var temp = new TempDir();
        var input = Path.Combine(CopyTo(temp.File("in")), "features.ipynb");

        var result = await RunAsync(temp.File("out"), [input]);

        Assert.True(result.ExitCode == 0, result.Err);
        Assert.Contains("features.ipynb: 12 code cells run, 0 with errors", result.Out);
        var notebook = Json(temp.File("out/features.ipynb"));
        Assert.Equal(Enumerable.Range(1, 12), CodeCells(notebook).Select(c => c["execution_count"]!.GetValue<int>()));
        Assert.All(CodeCells(notebook).SelectMany(Outputs), o => Assert.NotEqual("error", o["output_type"]!.GetValue<string>()));

        // #r of the library and using directives: nothing to show.
        Assert.Empty(Outputs(Cell(notebook, "a0000002")));

        // display(records.ToTable()): one display_data with an HTML table and plain text beside it.
        var table = Assert.Single(Outputs(Cell(notebook, "a0000004")));
        Assert.Equal("display_data", table["output_type"]!.GetValue<string>());
        Assert.Contains("<tr><td>Acme</td><td>Images (large)</td><td align=\"right\">$12,345.68</td><td align=\"right\">120</td></tr>", Data(table, "text/html"));
        Assert.Contains("Acme      Images (large)  $12,345.68    120", Data(table, "text/plain"));

        // A trailing expression is shown; a statement is not.
        Assert.Equal("13371.425", Data(Assert.Single(Outputs(Cell(notebook, "a0000005"))), "text/plain"));

        // Console output as stream outputs, in order, consecutive writes merged.
        var streams = Outputs(Cell(notebook, "a0000006"));
        Assert.Equal(["stdout", "stderr", "stdout"], streams.Select(s => s["name"]!.GetValue<string>()));
        Assert.Equal(["hello from the notebook\n", "a warning on stderr\n", "as of 2024-03-31\n"], streams.Select(s => NotebookJson.Text(s["text"])));

        // A chart as SVG with its data as text.
        var chart = Assert.Single(Outputs(Cell(notebook, "a0000007")));
        Assert.StartsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"", Data(chart, "image/svg+xml"));
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Count(Data(chart, "image/svg+xml"), "class=\"bar\""));
        Assert.StartsWith("Sales by customer\n", Data(chart, "text/plain"));

        // #load resolves next to the notebook.
        Assert.Equal("Hello, EMEA & <APAC>!", Data(Assert.Single(Outputs(Cell(notebook, "a0000008"))), "text/plain"));

        // The SQLite extension's #r is accepted; #!connect adds kernel sql-shop; the C# in the same cell still runs.
        Assert.Contains("Microsoft.DotNet.Interactive.SQLite, 1.0.0-beta.26120.1", Data(Assert.Single(Outputs(Cell(notebook, "a0000010"))), "text/html"));
        var connect = Outputs(Cell(notebook, "a0000011"));
        Assert.Equal("Kernel added: #!sql-shop", Data(connect[0], "text/plain"));
        Assert.Equal("seeded shop.db\n", NotebookJson.Text(connect[1]["text"]));

        // A SQL cell by metadata: one result set, HTML + CSV.
        var rows = Assert.Single(Outputs(Cell(notebook, "a0000012")));
        Assert.Equal("id,name,price_usd,sku\n1,Widget,1234.5,W-1\n2,Gadget,12,\n3,\"Gizmo, \"\"deluxe\"\"\",4.25,G-3\n", Data(rows, "text/csv"));
        Assert.Contains("<tr><td align=\"right\">3</td><td>Gizmo, &quot;deluxe&quot;</td><td align=\"right\">$4.25</td><td>G-3</td></tr>", Data(rows, "text/html"));

        // A SQL cell by a #!sql-shop first line, with two statements: two result sets.
        var sets = Outputs(Cell(notebook, "a0000013"));
        Assert.Equal(["products,total_usd\n3,1250.75\n", "name\nGadget\n"], sets.Select(s => Data(s, "text/csv")));

        // DisplayAs, x.Display() and HTML(...).
        var displays = Outputs(Cell(notebook, "a0000014"));
        Assert.Equal("<b>bold</b> via DisplayAs", Data(displays[0], "text/html"));
        Assert.Contains("<tr><td>ArrUsd</td><td align=\"right\">$1,200,000.00</td></tr>", Data(displays[1], "text/html"));
        Assert.Equal("<i>italic via HTML()</i>", Data(displays[2], "text/html"));

        // VS Code learns the connected kernel from the notebook's metadata.
        var items = notebook["metadata"]!["polyglot_notebook"]!["kernelInfo"]!["items"]!.AsArray();
        Assert.Contains(items, i => i!["name"]!.GetValue<string>() == "sql-shop" && i["languageName"]!.GetValue<string>() == "SQLite");
    }

    [Fact]
    public async Task Running_twice_in_different_folders_gives_byte_identical_notebooks()
    {
        using var temp = new TempDir();
        var first = Path.Combine(CopyTo(temp.File("one")), "features.ipynb");
        var second = Path.Combine(CopyTo(temp.File("two/deeper")), "features.ipynb");

        Assert.Equal(0, (await RunAsync(temp.File("out1"), [first])).ExitCode);
        Assert.Equal(0, (await RunAsync(temp.File("out2"), [second])).ExitCode);

        var bytes = File.ReadAllBytes(temp.File("out1/features.ipynb"));
        Assert.Equal(bytes, File.ReadAllBytes(temp.File("out2/features.ipynb")));
        // And a re-save (read, write) changes nothing: the file is already in VS Code's canonical form.
        Assert.Equal(bytes, AtomicFileText(Notebook.Load(temp.File("out1/features.ipynb")).ToJson()));
    }

    [Fact]
    public async Task Errors_are_recorded_as_Polyglot_error_outputs_the_run_goes_on_and_the_exit_code_is_1()
    {
        using var temp = new TempDir();
        var input = Path.Combine(CopyTo(temp.File("in")), "errors.ipynb");

        var result = await RunAsync(temp.File("out"), [input]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("errors.ipynb: 6 code cells run, 5 with errors", result.Out);
        Assert.Contains("cell 2 (id b0000002): (2,14): error CS0103: The name 'undefinedName' does not exist in the current context", result.Err);
        var notebook = Json(temp.File("out/errors.ipynb"));

        var compile = Assert.Single(Outputs(Cell(notebook, "b0000002")));
        Assert.Equal("error", compile["output_type"]!.GetValue<string>());
        Assert.Equal("Error", compile["ename"]!.GetValue<string>());
        Assert.Equal("(2,14): error CS0103: The name 'undefinedName' does not exist in the current context", compile["evalue"]!.GetValue<string>());
        Assert.Equal([compile["evalue"]!.GetValue<string>()], compile["traceback"]!.AsArray().Select(t => t!.GetValue<string>()));

        var thrown = Outputs(Cell(notebook, "b0000003"));
        Assert.Equal("before the throw\n", NotebookJson.Text(thrown[0]["text"]));
        Assert.Equal("System.InvalidOperationException: boom: the cell failed\n   at Submission#0.<<Initialize>>d__0.MoveNext()", thrown[1]["evalue"]!.GetValue<string>());

        Assert.Equal("still running after two errors\n", NotebookJson.Text(Assert.Single(Outputs(Cell(notebook, "b0000004")))["text"]));
        Assert.StartsWith("(1): package 'Not.A.Real.Package' is not among the workbook's restored dependencies", Evalue(Cell(notebook, "b0000005")));
        Assert.Contains("Microsoft.Data.Sqlite.Core 6.0.7", Evalue(Cell(notebook, "b0000005")));
        Assert.StartsWith("no kernel named sql-nowhere", Evalue(Cell(notebook, "b0000006")));
        Assert.Equal("(1): the magic command #!time is not supported by the workbook runner", Evalue(Cell(notebook, "b0000007")));
    }

    [Fact]
    public async Task Stop_on_error_leaves_the_later_cells_without_outputs()
    {
        using var temp = new TempDir();
        var input = Path.Combine(CopyTo(temp.File("in")), "errors.ipynb");

        var result = await RunAsync(temp.File("out"), [input], "--stop-on-error");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("1 code cells run, 1 with errors, 5 not run", result.Out);
        var cells = CodeCells(Json(temp.File("out/errors.ipynb")));
        Assert.Equal(1, cells[0]["execution_count"]!.GetValue<int>());
        Assert.All(cells.Skip(1), c =>
        {
            Assert.Null(c["execution_count"]);
            Assert.Empty(Outputs(c));
        });
    }

    [Fact]
    public async Task A_cell_past_the_timeout_is_an_error_and_stops_the_notebook()
    {
        using var temp = new TempDir();
        var input = Write(temp.Path, "slow.ipynb", "Console.WriteLine(\"started\");\nSystem.Threading.Thread.Sleep(4000);\nConsole.WriteLine(\"finished\");", "Console.WriteLine(\"after\");");

        var result = await RunAsync(temp.File("out"), [input], "--cell-timeout", "0.5");

        Assert.Equal(1, result.ExitCode);
        var cells = CodeCells(Json(temp.File("out/slow.ipynb")));
        var outputs = Outputs(cells[0]);
        Assert.Equal("started\n", NotebookJson.Text(outputs[0]["text"]));
        Assert.StartsWith("the cell did not finish within 0.5 s", outputs[1]["evalue"]!.GetValue<string>());
        Assert.Null(cells[1]["execution_count"]);
        Assert.Empty(Outputs(cells[1]));
    }

    [Fact]
    public async Task In_place_writes_the_outputs_into_the_notebook_and_a_second_run_changes_nothing()
    {
        using var temp = new TempDir();
        var input = Path.Combine(CopyTo(temp.Path), "features.ipynb");
        var original = File.ReadAllBytes(input);

        Assert.Equal(0, (await Workbook.Tests.Cli.CliRunner.RunAsync(["notebooks", "run", input, "--in-place"])).ExitCode);
        var once = File.ReadAllBytes(input);
        Assert.Equal(0, (await Workbook.Tests.Cli.CliRunner.RunAsync(["notebooks", "run", input, "--in-place"])).ExitCode);

        Assert.NotEqual(original, once);
        Assert.Equal(once, File.ReadAllBytes(input));
        Assert.Empty(Directory.GetFiles(temp.Path, "*.tmp"));
    }

    [Fact]
    public async Task Unknown_metadata_raw_cells_ids_and_order_are_kept()
    {
        using var temp = new TempDir();
        var path = Write(temp.Path, "meta.ipynb", "1 + 1");
        var json = Json(path);
        json["metadata"]!["custom"] = new JsonObject { ["zeta"] = 1, ["alpha"] = new JsonArray("x") };
        json["cells"]!.AsArray().Insert(0, new JsonObject { ["cell_type"] = "raw", ["id"] = "raw-1", ["metadata"] = new JsonObject { ["tag"] = "keep" }, ["source"] = "raw text" });
        json["cells"]![1]!["metadata"]!["vscode"] = new JsonObject { ["languageId"] = "polyglot-notebook" };
        File.WriteAllText(path, NotebookJson.Write(json));

        Assert.Equal(0, (await RunAsync(temp.File("out"), [path])).ExitCode);

        var run = Json(temp.File("out/meta.ipynb"));
        Assert.Equal("{\"alpha\":[\"x\"],\"zeta\":1}", run["metadata"]!["custom"]!.ToJsonString());
        Assert.Equal(["raw-1", "c0000000"], run["cells"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()));
        Assert.Equal("keep", run["cells"]![0]!["metadata"]!["tag"]!.GetValue<string>());
        Assert.Equal("polyglot-notebook", run["cells"]![1]!["metadata"]!["vscode"]!["languageId"]!.GetValue<string>());
        Assert.Equal("2", Data(Assert.Single(Outputs(CodeCells(run)[0])), "text/plain"));
    }

    [Fact]
    public async Task Exceptions_from_library_code_carry_no_machine_paths()
    {
        using var temp = new TempDir();
        var path = Write(temp.Path, "paths.ipynb",
            "#r \"../artifacts/bin/Workbook.Library/release/Workbook.Library.dll\"\nusing Workbook.Core;",
            "var reader = CsvReader.Open(System.IO.Path.Combine(Environment.CurrentDirectory, \"missing.csv\"));");

        var result = await RunAsync(temp.File("out"), [path]);

        Assert.Equal(1, result.ExitCode);
        var error = Evalue(CodeCells(Json(temp.File("out/paths.ipynb")))[1]);
        Assert.StartsWith("Workbook.Core.InputDataException: missing.csv: file not found\n   at Workbook.Core.CsvReader.Open(String path)", error);
        Assert.DoesNotContain(temp.Path, error);
        Assert.DoesNotContain(":line ", error);
        Assert.DoesNotContain("Microsoft.CodeAnalysis", error);
    }

    [Fact]
    public async Task Nuget_references_bind_to_the_restored_packages_and_a_wrong_version_names_the_restored_one()
    {
        using var temp = new TempDir();
        var path = Write(temp.Path, "nuget.ipynb",
            "#r \"nuget: Polly.Core, 8.9.1\"\ntypeof(Polly.ResiliencePipeline).Name",
            "#r \"nuget:Polly.Core,7.0.0\"");

        var result = await RunAsync(temp.File("out"), [path]);

        Assert.Equal(1, result.ExitCode);
        var cells = CodeCells(Json(temp.File("out/nuget.ipynb")));
        var outputs = Outputs(cells[0]);
        Assert.Equal("<div><strong>Installed Packages</strong><ul><li><span>Polly.Core, 8.9.1</span></li></ul></div>", Data(outputs[0], "text/html"));
        Assert.Equal("ResiliencePipeline", Data(outputs[1], "text/plain"));
        Assert.Equal("(1): the workbook restores Polly.Core 8.9.1, not 7.0.0: pin 8.9.1 in the notebook", Evalue(cells[1]));
    }

    [Fact]
    public async Task The_library_binds_to_the_runner_copy_and_the_notebook_folder_is_the_current_directory()
    {
        using var temp = new TempDir();
        var path = Write(temp.Path, "binding.ipynb",
            "#r \"C:\\\\somewhere\\\\else\\\\Workbook.Library.dll\"",
            "AppDomain.CurrentDomain.GetAssemblies().Count(a => a.GetName().Name == \"Workbook.Library\")",
            "System.IO.File.WriteAllText(\"written-here.txt\", \"x\");\nvar d = display(\"first\");\nd.Update(\"second\");");
        var before = Directory.GetCurrentDirectory();

        Assert.Equal(0, (await RunAsync(temp.File("out"), [path])).ExitCode);

        var cells = CodeCells(Json(temp.File("out/binding.ipynb")));
        Assert.Equal("1", Data(Assert.Single(Outputs(cells[1])), "text/plain"));
        Assert.True(File.Exists(temp.File("written-here.txt")));
        Assert.Equal("second", Data(Assert.Single(Outputs(cells[2])), "text/plain"));
        Assert.Equal(before, Directory.GetCurrentDirectory());
    }

    [Fact]
    public async Task Only_a_trailing_expression_with_a_value_is_shown()
    {
        using var temp = new TempDir();
        string[] cells =
        [
            "var x = 20;\nx + 1",                  // a value
            "var y = x + 1;",                      // a statement
            "Console.Write(\"void call\")",        // a void call without semicolon
            "await Task.Delay(1)",                 // an await of a plain Task
            "await Task.FromResult(x * 2)",        // an await with a value
            "(string?)null",                       // a null value
            "display(\"shown once\")",             // display as the last expression
            "if (x > 0) { Console.Write(\"block\"); }",
        ];
        var path = Write(temp.Path, "trailing.ipynb", cells);

        var result = await RunAsync(temp.File("out"), [path]);

        Assert.True(result.ExitCode == 0, result.Err);

        var outputs = CodeCells(Json(temp.File("out/trailing.ipynb"))).Select(c => string.Join("|", Outputs(c).Select(o =>
            o["output_type"]!.GetValue<string>() == "stream" ? "stream:" + NotebookJson.Text(o["text"]) : Data(o, "text/plain")))).ToList();
        Assert.Equal(["21", "", "stream:void call", "", "40", "<null>", "shown once", "stream:block"], outputs);
    }

    [Fact]
    public async Task A_sql_cell_before_the_extension_is_loaded_gets_a_clear_error()
    {
        using var temp = new TempDir();
        var path = Write(temp.Path, "connect.ipynb", "#!connect sqlite --kernel-name db \"Data Source=db.sqlite\"");

        await RunAsync(temp.File("out"), [path]);

        Assert.StartsWith("(1): #!connect sqlite needs the SQLite extension first", Evalue(CodeCells(Json(temp.File("out/connect.ipynb")))[0]));
    }

    [Fact]
    public async Task A_sql_error_names_the_problem()
    {
        using var temp = new TempDir();
        var path = Write(temp.Path, "sqlerror.ipynb",
            "#r \"nuget: Microsoft.DotNet.Interactive.SQLite, 1.0.0-beta.26120.1\"",
            "#!connect sqlite --kernel-name db --connection-string \"Data Source=db.sqlite\"",
            "sql-db:SELECT * FROM no_such_table;");

        var result = await RunAsync(temp.File("out"), [path]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("SQLite Error 1: 'no such table: no_such_table'.", Evalue(CodeCells(Json(temp.File("out/sqlerror.ipynb")))[2]));
    }

    private static string Evalue(JsonObject cell) =>
        Outputs(cell).Single(o => o["output_type"]!.GetValue<string>() == "error")["evalue"]!.GetValue<string>();

    private static byte[] AtomicFileText(string text) => Workbook.Core.AtomicFile.Utf8.GetBytes(text);
}
