using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using Workbook.Core;

namespace Workbook.Tests.Core;

public class CsvReaderTests
{
    private static List<string[]> ReadAll(string text, out IReadOnlyList<string> header, out List<long> lines)
    {
        using var reader = new CsvReader(new StringReader(text), "t.csv");
        header = reader.Header;
        var rows = new List<string[]>();
        lines = [];
        while (reader.Read())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToArray());
            lines.Add(reader.LineNumber);
        }

        return rows;
    }

    [Fact]
    public void Reads_crlf_quoted_commas_quotes_newlines_and_no_final_newline()
    {
        var text = "id,name,tags\r\n1,\"Acme, Inc.\",\"[\"\"a\"\",\"\"b\"\"]\"\r\n2,\"two\nlines\",x\r\n3,plain,\"\"";
        var rows = ReadAll(text, out var header, out var lines);

        Assert.Equal(["id", "name", "tags"], header);
        Assert.Equal(3, rows.Count);
        Assert.Equal(["1", "Acme, Inc.", "[\"a\",\"b\"]"], rows[0]);
        Assert.Equal(["2", "two\nlines", "x"], rows[1]);
        Assert.Equal(["3", "plain", ""], rows[2]);
        Assert.Equal([2L, 3L, 5L], lines);
    }

    [Fact]
    public void Skips_a_byte_order_mark_and_blank_lines()
    {
        using var dir = new TempDir();
        var path = dir.Write("bom.csv", "\uFEFFid,v\n\n1,2\n\n");
        using var reader = CsvReader.Open(path);
        Assert.Equal("id", reader.Header[0]);
        Assert.True(reader.Read());
        Assert.Equal(3, reader.LineNumber);
        Assert.Equal(2m, reader.GetDecimal(1));
        Assert.False(reader.Read());
    }

    [Fact]
    public void Field_larger_than_the_buffer_is_read_whole()
    {
        var big = new string('x', 200_000);
        var rows = ReadAll($"a,b\n\"{big}\",{big}\n", out _, out _);
        Assert.Equal(big, rows[0][0]);
        Assert.Equal(big, rows[0][1]);
    }

    [Fact]
    public void Empty_file_names_the_file()
    {
        var error = Assert.Throws<InputDataException>(() => new CsvReader(new StringReader(""), "empty.csv"));
        Assert.Equal("empty.csv: the file is empty: expected a header row", error.Message);
    }

    [Fact]
    public void Missing_file_names_the_file()
    {
        var error = Assert.Throws<InputDataException>(() => CsvReader.Open("/nope/missing.csv"));
        Assert.Equal("/nope/missing.csv: file not found", error.Message);
    }

    [Fact]
    public void Missing_column_names_the_column_and_the_header()
    {
        using var reader = new CsvReader(new StringReader("id,name\n1,a"), "t.csv");
        var error = Assert.Throws<InputDataException>(() => reader.Column("total"));
        Assert.Equal("t.csv:1: column 'total': missing column (the header has: id, name)", error.Message);
    }

    [Fact]
    public void Bad_number_names_file_line_and_column()
    {
        using var reader = new CsvReader(new StringReader("id,total\n1,2.5\n2,abc"), "inv.csv");
        Assert.True(reader.Read());
        Assert.Equal(2.5m, reader.GetDecimal(1));
        Assert.True(reader.Read());
        var error = Assert.Throws<InputDataException>(() => reader.GetDecimal(1));
        Assert.Equal("inv.csv:3: column 'total': 'abc' is not a number", error.Message);
    }

    [Fact]
    public void Wrong_field_count_is_an_error_with_the_line()
    {
        using var reader = new CsvReader(new StringReader("a,b\n1,2\n1,2,3\n"), "t.csv");
        Assert.True(reader.Read());
        var error = Assert.Throws<InputDataException>(() => reader.Read());
        Assert.Equal("t.csv:3: expected 2 fields as in the header, found 3", error.Message);
    }

    [Fact]
    public void Unclosed_quote_names_the_line_where_it_opened()
    {
        using var reader = new CsvReader(new StringReader("a,b\n1,2\n3,\"open\nstill open"), "t.csv");
        Assert.True(reader.Read());
        var error = Assert.Throws<InputDataException>(() => reader.Read());
        Assert.Equal("t.csv:3: a quoted field is never closed", error.Message);
    }

    [Fact]
    public void Writer_round_trips_through_the_reader()
    {
        var text = new StringWriter();
        var csv = new CsvWriter(text);
        csv.Row("id", "name", "amount");
        csv.Field("1").Field("Umbrella, \"Europe\"").Field(94.5m, 2).EndRow();
        csv.Field("2").Field("line\nbreak").Field(-0.005m, 2).EndRow();
        Assert.Equal("id,name,amount\n1,\"Umbrella, \"\"Europe\"\"\",94.50\n2,\"line\nbreak\",-0.01\n", text.ToString());

        var rows = ReadAll(text.ToString(), out _, out _);
        Assert.Equal("Umbrella, \"Europe\"", rows[0][1]);
        Assert.Equal("line\nbreak", rows[1][1]);
    }

    [Fact]
    public void Written_fields_read_back_unchanged()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<string[]>(), values =>
        {
            var fields = values.Select(v => v ?? "").Append("end").ToArray();
            var text = new StringWriter(CultureInfo.InvariantCulture);
            var writer = new CsvWriter(text);
            writer.Row([.. fields.Select((_, i) => $"c{i}")]);
            foreach (var field in fields)
            {
                writer.Field(field.AsSpan());
            }

            writer.EndRow();
            using var reader = new CsvReader(new StringReader(text.ToString()), "t.csv");
            return reader.Read() && fields.Select((_, i) => reader.GetString(i)).SequenceEqual(fields);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void A_cancelled_token_stops_the_reader_within_a_few_thousand_rows()
    {
        var text = "id\n" + string.Concat(Enumerable.Range(1, 20_000).Select(i => $"{i}\n"));
        using var cancel = new CancellationTokenSource();
        using var reader = new CsvReader(new StringReader(text), "t.csv", cancellationToken: cancel.Token);
        var rows = 0;

        var error = Assert.ThrowsAny<OperationCanceledException>(() =>
        {
            while (reader.Read())
            {
                if (++rows == 100)
                {
                    cancel.Cancel();
                }
            }
        });

        Assert.Equal(cancel.Token, error.CancellationToken);
        // The token is looked at on every 4,096th read: the header and 4,094 rows are the 4,095 reads before it.
        Assert.Equal(4_094, rows);
    }
}
