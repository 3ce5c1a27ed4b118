using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Workbook.Arr;

/// <summary>
/// Id → row number. UUID ids live in an open-addressing table whose slot holds the key and the row together, so a
/// lookup costs one cache miss; other ids go to a <see cref="Dictionary{TKey, TValue}"/>. Measured on 2.5M random
/// UUIDs (inserted, then looked up in random order): Dictionary&lt;Guid, int&gt; 0.45-0.54 s to insert and 1.06-1.17 s
/// to look up, this table 0.13-0.36 s and 0.21-0.34 s; the id lookups were a quarter of the rollup's CPU time.
/// </summary>
internal sealed class IdIndex
{
    [StructLayout(LayoutKind.Sequential)]
    private struct Slot
    {
        public Guid Key;
        public int RowPlusOne; // 0: empty
    }

    private Slot[] _slots;
    private int _mask;
    private int _uuids;
    private Dictionary<string, int>? _texts;

    public IdIndex(int capacity = 16)
    {
        _slots = NewSlots(SlotsFor(capacity));
        _mask = _slots.Length - 1;
    }

    public int Count => _uuids + (_texts?.Count ?? 0);

    /// <summary>Makes room for <paramref name="count"/> ids in all, so the table is rebuilt at most once more.</summary>
    public void Reserve(int count)
    {
        if (SlotsFor(count) > _slots.Length)
        {
            Rebuild(SlotsFor(count));
        }
    }

    /// <summary>Adds id → row; false, with the row it already has, when the id is already there.</summary>
    public bool TryAdd(in IdKey id, int row, out int existing)
    {
        if (id.Text is { } text)
        {
            _texts ??= new Dictionary<string, int>(StringComparer.Ordinal);
            if (_texts.TryAdd(text, row))
            {
                existing = -1;
                return true;
            }

            existing = _texts[text];
            return false;
        }

        if (_uuids >= (_slots.Length >> 1) + (_slots.Length >> 2))
        {
            Rebuild(_slots.Length * 2);
        }

        ref var slot = ref Probe(_slots, _mask, id.Uuid);
        if (slot.RowPlusOne != 0)
        {
            existing = slot.RowPlusOne - 1;
            return false;
        }

        slot.Key = id.Uuid;
        slot.RowPlusOne = row + 1;
        _uuids++;
        existing = -1;
        return true;
    }

    /// <summary>The row of an id, or -1.</summary>
    public int Find(in IdKey id)
    {
        if (id.Text is { } text)
        {
            return _texts is not null && _texts.TryGetValue(text, out var row) ? row : -1;
        }

        return Probe(_slots, _mask, id.Uuid).RowPlusOne - 1;
    }

    /// <summary>
    /// Indexes every id of <paramref name="ids"/> (id → row), in row order with the slots prefetched; the first row
    /// whose id an earlier row has gets the exception <paramref name="repeated"/>(row, first row) makes, thrown.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // see ArrInputs: a loop over every row, run once
    public static IdIndex Of(IdColumn ids, Func<int, int, Exception> repeated)
    {
        var index = new IdIndex(ids.Count);
        for (var row = 0; row < ids.Count; row++)
        {
            if (row + Arr.Prefetch.Distance < ids.Count)
            {
                index.Prefetch(ids[row + Arr.Prefetch.Distance]);
            }

            if (!index.TryAdd(ids[row], row, out var first))
            {
                throw repeated(row, first);
            }
        }

        return index;
    }

    /// <summary>The row of every id of <paramref name="ids"/>, -1 for an id not held (the empty id included), looked up in row order with the slots prefetched.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // see ArrInputs: a loop over every row, run once
    public int[] FindAll(IdColumn ids)
    {
        var rows = new int[ids.Count];
        for (var row = 0; row < rows.Length; row++)
        {
            if (row + Arr.Prefetch.Distance < rows.Length)
            {
                Prefetch(ids[row + Arr.Prefetch.Distance]);
            }

            rows[row] = Find(ids[row]);
        }

        return rows;
    }

    /// <summary>Starts loading the slot where <paramref name="id"/>'s probe begins (see <see cref="Arr.Prefetch"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Prefetch(in IdKey id)
    {
        if (id.Text is null)
        {
            Arr.Prefetch.Element(_slots, Home(id.Uuid, _mask));
        }
    }

    /// <summary>The slot holding <paramref name="key"/>, or the empty slot where it would go (linear probing).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref Slot Probe(Slot[] slots, int mask, Guid key)
    {
        var i = Home(key, mask);
        while (true)
        {
            ref var slot = ref slots[i];
            if (slot.RowPlusOne == 0 || slot.Key == key)
            {
                return ref slot;
            }

            i = (i + 1) & mask;
        }
    }

    /// <summary>The slot where a key's probe starts. Both halves are mixed: version-7 and sequential UUIDs share their leading bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Home(Guid key, int mask)
    {
        var halves = MemoryMarshal.Cast<Guid, ulong>(new ReadOnlySpan<Guid>(in key));
        return (int)(((halves[0] ^ (halves[1] * 0x9E3779B97F4A7C15UL)) * 0xBF58476D1CE4E5B9UL) >> 32) & mask;
    }

    private void Rebuild(int length)
    {
        var slots = NewSlots(length);
        var mask = slots.Length - 1;
        foreach (var slot in _slots)
        {
            if (slot.RowPlusOne != 0)
            {
                Probe(slots, mask, slot.Key) = slot;
            }
        }

        (_slots, _mask) = (slots, mask);
    }

    /// <summary>
    /// Slots written once before use. Fresh memory from the system reads as a shared page of zeros, and a probe reads
    /// before it writes: each page would then fault twice, the second time making every core flush its address
    /// cache (measured: ~7% of a 2.5M-account run). Writing first faults once.
    /// </summary>
    private static Slot[] NewSlots(int length)
    {
        var slots = GC.AllocateUninitializedArray<Slot>(length);
        slots.AsSpan().Clear();
        return slots;
    }

    /// <summary>A power of two with room for <paramref name="count"/> keys at most 3/4 full (about 2/3 when presized).</summary>
    private static int SlotsFor(int count) => (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, count + (count >> 1)));
}
