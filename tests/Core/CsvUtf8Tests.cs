using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Workbook.Core;

namespace Workbook.Tests.Core;

/// <summary>Non-ASCII text through the reader and writer: every source and sink agrees.</summary>
public class CsvUtf8Tests
{
    private const string Text = "id,name,amount,day\n1,\"Société Générale, SA\",12.50,2024-02-29\n2,東京 \"quoted\" 🚀,-3,2023-06-30\n";

    private static List<(string[] Text, string[] Strings)> ReadAll(CsvReader reader)
    {
        var rows = new List<(string[], string[])>();
        while (reader.Read())
        {
            rows.Add((
                Enumerable.Range(0, reader.FieldCount).Select(i => reader[i].ToString()).ToArray(),
                Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToArray()));
        }

        return rows;
    }

    [Fact]
    public void Fields_are_the_files_bytes_unescaped_and_the_same_text_decoded()
    {
        using var dir = new TempDir();
        using var reader = CsvReader.Open(dir.Write("t.csv", Text));
        var rows = ReadAll(reader);

        Assert.Equal(["1", "Société Générale, SA", "12.50", "2024-02-29"], rows[0].Text);
        Assert.Equal(["2", "東京 \"quoted\" 🚀", "-3", "2023-06-30"], rows[1].Text);
        Assert.All(rows, row => Assert.Equal(row.Text, row.Strings));
    }

    [Fact]
    public void Typed_getters_read_the_bytes()
    {
        using var reader = new CsvReader(new StringReader(Text), "t.csv");
        Assert.True(reader.Read());
        Assert.Equal(12.50m, reader.GetDecimal(2));
        Assert.Equal(new DateOnly(2024, 2, 29), reader.GetDate(3));
        Assert.Equal(1L, reader.GetInt64(0));
        Assert.Equal("Société Générale, SA", reader.GetString(1));
        Assert.True(reader.Read());
        Assert.Equal(-3L, reader.GetInt64(2));
        var error = Assert.Throws<InputDataException>(() => reader.GetDecimal(1));
        Assert.Equal("t.csv:3: column 'name': '東京 \"quoted\" 🚀' is not a number", error.Message);
    }

    [Fact]
    public void A_text_reader_and_a_utf8_file_with_a_byte_order_mark_read_alike()
    {
        using var dir = new TempDir();
        using var fromText = new CsvReader(new StringReader(Text), "t.csv");
        using var fromUtf8 = CsvReader.Open(dir.Write("utf8.csv", "\uFEFF" + Text));

        Assert.Equal(ReadAll(fromText).Select(row => row.Text).ToList(), ReadAll(fromUtf8).Select(row => row.Text));
        Assert.Equal(["id", "name", "amount", "day"], fromUtf8.Header);
    }

    /// <summary>A UTF-16 file (a spreadsheet's "Unicode text") is refused as a whole: its first character names the problem.</summary>
    [Theory]
    [InlineData("LE", "FF FE")]
    [InlineData("BE", "FE FF")]
    public void A_utf16_file_is_an_error_at_its_first_character(string order, string mark)
    {
        using var dir = new TempDir();
        var path = dir.File($"utf16{order}.csv");
        var encoding = order == "LE" ? Encoding.Unicode : Encoding.BigEndianUnicode;
        File.WriteAllBytes(path, [.. encoding.GetPreamble(), .. encoding.GetBytes(Text)]);

        var error = Assert.Throws<InputDataException>(() => CsvReader.Open(path));
        Assert.Equal($"{path}:1: character 1: the file is UTF-16 (byte-order mark {mark}); save it as UTF-8", error.Message);
        using var closedAgain = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None); // the reader let go of the file
    }

    [Fact]
    public void Invalid_utf8_is_an_error_not_replacement_characters()
    {
        using var dir = new TempDir();
        var path = dir.File("bad.csv");
        File.WriteAllBytes(path, [.. "h1,h2\n"u8, (byte)'a', 0xC3, (byte)',', 0xFF, (byte)'b', (byte)'\n']);

        using var reader = CsvReader.Open(path);
        var error = Assert.Throws<InputDataException>(() => reader.Read());
        Assert.Equal($"{path}:2: character 2: invalid UTF-8 (bytes C3): the file must be UTF-8 text, e.g. saved as 'CSV UTF-8'", error.Message);
    }

    [Fact]
    public void Text_larger_than_the_buffers_with_surrogate_pairs_everywhere_reads_back()
    {
        // 🚀 is a surrogate pair in UTF-16 and 4 bytes in UTF-8: some pair straddles every chunk boundary.
        var name = string.Concat(Enumerable.Repeat("a🚀", 50_000));
        using var reader = new CsvReader(new StringReader($"id,name\n1,{name}\n2,\"{name}\"\n"), "t.csv");
        var rows = ReadAll(reader);

        Assert.Equal([name, name], rows.Select(row => row.Text[1]));
    }

    [Fact]
    public void Utf8_numbers_parse_to_the_frameworks_value_and_scale()
    {
        var shapes = Gen.Elements("0", "7", "12", "007", "-3", "0.07", "1.50", "-0", "-0.00", "1.", ".5", "1.2.3", "+4", "1e3", " 5", "5 ", "-", "", "٣",
            "123456789012345678", "1234567890123456789", "99999999999999999.9", "0.000000000000000001", "79228162514264337593543950335");
        var digits = Gen.Elements('0', '1', '5', '9', '.', '-').ArrayOf().Select(chars => new string(chars));
        Prop.ForAll(Gen.OneOf(shapes, digits).ToArbitrary(), text =>
        {
            var framework = decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var expected);
            return CsvReader.TryParseDecimal(text, out var parsed) == framework
                && decimal.GetBits(parsed).SequenceEqual(decimal.GetBits(expected));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Stream_and_text_writers_write_the_same_text()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<string[]>(), values =>
        {
            var fields = values.Select(v => v ?? "").Append("naïve, \"東京\"\n").ToArray();
            var text = new StringWriter(CultureInfo.InvariantCulture);
            var bytes = new MemoryStream();
            foreach (var csv in new[] { new CsvWriter(text, "\r\n"), new CsvWriter(bytes, "\r\n") })
            {
                csv.Row(fields);
                csv.Field(fields[^1]).Field(-42L).Field(2.345m, 2).EndRow();
                csv.Flush();
            }

            return text.ToString() == Encoding.UTF8.GetString(bytes.ToArray());
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Parallel_table_writer_writes_what_the_sequential_one_does()
    {
        using var dir = new TempDir();
        const int rows = 100_000; // several blocks
        static string Name(int row) => row % 7 == 0 ? $"name, {row}" : $"name {row}";
        CsvWriter.WriteFile(dir.File("sequential.csv"), ["n", "name"], Enumerable.Range(0, rows), (csv, row) => csv.Field(row).Field(Name(row)));
        CsvWriter.WriteFileInParallel(dir.File("parallel.csv"), ["n", "name"], rows, (fields, row) =>
        {
            fields.Set(0, row.ToString(CultureInfo.InvariantCulture));
            fields.Set(1, Name(row));
        });

        Assert.Equal(File.ReadAllBytes(dir.File("sequential.csv")), File.ReadAllBytes(dir.File("parallel.csv")));
    }

    [Fact]
    public void Parallel_table_writer_failing_on_a_row_leaves_no_file()
    {
        using var dir = new TempDir();
        var error = Assert.Throws<InvalidOperationException>(() => CsvWriter.WriteFileInParallel(dir.File("out.csv"), ["n"], 100_000, (fields, row) =>
            fields.Set(0, row == 77_777 ? throw new InvalidOperationException("row 77777") : "n")));

        Assert.Equal("row 77777", error.Message);
        Assert.Empty(Directory.GetFiles(dir.Path));
    }
}
