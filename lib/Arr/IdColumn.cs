using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Workbook.Core;

namespace Workbook.Arr;

/// <summary>
/// A table's id column in row order, and once <see cref="Index"/> has run, its index from id to row.
/// Ids are text compared exactly (case and spaces matter). The usual id, a UUID in canonical lowercase form, is kept
/// as its 16-byte <see cref="Guid"/> (written back as the very same text); the empty id as a one-byte mark; only the
/// rare other ids as strings, so that millions of accounts are not millions of objects for the garbage collector to
/// trace on every full collection.
/// <para>
/// The index is an open-addressing table whose slot holds the UUID and its row together, so a lookup is one cache
/// miss (a <c>Dictionary</c> entry points to its key elsewhere), and the row loops ask for their slots a few rows
/// ahead (<see cref="Arr.Prefetch"/>). Other ids go to a <c>Dictionary&lt;string, int&gt;</c>.
/// </para>
/// </summary>
internal sealed class IdColumn(int capacity = 1 << 12)
{
    public const int UuidLength = 36;

    private const byte Uuid = 0;
    private const byte Empty = 1;
    private const byte Text = 2;

    private Guid[] _uuids = new Guid[Math.Max(16, capacity)];
    private byte[] _kinds = new byte[Math.Max(16, capacity)];
    private Dictionary<int, string>? _texts; // rows whose id is neither a canonical UUID nor empty
    private bool _onlyUuids = true; // then _kinds is all zeros and need not be read

    private Slot[] _slots = [];
    private int _mask;
    private Dictionary<string, int>? _textRows;

    public int Count { get; private set; }

    /// <summary>The id's text, for messages.</summary>
    public string this[int row] => KindOf(row) switch
    {
        Uuid => _uuids[row].ToString(),
        Empty => "",
        _ => _texts![row],
    };

    public bool IsEmpty(int row) => KindOf(row) == Empty;

    /// <summary>Makes room for <paramref name="count"/> ids in all.</summary>
    public void Reserve(int count)
    {
        if (count > _uuids.Length)
        {
            Array.Resize(ref _uuids, count);
            Array.Resize(ref _kinds, count);
        }
    }

    public void Add(ReadOnlySpan<char> text)
    {
        if (Count == _uuids.Length)
        {
            Reserve(2 * Count);
        }

        if (TryParseUuid(text, out var uuid))
        {
            _uuids[Count] = uuid;
        }
        else
        {
            _kinds[Count] = text.IsEmpty ? Empty : Text;
            if (!text.IsEmpty)
            {
                (_texts ??= [])[Count] = text.ToString();
            }

            _onlyUuids = false;
        }

        Count++;
    }

    /// <summary>The id's text; a UUID is written into <paramref name="buffer"/> (<see cref="UuidLength"/> chars).</summary>
    public ReadOnlySpan<char> Format(int row, Span<char> buffer)
    {
        switch (KindOf(row))
        {
            case Uuid:
                _uuids[row].TryFormat(buffer, out var length);
                return buffer[..length];
            case Empty:
                return default;
            default:
                return _texts![row];
        }
    }

    /// <summary>Starts loading row <paramref name="row"/>'s UUID (see <see cref="Arr.Prefetch"/>).</summary>
    public void Prefetch(int row) => Arr.Prefetch.Element(_uuids, row);

    /// <summary>
    /// Indexes every row's id, in row order with the slots prefetched. The first row whose id an earlier row has is an
    /// error naming both lines (even under --lenient: either row could be the right one).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // see ArrInputs: a loop over every row, run once
    public void Index(string fileName, string column, string what, Func<int, long> lineOf)
    {
        // At most 2/3 full. Written once before use: fresh memory from the system reads as a shared page of zeros, and a
        // probe reads before it writes, so each page would fault twice, the second time making every core flush its
        // address cache.
        _slots = GC.AllocateUninitializedArray<Slot>((int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, Count + (Count >> 1))));
        _slots.AsSpan().Clear();
        _mask = _slots.Length - 1;
        _textRows = null;
        for (var row = 0; row < Count; row++)
        {
            if (row + Arr.Prefetch.Distance < Count)
            {
                PrefetchSlot(this, row + Arr.Prefetch.Distance);
            }

            var first = -1;
            if (KindOf(row) == Uuid)
            {
                ref var slot = ref Probe(_uuids[row]);
                if (slot.RowPlusOne == 0)
                {
                    (slot.Key, slot.RowPlusOne) = (_uuids[row], row + 1);
                }
                else
                {
                    first = slot.RowPlusOne - 1;
                }
            }
            else if (!(_textRows ??= new(StringComparer.Ordinal)).TryAdd(this[row], row))
            {
                first = _textRows[this[row]];
            }

            if (first >= 0)
            {
                throw new InputDataException(fileName, lineOf(row), column, $"duplicate {what} id '{this[row]}' (first on line {lineOf(first)})");
            }
        }
    }

    /// <summary>The row of an id (after <see cref="Index"/>), or -1.</summary>
    public int Find(ReadOnlySpan<char> id) => TryParseUuid(id, out var uuid) ? Probe(uuid).RowPlusOne - 1 : FindText(id.ToString());

    /// <summary>The row of every id of <paramref name="ids"/> (after <see cref="Index"/>), -1 for an id not held, the empty id included; looked up in row order with the slots prefetched.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // see ArrInputs: a loop over every row, run once
    public int[] FindAll(IdColumn ids)
    {
        var rows = new int[ids.Count];
        for (var row = 0; row < rows.Length; row++)
        {
            if (row + Arr.Prefetch.Distance < rows.Length)
            {
                PrefetchSlot(ids, row + Arr.Prefetch.Distance);
            }

            rows[row] = ids.KindOf(row) == Uuid ? Probe(ids._uuids[row]).RowPlusOne - 1 : FindText(ids[row]);
        }

        return rows;
    }

    /// <summary>A canonical UUID: 36 characters, lowercase hex. Any other text (upper case included) is a text id.</summary>
    private static bool TryParseUuid(ReadOnlySpan<char> text, out Guid uuid)
    {
        uuid = default;
        return text.Length == UuidLength && Guid.TryParseExact(text, "D", out uuid) && !text.ContainsAnyInRange('A', 'F');
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private byte KindOf(int row) => _onlyUuids ? Uuid : _kinds[row];

    private int FindText(string text) => _textRows is not null && _textRows.TryGetValue(text, out var row) ? row : -1;

    /// <summary>Starts loading the slot where the probe for row <paramref name="row"/> of <paramref name="ids"/> begins.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void PrefetchSlot(IdColumn ids, int row)
    {
        if (ids.KindOf(row) == Uuid)
        {
            Arr.Prefetch.Element(_slots, Home(ids._uuids[row]));
        }
    }

    /// <summary>The slot holding <paramref name="key"/>, or the empty slot where it would go (linear probing).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref Slot Probe(Guid key)
    {
        var i = Home(key);
        while (true)
        {
            ref var slot = ref _slots[i];
            if (slot.RowPlusOne == 0 || slot.Key == key)
            {
                return ref slot;
            }

            i = (i + 1) & _mask;
        }
    }

    /// <summary>The slot where a key's probe starts. Both halves are mixed: version-7 and sequential UUIDs share their leading bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Home(Guid key)
    {
        var halves = MemoryMarshal.Cast<Guid, ulong>(new ReadOnlySpan<Guid>(in key));
        return (int)(((halves[0] ^ (halves[1] * 0x9E3779B97F4A7C15UL)) * 0xBF58476D1CE4E5B9UL) >> 32) & _mask;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Slot
    {
        public Guid Key;
        public int RowPlusOne; // 0: empty
    }
}
