using static Workbook.Tests.Notebooks.NotebookFixtures;

namespace Workbook.Tests.Notebooks;

/// <summary>`workbook notebooks run` on the real .NET Interactive engine, in a kernel process per notebook.</summary>
[Collection(NotebookRunCollection.Name)]
public class NotebookRunnerTests
{
    /// <summary>The workbook's package, its #!connect sqlite extension, a SQL cell, C# values, console output.</summary>
    private static string WritePackageNotebook(string folder)
    {
        Directory.CreateDirectory(folder);
        AddPackageSource(folder);
        return Write(folder, "package.ipynb",
            "#r \"nuget: RevOpsWorkbook.Local, 1.0.0-local\"\nusing Workbook.Reporting;",
            "#!connect sqlite --kernel-name shop \"Data Source=shop.db\"",
            "using (var c = new Microsoft.Data.Sqlite.SqliteConnection(\"Data Source=shop.db\")) { c.Open(); var k = c.CreateCommand(); k.CommandText = \"DROP TABLE IF EXISTS t; CREATE TABLE t (id INTEGER, name TEXT); INSERT INTO t VALUES (1, 'Widget'), (2, 'Gizmo, \\\"deluxe\\\"');\"; k.ExecuteNonQuery(); }\nConsole.WriteLine(\"seeded\");",
            "sql-shop:SELECT id, name, sqlite_version() >= '3.49' AS current_sqlite FROM t ORDER BY id;",
            "new[] { new { Customer = \"Acme\", Usd = 12345.678m } }.ToTable(moneyColumns: \"Usd\")");
    }

    [Fact]
    public async Task The_workbook_package_loads_its_extension_and_a_sql_cell_returns_an_html_table_and_csv()
    {
        using var temp = new TempDir();
        var input = WritePackageNotebook(temp.File("in"));

        var result = await RunAsync(temp.File("out"), [input]);

        Assert.True(result.ExitCode == 0, result.Out + result.Err);
        var cells = CodeCells(Json(temp.File("out/package.ipynb")));
        Assert.Equal([1, 2, 3, 4, 5], cells.Select(c => c["execution_count"]!.GetValue<int>()));
        Assert.Contains("<strong>Installed Packages</strong><ul><li><span>RevOpsWorkbook.Local, 1.0.0-local</span>", Data(Assert.Single(Outputs(cells[0])), "text/html"));
        Assert.Equal("Kernel added: #!sql-shop", Data(Assert.Single(Outputs(cells[1])), "text/plain"));
        Assert.Equal("seeded\n", string.Concat(Assert.Single(Outputs(cells[2]))["text"]!.AsArray().Select(l => l!.GetValue<string>())));
        var rows = Assert.Single(Outputs(cells[3]));
        Assert.Equal("id,name,current_sqlite\r\n1,Widget,1\r\n2,\"Gizmo, \"\"deluxe\"\"\",1\r\n", Data(rows, "text/csv")); // the library table's CSV twin: RFC 4180 line ends
        Assert.Contains("<th align=\"left\" style=\"text-align: left\">Name</th>", Data(rows, "text/html"));
        Assert.Contains(">Gizmo, &quot;deluxe&quot;</td>", Data(rows, "text/html"));
        Assert.Contains("<td align=\"right\">$12,345.68</td>", Data(Assert.Single(Outputs(cells[4])), "text/html"));
    }

    [Fact]
    public async Task Running_twice_in_different_folders_gives_byte_identical_notebooks()
    {
        using var temp = new TempDir();
        var first = WritePackageNotebook(temp.File("one"));
        var second = WritePackageNotebook(temp.File("two/deeper"));

        Assert.Equal(0, (await RunAsync(temp.File("out1"), [first])).ExitCode);
        Assert.Equal(0, (await RunAsync(temp.File("out2"), [second])).ExitCode);

        Assert.Equal(File.ReadAllBytes(temp.File("out1/package.ipynb")), File.ReadAllBytes(temp.File("out2/package.ipynb")));
    }

    [Fact]
    public async Task Errors_become_error_outputs_the_run_goes_on_and_the_exit_code_is_1()
    {
        using var temp = new TempDir();
        var input = Write(temp.Path, "errors.ipynb",
            "1 + 1",
            "var x = undefinedName;",
            "throw new InvalidOperationException(\"boom: the cell failed\");",
            "Console.WriteLine(\"still running after two errors\");",
            "sql-nowhere:SELECT 1;");

        var result = await RunAsync(temp.File("out"), [input]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("errors.ipynb: 5 code cells run, 3 with errors", result.Out);
        Assert.Contains("cell 2 (id c0000001): (1,9): error CS0103: The name 'undefinedName' does not exist in the current context", result.Err);
        var cells = CodeCells(Json(temp.File("out/errors.ipynb")));
        Assert.Contains("<pre>2</pre>", Data(Assert.Single(Outputs(cells[0])), "text/html"));
        var compile = Assert.Single(Outputs(cells[1]));
        Assert.Equal("error", compile["output_type"]!.GetValue<string>());
        Assert.Contains("error CS0103", compile["evalue"]!.GetValue<string>());
        Assert.Contains("boom: the cell failed", Assert.Single(Outputs(cells[2]))["evalue"]!.GetValue<string>());
        Assert.Equal("stream", Assert.Single(Outputs(cells[3]))["output_type"]!.GetValue<string>());
        Assert.Equal("error", Assert.Single(Outputs(cells[4]))["output_type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Stop_on_error_leaves_the_later_cells_without_outputs()
    {
        using var temp = new TempDir();
        var input = Write(temp.Path, "stop.ipynb", "var x = undefinedName;", "1 + 1", "2 + 2");

        var result = await RunAsync(temp.File("out"), [input], "--stop-on-error");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("1 code cells run, 1 with errors, 2 not run", result.Out);
        var cells = CodeCells(Json(temp.File("out/stop.ipynb")));
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
        var input = Write(temp.Path, "slow.ipynb", "await Task.Delay(30_000);", "Console.WriteLine(\"after\");");

        var result = await RunAsync(temp.File("out"), [input], "--cell-timeout", "2");

        Assert.Equal(1, result.ExitCode);
        var cells = CodeCells(Json(temp.File("out/slow.ipynb")));
        Assert.StartsWith("The cell did not finish within 2 s", Assert.Single(Outputs(cells[0]))["evalue"]!.GetValue<string>());
        Assert.Null(cells[1]["execution_count"]);
        Assert.Empty(Outputs(cells[1]));
    }

    [Fact]
    public async Task The_kernel_loads_the_library_from_the_notebooks_package_not_the_runners_copy()
    {
        using var temp = new TempDir();
        Directory.CreateDirectory(temp.File("in"));
        AddPackageSource(temp.File("in"));
        var input = Write(temp.File("in"), "which.ipynb",
            "#r \"nuget: RevOpsWorkbook.Local, 1.0.0-local\"",
            "typeof(Workbook.Arr.ArrRollup).Assembly.Location",
            "AppDomain.CurrentDomain.GetAssemblies().Count(a => a.GetName().Name == typeof(Workbook.Arr.ArrRollup).Assembly.GetName().Name)");

        var result = await RunAsync(temp.File("out"), [input]);

        Assert.True(result.ExitCode == 0, result.Out + result.Err);
        var cells = CodeCells(Json(temp.File("out/which.ipynb")));
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } folder
            ? folder
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var location = Data(Assert.Single(Outputs(cells[1])), "text/plain");
        Assert.Equal(Path.Combine(Path.GetFullPath(packages), "revopsworkbook.local", "1.0.0-local", "lib", "net10.0", "Workbook.Library.dll"), location);
        Assert.NotEqual(typeof(Workbook.Arr.ArrRollup).Assembly.Location, location);
        Assert.Contains("<pre>1</pre>", Data(Assert.Single(Outputs(cells[2])), "text/html"));
    }
}
