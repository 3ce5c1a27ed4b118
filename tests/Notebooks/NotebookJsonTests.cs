using System.Text.Json.Nodes;
using Workbook.Core;
using Workbook.Notebooks.Model;

namespace Workbook.Tests.Notebooks;

public class NotebookJsonTests
{
    [Fact]
    public void Writes_as_vscode_does_keys_sorted_one_space_indent_jsonstringify_escapes_and_a_final_newline()
    {
        var node = new JsonObject
        {
            ["b"] = new JsonArray(1, "x"),
            ["a"] = new JsonObject(),
            ["B"] = new JsonArray(),
            ["text"] = "<td align=\"right\">café</td>\\\n\t\u0001",
            ["none"] = null,
            ["flag"] = true,
        };

        Assert.Equal(
            "{\n"
            + " \"B\": [],\n"
            + " \"a\": {},\n"
            + " \"b\": [\n  1,\n  \"x\"\n ],\n"
            + " \"flag\": true,\n"
            + " \"none\": null,\n"
            + " \"text\": \"<td align=\\\"right\\\">café</td>\\\\\\n\\t\\u0001\"\n"
            + "}\n",
            NotebookJson.Write(node));
    }

    [Theory]
    [InlineData("", new string[0])]
    [InlineData("a", new[] { "a" })]
    [InlineData("a\n", new[] { "a\n" })]
    [InlineData("a\nb", new[] { "a\n", "b" })]
    [InlineData("a\r\n\nb\n", new[] { "a\n", "\n", "b\n" })]
    public void Multiline_text_splits_into_lines_that_keep_their_newline(string text, string[] lines)
    {
        Assert.Equal(lines, NotebookJson.Lines(text).Select(l => l!.GetValue<string>()));
        Assert.Equal(text.Replace("\r\n", "\n", StringComparison.Ordinal), NotebookJson.Text(NotebookJson.Lines(text)));
    }

    [Theory]
    [InlineData("01-customer-summary.ipynb")]
    [InlineData("02-egress-sql.ipynb")]
    [InlineData("03-arr-rollup.ipynb")]
    public void A_committed_notebook_read_into_the_engines_document_model_is_written_back_byte_for_byte(string name)
    {
        var path = Path.Combine(RepoPaths.TryFindRoot()!, "notebooks", name);

        Assert.Equal(File.ReadAllText(path), NotebookFile.Load(path).ToJson());
    }

    [Fact]
    public void Source_given_as_one_string_is_written_as_a_line_array()
    {
        var notebook = NotebookFile.Parse("{\"cells\":[{\"cell_type\":\"markdown\",\"metadata\":{},\"source\":\"# T\\nbody\"}],\"metadata\":{},\"nbformat\":4,\"nbformat_minor\":5}", "n.ipynb");

        Assert.Contains("\"source\": [\n    \"# T\\n\",\n    \"body\"\n   ]", notebook.ToJson());
        Assert.Equal("T", notebook.Title);
    }

    [Fact]
    public void Bad_json_names_the_file_and_line()
    {
        var error = Assert.Throws<InputDataException>(() => NotebookFile.Parse("{\n \"cells\": [\n  }\n", "bad.ipynb"));

        Assert.Equal("bad.ipynb", error.File);
        Assert.Equal(3, error.Line);
        Assert.StartsWith("bad.ipynb:3: not valid JSON", error.Message);
    }

    [Fact]
    public void A_cell_without_a_type_names_the_cell()
    {
        var error = Assert.Throws<InputDataException>(() => NotebookFile.Parse("{\"cells\": [{\"cell_type\": \"code\"}, {\"source\": []}]}", "c.ipynb"));

        Assert.Equal("cells[1]", error.Field);
    }
}
