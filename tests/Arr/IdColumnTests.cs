using Workbook.Arr;
using Workbook.Core;
using Xunit;

namespace Workbook.Tests.Arr;

public class IdColumnTests
{
    [Fact]
    public void Finds_every_id_it_holds_and_nothing_else()
    {
        var random = new Random(7);
        var column = new IdColumn(1); // grows many times
        var texts = new List<string>();
        for (var row = 0; row < 50_000; row++)
        {
            // Mostly UUIDs, and some text ids (case matters).
            var text = row % 10 == 3 ? $"acct-{row}" : row % 10 == 7 ? $"ACCT-{row}" : new Guid(random.GetItems<byte>(Enumerable.Range(0, 256).Select(b => (byte)b).ToArray(), 16)).ToString();
            column.Add(text);
            texts.Add(text);
        }

        column.Index("ids.csv", "id", "test", row => row + 2);

        for (var row = 0; row < texts.Count; row++)
        {
            Assert.Equal(row, column.Find(texts[row]));
        }

        Assert.Equal(Enumerable.Range(0, texts.Count), column.FindAll(column));
        Assert.Equal(-1, column.Find(Guid.Empty.ToString()));
        Assert.Equal(-1, column.Find("acct-4"));
        Assert.Equal(-1, column.Find("Acct-3"));
        Assert.Equal(-1, column.Find(""));
        // An upper-case UUID is text, not the same id as its lower-case spelling.
        Assert.Equal(-1, column.Find(texts[0].ToUpperInvariant()));
    }

    [Theory]
    [InlineData("1b4e28ba-2fa1-11d2-883f-0016d3cca427")]
    [InlineData("Acme-1")]
    public void A_repeated_id_is_an_error_naming_both_lines(string repeated)
    {
        var column = new IdColumn();
        foreach (var text in new[] { "a", repeated, "b", repeated })
        {
            column.Add(text);
        }

        var error = Assert.Throws<InputDataException>(() => column.Index("items.csv", "id", "item", row => 10 * row));

        Assert.Equal(30, error.Line);
        Assert.Contains($"duplicate item id '{repeated}' (first on line 10)", error.Message);
    }

    [Fact]
    public void An_id_column_gives_back_each_id_as_written()
    {
        var column = new IdColumn(1);
        string[] texts = ["1b4e28ba-2fa1-11d2-883f-0016d3cca427", "", "Acme-1", "1B4E28BA-2FA1-11D2-883F-0016D3CCA427", " spaced "];
        foreach (var text in texts)
        {
            column.Add(text);
        }

        var buffer = new char[IdColumn.UuidLength];
        Assert.Equal(texts, Enumerable.Range(0, texts.Length).Select(row => column.Format(row, buffer).ToString()));
        Assert.Equal(texts, Enumerable.Range(0, texts.Length).Select(row => column[row]));
        Assert.True(column.IsEmpty(1));
        Assert.False(column.IsEmpty(0));
    }
}
