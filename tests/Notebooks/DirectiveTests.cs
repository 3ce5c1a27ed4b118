using Workbook.Notebooks.Running;

namespace Workbook.Tests.Notebooks;

public class DirectiveTests
{
    [Fact]
    public void Runner_directives_are_taken_out_and_their_lines_kept_empty()
    {
        var code = "#r \"nuget: Polly.Core, 8.9.1\"\n#r \"../artifacts/bin/Workbook.Library/debug/Workbook.Library.dll\"\n#r \"lib/Other.dll\"\nusing Workbook.Core;";

        var (rest, directives) = CSharpDirectives.Extract(code);

        Assert.Equal("\n\n#r \"lib/Other.dll\"\nusing Workbook.Core;", rest);
        Assert.Equal([new Directive.NuGetReference(0, "Polly.Core", "8.9.1"), new Directive.LibraryReference(1, "Workbook.Library")], directives);
    }

    [Theory]
    [InlineData("#r \"nuget:Polly.Core,8.9.1\"", "Polly.Core", "8.9.1")]
    [InlineData("#r \"nuget: Polly.Core\"", "Polly.Core", null)]
    [InlineData("#r \"nuget: Polly.Core, *-*\"", "Polly.Core", null)]
    public void Nuget_references_read_name_and_optional_version(string line, string name, string? version) =>
        Assert.Equal(new Directive.NuGetReference(0, name, version), Assert.Single(CSharpDirectives.Extract(line).Directives));

    [Theory]
    [InlineData("#r \"C:\\\\work\\\\artifacts\\\\bin\\\\Workbook.Library\\\\release\\\\Workbook.Library.dll\"")]
    [InlineData("#r \"/abs/path/workbook.library.dll\"")]
    [InlineData("#r \"Workbook.Library.dll\"")]
    public void Any_path_ending_in_the_library_binds_to_the_loaded_library(string line) =>
        Assert.Equal("Workbook.Library", Assert.IsType<Directive.LibraryReference>(Assert.Single(CSharpDirectives.Extract(line).Directives)).AssemblyName);

    [Fact]
    public void The_sandbox_assembly_binds_to_the_loaded_copy_too() =>
        Assert.Equal("Workbook.Sandbox", Assert.IsType<Directive.LibraryReference>(
            Assert.Single(CSharpDirectives.Extract("#r \"../artifacts/bin/Workbook.Sandbox/debug/Workbook.Sandbox.dll\"").Directives)).AssemblyName);

    [Theory]
    [InlineData("#!connect sqlite --kernel-name egress \"Data Source=egress.db\"", "egress", "Data Source=egress.db")]
    [InlineData("#!connect sqlite --connection-string \"Data Source=a b.db;Mode=ReadOnly\" --kernel-name x", "x", "Data Source=a b.db;Mode=ReadOnly")]
    [InlineData("#!connect sqlite --kernel-name=y --connection-string=Data", "y", "Data")]
    public void Connect_sqlite_reads_the_kernel_name_and_a_positional_or_named_connection_string(string line, string kernel, string connection) =>
        Assert.Equal(new Directive.ConnectSqlite(0, kernel, connection), Assert.Single(CSharpDirectives.Extract(line).Directives));

    [Theory]
    [InlineData("#!connect mssql --kernel-name x \"Server=.\"", "only '#!connect sqlite' is supported")]
    [InlineData("#!connect sqlite \"Data Source=x.db\"", "needs --kernel-name")]
    [InlineData("#!connect sqlite --kernel-name x", "needs a connection string")]
    [InlineData("#i \"nuget: https://feed\"", "#i (package sources) is not supported")]
    [InlineData("#!share --from sql-x rows", "the magic command #!share is not supported")]
    public void Directives_the_runner_cannot_honour_say_why(string line, string message) =>
        Assert.Contains(message, Assert.IsType<Directive.Unsupported>(Assert.Single(CSharpDirectives.Extract(line).Directives)).Message);

    [Fact]
    public void Kernel_selector_lines_split_a_cell_and_keep_line_positions()
    {
        var aliases = new Dictionary<string, string> { ["db"] = "sql-egress" };

        var segments = CellSegments.Split("var x = 1;\n#!sql-egress\nSELECT 1;\n#!C#\nx\n#!db\nSELECT 2;", "csharp", aliases);

        Assert.Equal(
            [new CellSegment("csharp", "var x = 1;", 0), new CellSegment("sql-egress", "SELECT 1;", 2), new CellSegment("csharp", "x", 4), new CellSegment("sql-egress", "SELECT 2;", 6)],
            segments);
    }

    [Fact]
    public void A_first_line_selector_overrides_the_cell_kernel_and_magic_commands_are_not_selectors()
    {
        Assert.Equal([new CellSegment("sql-x", "SELECT 1;", 1)], CellSegments.Split("#!sql-x\nSELECT 1;", "csharp", new Dictionary<string, string>()));
        Assert.Equal([new CellSegment("csharp", "#!time\nx", 0)], CellSegments.Split("#!time\nx", "csharp", new Dictionary<string, string>()));
    }
}
