using FsCheck;
using FsCheck.Fluent;
using Workbook.Arr;

namespace Workbook.Tests.Arr;

public class IdIndexTests
{
    [Fact]
    public void Numbers_ids_in_order_and_finds_them_back_through_growth()
    {
        var index = new IdIndex();
        var ids = Enumerable.Range(0, 100_000).Select(k => Guid.CreateVersion7(DateTimeOffset.UnixEpoch.AddSeconds(k)).ToString()).ToList();

        Assert.Equal(Enumerable.Range(0, ids.Count), ids.Select(id => index.Add(id)));
        Assert.Equal(ids.Count, index.Count);
        Assert.Equal(Enumerable.Range(0, ids.Count), ids.Select(id => index.Find(id)));
        Assert.Equal(ids[12_345], index[12_345].ToString());
        Assert.Equal(-1, index.Find("not-there"));
    }

    [Fact]
    public void A_repeated_id_returns_the_complement_of_the_first_number()
    {
        var index = new IdIndex();
        index.Add("a");
        index.Add("b");

        Assert.Equal(~1, index.Add("b"));
        Assert.Equal(2, index.Count);
    }

    [Fact]
    public void Ids_are_exact_text_case_spaces_and_empty_included()
    {
        var index = new IdIndex();
        string[] ids = ["ABC", "abc", " abc", "abc ", "", "é", "a,b", "0123456789abcdef0123456789abcdef01234"];
        foreach (var id in ids)
        {
            Assert.True(index.Add(id) >= 0, id);
        }

        Assert.All(ids.Select((id, k) => (id, k)), p => Assert.Equal(p.k, index.Find(p.id)));
    }

    [Fact]
    public void Behaves_like_a_dictionary()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<string[]>(), keys =>
        {
            var index = new IdIndex();
            var reference = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var key in keys.Select(k => k ?? ""))
            {
                var added = index.Add(key);
                var expected = reference.TryGetValue(key, out var first) ? ~first : reference[key] = reference.Count;
                if (added != expected)
                {
                    return false;
                }
            }

            return reference.All(pair => index.Find(pair.Key) == pair.Value && index[pair.Value].SequenceEqual(pair.Key));
        }).QuickCheckThrowOnFailure();
    }
}
