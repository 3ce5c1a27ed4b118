using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Workbook.Core;

namespace Workbook.Tests.Core;

/// <summary>What the reader checks before parsing: UTF-8 validity (per buffer) and, for --lenient, lines whose quotes do not pair up.</summary>
public class CsvTextTests
{
    private static (List<string[]> Rows, List<string> Skipped) ReadFile(byte[] bytes, bool boundLines)
    {
        using var dir = new TempDir();
        var path = dir.File("t.csv");
        File.WriteAllBytes(path, bytes);
        using var reader = CsvReader.Open(path, boundLines);
        var rows = new List<string[]>();
        var skipped = new List<string>();
        while (reader.ReadRow())
        {
            if (reader.HasHeaderWidth)
            {
                rows.Add(Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToArray());
            }
            else
            {
                skipped.Add(reader.FieldCountError().Message.Replace(path, "t.csv", StringComparison.Ordinal));
            }
        }

        return (rows, skipped);
    }

    [Fact]
    public void Invalid_utf8_is_an_error_naming_line_and_character()
    {
        byte[] bytes = [.. "id,name\n1,ok\n2,Soci"u8, 0xE9, .. "t\u00E9\n3,x\n"u8];
        using var dir = new TempDir();
        var path = dir.File("t.csv");
        File.WriteAllBytes(path, bytes);
        using var reader = CsvReader.Open(path);

        Assert.True(reader.Read());
        var error = Assert.Throws<InputDataException>(() => reader.Read());
        Assert.Equal($"{path}:3: character 7: invalid UTF-8 (bytes E9): the file must be UTF-8 text, e.g. saved as 'CSV UTF-8'", error.Message);
    }

    [Fact]
    public void Invalid_utf8_in_the_header_is_on_line_1()
    {
        using var dir = new TempDir();
        var path = dir.File("t.csv");
        File.WriteAllBytes(path, [.. "id,na"u8, 0xFF, .. "me\n1,a\n"u8]);

        var error = Assert.Throws<InputDataException>(() => CsvReader.Open(path));
        Assert.StartsWith($"{path}:1: character 6: invalid UTF-8 (bytes FF)", error.Message);
    }

    [Fact]
    public void Under_bounded_lines_an_invalid_line_is_skipped_and_the_next_lines_read()
    {
        byte[] bytes = [.. "id,name\n1,a\n2,"u8, 0xC3, 0x28, .. "\n3,c\n"u8];
        var (rows, skipped) = ReadFile(bytes, boundLines: true);

        Assert.Equal([["1", "a"], ["3", "c"]], rows);
        Assert.Equal(["t.csv:3: character 3: invalid UTF-8 (bytes C3): the file must be UTF-8 text, e.g. saved as 'CSV UTF-8'"], skipped);
    }

    [Fact]
    public void Under_bounded_lines_a_stray_quote_costs_its_line_only()
    {
        var text = "id,start\n1,2023-01-01\n2,2023\" -06-01\n3,2023-03-01\n4,\"quoted, fine\"\n5,2023-05-01\n";
        var (rows, skipped) = ReadFile(Encoding.UTF8.GetBytes(text), boundLines: true);

        Assert.Equal([["1", "2023-01-01"], ["3", "2023-03-01"], ["4", "quoted, fine"], ["5", "2023-05-01"]], rows);
        Assert.Equal(["t.csv:3: a quote opens a field that the line does not close (under --lenient a quoted field cannot span lines)"], skipped);
    }

    [Fact]
    public void Without_bounded_lines_a_quoted_field_still_spans_lines()
    {
        var (rows, skipped) = ReadFile(Encoding.UTF8.GetBytes("id,note\n1,\"two\nlines\"\n2,x\n"), boundLines: false);

        Assert.Equal([["1", "two\nlines"], ["2", "x"]], rows);
        Assert.Empty(skipped);
    }

    [Fact]
    public void A_bom_is_skipped_and_text_read_across_buffer_boundaries()
    {
        // 70,000 two-byte characters: sequences straddle the 64 KiB read buffer.
        var name = new string('é', 70_000);
        var (rows, skipped) = ReadFile([.. "\uFEFFid,name\n1,"u8, .. Encoding.UTF8.GetBytes(name), .. "\n"u8], boundLines: true);

        Assert.Equal([["1", name]], rows);
        Assert.Empty(skipped);
    }

    [Fact]
    public void Any_valid_utf8_reads_as_the_framework_decodes_it()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<NonNull<string>>(), text =>
        {
            var value = new string(text.Get.Where(c => !char.IsSurrogate(c) && c is not '"' and not ',' and not '\n' and not '\r').ToArray());
            if (value.Length == 0)
            {
                return true;
            }

            var (rows, skipped) = ReadFile(Encoding.UTF8.GetBytes($"a\n{value}\n"), boundLines: false);
            return skipped.Count == 0 && rows.Count == 1 && rows[0][0] == value;
        }).QuickCheckThrowOnFailure();
    }
}
