using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using Workbook.Core;

namespace Workbook.Tests.Core;

/// <summary>The vectorized scan for CSV syntax characters and the span-based writer built on it.</summary>
public class CsvSyntaxTests
{
    private static int NaiveIndexOfSpecial(string text) => text.IndexOfAny([',', '"', '\r', '\n']);

    [Theory]
    [InlineData("", -1)]
    [InlineData("plain", -1)]
    [InlineData("0123456789abcdef0123456789abcdef", -1)]
    [InlineData("0123456789abcdef,", 16)]
    [InlineData("01234567\"", 8)]
    [InlineData("0123456\r", 7)]
    [InlineData("\n0123456789", 0)]
    public void Finds_the_first_comma_quote_or_line_break(string text, int expected) =>
        Assert.Equal(expected, CsvSyntax.IndexOfSpecial(text));

    [Fact]
    public void Finds_each_special_character_at_every_position_of_every_length_up_to_70()
    {
        foreach (var special in new[] { ',', '"', '\r', '\n' })
        {
            for (var length = 0; length <= 70; length++)
            {
                Assert.Equal(-1, CsvSyntax.IndexOfSpecial(new string('x', length)));
                for (var position = 0; position < length; position++)
                {
                    var text = new string('x', position) + special + new string('y', length - position - 1);
                    Assert.Equal(position, CsvSyntax.IndexOfSpecial(text));
                }
            }
        }
    }

    [Fact]
    public void Agrees_with_a_plain_search_on_random_text()
    {
        var chars = Gen.Elements('a', ',', '"', '\r', '\n', 'é', '\u2028', 'z');
        var strings = Gen.Sized(size => Gen.ArrayOf(chars, size * 3)).Select(cs => new string(cs)).ToArbitrary();
        Prop.ForAll(strings, text => CsvSyntax.IndexOfSpecial(text) == NaiveIndexOfSpecial(text)).QuickCheckThrowOnFailure();
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
}
