using Workbook.Arr;
using Xunit;

namespace Workbook.Tests.Arr;

public class IdIndexTests
{
    [Fact]
    public void Finds_every_id_it_holds_across_growth_and_nothing_else()
    {
        var random = new Random(7);
        var index = new IdIndex(); // starts at 16 slots: grows many times
        var ids = new List<IdKey>();
        for (var row = 0; row < 50_000; row++)
        {
            // Mostly UUIDs, some text ids (case matters), and one empty id.
            var text = row % 10 == 3 ? $"acct-{row}" : row % 10 == 7 ? $"ACCT-{row}" : row == 5 ? "" : new Guid(random.GetItems<byte>(Enumerable.Range(0, 256).Select(b => (byte)b).ToArray(), 16)).ToString();
            var id = IdKey.Parse(text);
            Assert.True(index.TryAdd(id, row, out var existing));
            Assert.Equal(-1, existing);
            ids.Add(id);
        }

        Assert.Equal(ids.Count, index.Count);
        for (var row = 0; row < ids.Count; row++)
        {
            Assert.Equal(row, index.Find(ids[row]));
            Assert.False(index.TryAdd(ids[row], row + 1_000_000, out var existing));
            Assert.Equal(row, existing);
        }

        Assert.Equal(-1, index.Find(IdKey.Parse(Guid.Empty.ToString())));
        Assert.Equal(-1, index.Find(IdKey.Parse("acct-4")));
        Assert.Equal(-1, index.Find(IdKey.Parse("Acct-3")));
        // An upper-case UUID is text, not the same id as its lower-case spelling.
        Assert.Equal(-1, index.Find(IdKey.Parse(ids[0].ToString().ToUpperInvariant())));
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

        var buffer = new char[IdKey.UuidLength];
        Assert.Equal(texts, Enumerable.Range(0, texts.Length).Select(row => column.Format(row, buffer).ToString()));
        Assert.Equal(texts, Enumerable.Range(0, texts.Length).Select(row => column[row].ToString()));
        Assert.True(column.IsEmpty(1));
        Assert.False(column.IsEmpty(0));
    }
}
