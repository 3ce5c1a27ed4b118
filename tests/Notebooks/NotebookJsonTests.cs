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
    [InlineData("features.ipynb")]
    [InlineData("errors.ipynb")]
    public void A_notebook_in_vscode_form_is_written_back_byte_for_byte(string fixture)
    {
        var path = Path.Combine(NotebookFixtures.Folder, fixture);

        Assert.Equal(File.ReadAllText(path), Notebook.Load(path).ToJson());
    }

    [Fact]
    public void Source_given_as_one_string_is_written_as_a_line_array()
    {
        var notebook = Notebook.Parse("{\"cells\":[{\"cell_type\":\"markdown\",\"metadata\":{},\"source\":\"# T\\nbody\"}],\"metadata\":{},\"nbformat\":4,\"nbformat_minor\":5}", "n.ipynb");

        Assert.Contains("\"source\": [\n    \"# T\\n\",\n    \"body\"\n   ]", notebook.ToJson());
        Assert.Equal("T", notebook.Title);
    }

    [Fact]
    public void Kernel_of_a_cell_prefers_polyglot_metadata_then_the_legacy_key_then_the_notebook_default()
    {
        var notebook = Notebook.Parse("""
            {"cells": [
              {"cell_type": "code", "metadata": {"dotnet_interactive": {"language": "sql-old"}, "polyglot_notebook": {"kernelName": "sql-new"}}, "source": ""},
              {"cell_type": "code", "metadata": {"dotnet_interactive": {"language": "sql-old"}}, "source": ""},
              {"cell_type": "code", "metadata": {}, "source": ""}
            ],
            "metadata": {"kernelspec": {"name": ".net-fsharp"}}}
            """, "k.ipynb");

        Assert.Equal(["sql-new", "sql-old", null], notebook.Cells.Select(c => c.KernelName));
        Assert.Equal("fsharp", notebook.DefaultKernelName);
    }

    [Fact]
    public void Declaring_a_kernel_adds_it_once()
    {
        var notebook = Notebook.Parse("{\"cells\":[],\"metadata\":{}}", "d.ipynb");

        notebook.DeclareKernel("sql-x", "SQLite");
        notebook.DeclareKernel("sql-x", "SQLite");

        var items = notebook.Root["metadata"]!["polyglot_notebook"]!["kernelInfo"]!["items"]!.AsArray();
        Assert.Equal("{\"aliases\":[],\"languageName\":\"SQLite\",\"name\":\"sql-x\"}", Assert.Single(items)!.ToJsonString());
    }

    [Fact]
    public void Bad_json_names_the_file_and_line()
    {
        var error = Assert.Throws<InputDataException>(() => Notebook.Parse("{\n \"cells\": [\n  }\n", "bad.ipynb"));

        Assert.Equal("bad.ipynb", error.File);
        Assert.Equal(3, error.Line);
        Assert.StartsWith("bad.ipynb:3: not valid JSON", error.Message);
    }

    [Fact]
    public void A_cell_without_a_type_names_the_cell()
    {
        var error = Assert.Throws<InputDataException>(() => Notebook.Parse("{\"cells\": [{\"cell_type\": \"code\"}, {\"source\": []}]}", "c.ipynb"));

        Assert.Equal("cells[1]", error.Field);
    }
}
