using System.Buffers;

namespace Workbook.Arr;

/// <summary>
/// Many short texts (the accounts' names and other kept columns), stored end to end in one character buffer instead
/// of one string each: no object per name for the collector to trace, and no object header and length per name in
/// memory.
/// Texts are read back as spans, by the order they were added; all of them together stay under 2^31 characters.
/// </summary>
internal sealed class TextArena
{
    private readonly ArrayBufferWriter<char> _chars = new(1 << 16);
    private readonly List<int> _ends = [];

    public int Count => _ends.Count;

    public ReadOnlySpan<char> this[int index] => _chars.WrittenSpan[(index == 0 ? 0 : _ends[index - 1]).._ends[index]];

    /// <summary>Makes room for <paramref name="count"/> texts in all, as long as the ones so far on average, so the buffer grows once.</summary>
    public void Reserve(int count)
    {
        _ends.EnsureCapacity(count);
        if (Count > 0 && count > Count)
        {
            _chars.GetSpan((int)Math.Min(Array.MaxLength / 2, 1.05 * _chars.WrittenCount / Count * (count - Count)));
        }
    }

    public void Add(ReadOnlySpan<char> text)
    {
        _chars.Write(text);
        _ends.Add(_chars.WrittenCount);
    }
}
