namespace Workbook.Arr;

/// <summary>
/// Many short texts (the accounts' names and other kept columns), stored end to end in large character blocks
/// instead of one string each. At 2.5M accounts a string per name was 2.5M objects for the collector to trace and
/// about 60% more memory; appending to a block is a copy. Texts are read back as spans, by the order they were added.
/// </summary>
internal sealed class TextArena
{
    private const int BlockShift = 20;
    private const int BlockLength = 1 << BlockShift; // characters: 2 MB a block

    private readonly List<char[]> _blocks = [];
    private long[] _starts = new long[1 << 12]; // block index << BlockShift | offset
    private int[] _lengths = new int[1 << 12];
    private Dictionary<int, string>? _long; // texts longer than a block
    private int _used = BlockLength; // in the last block: none yet

    public int Count { get; private set; }

    public ReadOnlySpan<char> this[int index]
    {
        get
        {
            var start = _starts[index];
            return _lengths[index] < 0
                ? _long![index]
                : _blocks[(int)(start >> BlockShift)].AsSpan((int)(start & (BlockLength - 1)), _lengths[index]);
        }
    }

    /// <summary>Makes room for <paramref name="count"/> texts in all, so the index arrays grow once.</summary>
    public void Reserve(int count)
    {
        if (count > _starts.Length)
        {
            Array.Resize(ref _starts, count);
            Array.Resize(ref _lengths, count);
        }
    }

    public void Add(ReadOnlySpan<char> text)
    {
        if (Count == _starts.Length)
        {
            Reserve(2 * Count);
        }

        if (text.Length > BlockLength)
        {
            (_long ??= [])[Count] = text.ToString();
            _lengths[Count++] = -1;
            return;
        }

        if (_used + text.Length > BlockLength)
        {
            _blocks.Add(GC.AllocateUninitializedArray<char>(BlockLength));
            _used = 0;
        }

        text.CopyTo(_blocks[^1].AsSpan(_used));
        _starts[Count] = ((long)(_blocks.Count - 1) << BlockShift) | (uint)_used;
        _lengths[Count++] = text.Length;
        _used += text.Length;
    }
}
