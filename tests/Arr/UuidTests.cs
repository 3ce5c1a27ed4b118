using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Workbook.Arr;

namespace Workbook.Tests.Arr;

/// <summary>Canonical lowercase UUIDs are kept as 128-bit values; every other id as text, exactly.</summary>
public class UuidTests
{
    private static readonly Arbitrary<Guid> Guids = ArbMap.Default.ArbFor<Guid>();

    private static string Format(ulong high, ulong low)
    {
        var text = new byte[Uuid.Length];
        Uuid.Format(high, low, text);
        return Encoding.ASCII.GetString(text);
    }

    [Fact]
    public void Canonical_text_round_trips_through_its_two_halves()
    {
        Prop.ForAll(Guids, guid =>
        {
            var text = guid.ToString("D");
            return Uuid.TryParse(Encoding.ASCII.GetBytes(text), out var high, out var low) && Format(high, low) == text;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void The_halves_are_the_digits_in_order()
    {
        Assert.True(Uuid.TryParse("01234567-89ab-cdef-fedc-ba9876543210"u8, out var high, out var low));
        Assert.Equal(0x0123456789abcdefUL, high);
        Assert.Equal(0xfedcba9876543210UL, low);
        Assert.Equal("ffffffff-ffff-ffff-0000-000000000000", Format(ulong.MaxValue, 0));
    }

    [Fact]
    public void Any_other_text_is_not_a_uuid()
    {
        const string valid = "63a53f4e-d865-4454-90ec-49840759d030";
        Assert.True(Uuid.TryParse(Encoding.ASCII.GetBytes(valid), out _, out _));
        for (var position = 0; position < valid.Length; position++)
        {
            foreach (var wrong in "AF:g/-@` é")
            {
                var text = valid[..position] + wrong + valid[(position + 1)..];
                if (text != valid)
                {
                    Assert.False(Uuid.TryParse(Encoding.UTF8.GetBytes(text), out _, out _), text);
                }
            }
        }

        foreach (var text in new[] { valid.ToUpperInvariant(), valid[..35], valid + "0", " " + valid[1..], valid.Replace("-", ""), "{" + valid[1..35] + "}" })
        {
            Assert.False(Uuid.TryParse(Encoding.UTF8.GetBytes(text), out _, out _), text);
        }
    }

    [Fact]
    public void Uuid_and_text_ids_live_side_by_side_and_come_back_as_written()
    {
        var uuid = "63a53f4e-d865-4454-90ec-49840759d030";
        string[] ids = [uuid, uuid.ToUpperInvariant(), " " + uuid, "", "n42", uuid[..35] + "1"];
        var index = new IdIndex();
        Assert.Equal(Enumerable.Range(0, ids.Length), ids.Select(id => index.Add(id)));
        Assert.Equal(Enumerable.Range(0, ids.Length), ids.Select(id => index.Find(id)));
        Assert.Equal(ids, Enumerable.Range(0, ids.Length).Select(k => index[k]));
        Assert.Equal(~0, index.Add(uuid));
    }

    [Fact]
    public void Indexing_a_whole_list_finds_each_ids_first_place_and_the_first_repeat()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<bool[]>(), Guids.Generator.ArrayOf().ToArbitrary(), (asText, guids) =>
        {
            // A mix of UUIDs, their uppercase (text) twins and short text ids, with repeats.
            var ids = guids.Select((g, k) => k < asText.Length && asText[k] ? g.ToString("D").ToUpperInvariant() : g.ToString("D"))
                .Concat(guids.Take(3).Select(g => g.ToString("D")))
                .Append("x").Append("x")
                .ToList();
            var list = new IdList();
            foreach (var id in ids)
            {
                list.Add(Encoding.UTF8.GetBytes(id));
            }

            var firstRepeat = Enumerable.Range(0, ids.Count).First(k => ids.IndexOf(ids[k]) < k);
            var index = new IdIndex(list);
            return index.Repeat == (firstRepeat, ids.IndexOf(ids[firstRepeat]))
                && ids.All(id => index.Find(id) == ids.IndexOf(id))
                && Enumerable.Range(0, ids.Count).All(k => index[k] == ids[k])
                && index.Find("not there") == -1;
        }).QuickCheckThrowOnFailure();
    }
}
