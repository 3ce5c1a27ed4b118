using Workbook.Tests.Cli;

namespace Workbook.Tests.Notebooks;

[Collection(NotebookRunCollection.Name)]
public class NotebookCommandTests
{
    [Fact]
    public async Task Run_needs_exactly_one_of_in_place_or_out()
    {
        var neither = await CliRunner.RunAsync(["notebooks", "run", "x.ipynb"]);
        var both = await CliRunner.RunAsync(["notebooks", "run", "x.ipynb", "--in-place", "--out", "o"]);

        Assert.Equal(2, neither.ExitCode);
        Assert.Equal(2, both.ExitCode);
        Assert.Contains("give exactly one of --in-place or --out DIR", neither.Err);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("soon")]
    public async Task The_cell_timeout_must_be_a_positive_number_of_seconds(string value)
    {
        var result = await CliRunner.RunAsync(["notebooks", "run", "x.ipynb", "--out", "o", "--cell-timeout", value]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--cell-timeout", result.Err);
    }

    [Fact]
    public async Task A_missing_notebook_is_an_error_naming_it()
    {
        using var temp = new TempDir();

        var result = await CliRunner.RunAsync(["notebooks", "run", temp.File("nope.ipynb"), "--out", temp.File("out")]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"error: {temp.File("nope.ipynb")}: notebook not found\n", result.Err.Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Invalid_json_is_an_error_naming_the_file_and_line()
    {
        using var temp = new TempDir();
        var path = temp.Write("bad.ipynb", "{\n \"cells\": [\n  {\"cell_type\": \"code\",,}\n ]\n}\n");

        var result = await CliRunner.RunAsync(["notebooks", "run", path, "--out", temp.File("out")]);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"error: {path}:3: not valid JSON", result.Err);
        Assert.False(Directory.Exists(temp.File("out")) && Directory.GetFiles(temp.File("out")).Length > 0);
    }

    [Fact]
    public async Task A_notebook_without_cells_is_an_error_naming_the_field()
    {
        using var temp = new TempDir();
        var path = temp.Write("empty.ipynb", "{\"metadata\": {}}");

        var result = await CliRunner.RunAsync(["notebooks", "run", path, "--out", temp.File("out")]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("column 'cells': not a notebook", result.Err);
    }

    [Fact]
    public async Task Out_may_not_overwrite_an_input()
    {
        using var temp = new TempDir();
        var path = NotebookFixtures.Write(temp.Path, "same.ipynb", "1");
        var original = File.ReadAllText(path);

        var result = await CliRunner.RunAsync(["notebooks", "run", path, "--out", temp.Path]);

        Assert.Equal(2, result.ExitCode); // an output that is an input is bad usage
        Assert.Contains("it is an input file", result.Err);
        Assert.Equal(original, File.ReadAllText(path));
    }

    [Fact]
    public async Task Export_needs_an_output_folder_and_both_commands_have_help()
    {
        Assert.Equal(2, (await CliRunner.RunAsync(["notebooks", "export", "x.ipynb"])).ExitCode);
        var runHelp = await CliRunner.RunAsync(["notebooks", "run", "--help"]);
        var exportHelp = await CliRunner.RunAsync(["notebooks", "export", "--help"]);

        Assert.Equal(0, runHelp.ExitCode);
        foreach (var option in new[] { "--in-place", "--out", "--stop-on-error", "--cell-timeout" })
        {
            Assert.Contains(option, runHelp.Out);
        }

        Assert.Contains("--out", exportHelp.Out);
    }
}
