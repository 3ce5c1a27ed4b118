using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Workbook.Arr;

/// <summary>
/// Maps id text to dense numbers 0, 1, 2, ... in the order the ids were added, and keeps the text.
/// The rollup works on these numbers (arrays indexed by account), so each UUID is hashed once per
/// mention and never becomes a string object: the keys live in one growing char buffer and the table
/// is open addressing over one array of slots. Ids are compared as exact text (case and spaces matter).
/// </summary>
internal sealed class IdIndex
{
    private char[] _text;
    private int _textLength;
    private int[] _starts; // key i is _text[_starts[i] .. _starts[i + 1]]

    // Open addressing, linear probing. A slot holds the key's hash in its high half and its number + 1 in its
    // low half (0: empty), so a probe that is not a match is rejected without touching the key text: at millions
    // of ids every other array access is a cache miss.
    private ulong[] _slots;
    private int _mask;

    public IdIndex(int expectedCount = 16, int expectedTextLength = 256)
    {
        _text = new char[Math.Max(16, expectedTextLength)];
        _starts = new int[Math.Max(16, expectedCount) + 1];
        var slots = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(32, expectedCount * 2));
        _slots = new ulong[slots];
        _mask = slots - 1;
    }

    public int Count { get; private set; }

    public ReadOnlySpan<char> this[int index]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _text.AsSpan(_starts[index], _starts[index + 1] - _starts[index]);
    }

    /// <summary>The number of <paramref name="key"/>, or -1 when it was never added.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Find(ReadOnlySpan<char> key)
    {
        var hash = Hash(key);
        for (var slot = hash & _mask; ; slot = (slot + 1) & _mask)
        {
            var entry = _slots[slot];
            if (entry == 0)
            {
                return -1;
            }

            if (Matches(entry, hash, key))
            {
                return (int)(uint)entry - 1;
            }
        }
    }

    /// <summary>The number of <paramref name="key"/>, added first when new.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int GetOrAdd(ReadOnlySpan<char> key)
    {
        var index = Add(key);
        return index >= 0 ? index : ~index;
    }

    /// <summary>Adds <paramref name="key"/> and returns its new number; when it is already present, returns the existing number as <c>~number</c> (negative).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Add(ReadOnlySpan<char> key)
    {
        var hash = Hash(key);
        var slot = hash & _mask;
        for (; ; slot = (slot + 1) & _mask)
        {
            var entry = _slots[slot];
            if (entry == 0)
            {
                break;
            }

            if (Matches(entry, hash, key))
            {
                return ~((int)(uint)entry - 1);
            }
        }

        var index = Count;
        if (index + 1 >= _starts.Length)
        {
            Array.Resize(ref _starts, _starts.Length * 2);
        }

        if (_textLength + key.Length > _text.Length)
        {
            Array.Resize(ref _text, Math.Max(_text.Length * 2, _textLength + key.Length));
        }

        key.CopyTo(_text.AsSpan(_textLength));
        _textLength += key.Length;
        _starts[index + 1] = _textLength;
        _slots[slot] = ((ulong)(uint)hash << 32) | (uint)(index + 1);
        Count = index + 1;
        if (Count * 2 > _slots.Length)
        {
            Grow();
        }

        return index;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Matches(ulong entry, int hash, ReadOnlySpan<char> key) =>
        (int)(entry >> 32) == hash && key.SequenceEqual(this[(int)(uint)entry - 1]);

    private void Grow()
    {
        var old = _slots;
        _slots = new ulong[old.Length * 2];
        _mask = _slots.Length - 1;
        foreach (var entry in old)
        {
            if (entry == 0)
            {
                continue;
            }

            var slot = (int)(entry >> 32) & _mask;
            while (_slots[slot] != 0)
            {
                slot = (slot + 1) & _mask;
            }

            _slots[slot] = entry;
        }
    }

    /// <summary>
    /// A fast, fixed (unseeded) 64-bit multiply-xorshift hash over the key's bytes, folded to a non-negative int.
    /// Ids come from the user's own files, so hash flooding is not a threat worth a keyed hash's cost.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Hash(ReadOnlySpan<char> key)
    {
        var bytes = MemoryMarshal.AsBytes(key);
        var h = 0x9E3779B97F4A7C15UL ^ (ulong)bytes.Length;
        while (bytes.Length >= 8)
        {
            h = (h ^ MemoryMarshal.Read<ulong>(bytes)) * 0xBF58476D1CE4E5B9UL;
            h ^= h >> 31;
            bytes = bytes[8..];
        }

        ulong tail = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            tail |= (ulong)bytes[i] << (8 * i);
        }

        h = (h ^ tail) * 0x94D049BB133111EBUL;
        h ^= h >> 29;
        return (int)(h ^ (h >> 32)) & int.MaxValue;
    }
}
