using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;

namespace Workbook.Arr;

/// <summary>
/// An id ready to store or look up: ids are UTF-8 text compared exactly (case and spaces matter), and the usual
/// one, a UUID written in canonical lowercase form, is carried as its 128-bit value instead: 16 bytes instead of 36,
/// compared in two steps, and written back as the very same text. Any other text is carried as its bytes.
/// </summary>
internal readonly ref struct IdKey
{
    // The hash's top bit tells the two kinds apart, so equal hashes imply the same kind.
    private const uint TextKind = 1u << 31;

    private IdKey(ReadOnlySpan<byte> text, ulong high, ulong low, bool isUuid, uint hash)
    {
        Text = text;
        High = high;
        Low = low;
        IsUuid = isUuid;
        Hash = hash;
    }

    /// <summary>The bytes of a text id; empty for a UUID.</summary>
    public ReadOnlySpan<byte> Text { get; }

    public ulong High { get; }

    public ulong Low { get; }

    public bool IsUuid { get; }

    public uint Hash { get; }

    /// <summary>True for the empty id (no parent).</summary>
    public bool IsEmpty => !IsUuid && Text.IsEmpty;

    public static IdKey Parse(ReadOnlySpan<byte> id) =>
        Uuid.TryParse(id, out var high, out var low) ? FromUuid(high, low) : FromText(id);

    public static IdKey FromUuid(ulong high, ulong low)
    {
        // Version-7 and sequential UUIDs share their high bits: mix both halves.
        var h = (high ^ (low * 0x9E3779B97F4A7C15UL)) * 0xBF58476D1CE4E5B9UL;
        return new IdKey(default, high, low, isUuid: true, (uint)(h >> 33));
    }

    /// <summary>
    /// A fast, fixed (unseeded) 64-bit multiply-xorshift hash over the bytes. Ids come from the user's own files,
    /// so hash flooding is not a threat worth a keyed hash's cost.
    /// </summary>
    public static IdKey FromText(ReadOnlySpan<byte> text)
    {
        var bytes = text;
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
        return new IdKey(text, 0, 0, isUuid: false, (uint)(h >> 33) | TextKind);
    }
}

/// <summary>A growing list of ids (duplicates allowed), stored as <see cref="IdKey"/> describes.</summary>
internal sealed class IdList
{
    private ulong[] _values; // two per id: a UUID's halves, or a text id's offset and length in _text
    private ulong[] _isText; // one bit per id
    private byte[] _text = new byte[256];
    private int _textLength;

    public IdList(int expectedCount = 16)
    {
        _values = new ulong[2 * Math.Max(16, expectedCount)];
        _isText = new ulong[(_values.Length / 2 + 63) / 64];
    }

    public int Count { get; private set; }

    /// <summary>Id <paramref name="index"/> as text (messages, tests, notebooks).</summary>
    public string this[int index]
    {
        get
        {
            Span<byte> uuid = stackalloc byte[Uuid.Length];
            return Encoding.UTF8.GetString(Utf8(index, uuid));
        }
    }

    /// <summary>Appends an id and returns its index.</summary>
    public int Add(ReadOnlySpan<byte> id) => Add(IdKey.Parse(id));

    public int Add(in IdKey key)
    {
        var index = Count;
        if (2 * index == _values.Length)
        {
            Array.Resize(ref _values, 2 * _values.Length);
            Array.Resize(ref _isText, (_values.Length / 2 + 63) / 64);
        }

        if (key.IsUuid)
        {
            _values[2 * index] = key.High;
            _values[2 * index + 1] = key.Low;
        }
        else
        {
            if (_textLength + key.Text.Length > _text.Length)
            {
                Array.Resize(ref _text, Math.Max(2 * _text.Length, _textLength + key.Text.Length));
            }

            key.Text.CopyTo(_text.AsSpan(_textLength));
            _values[2 * index] = (ulong)_textLength;
            _values[2 * index + 1] = (ulong)key.Text.Length;
            _isText[index >> 6] |= 1UL << index;
            _textLength += key.Text.Length;
        }

        Count = index + 1;
        return index;
    }

    /// <summary>Id <paramref name="index"/> as a key (to look it up in an <see cref="IdIndex"/>).</summary>
    public IdKey Key(int index) => IsText(index) ? IdKey.FromText(TextOf(index)) : IdKey.FromUuid(_values[2 * index], _values[2 * index + 1]);

    /// <summary>The UTF-8 text of id <paramref name="index"/>: a text id's own bytes, or a UUID written into <paramref name="uuid"/> (36 bytes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<byte> Utf8(int index, Span<byte> uuid)
    {
        if (IsText(index))
        {
            return TextOf(index);
        }

        Uuid.Format(_values[2 * index], _values[2 * index + 1], uuid);
        return uuid[..Uuid.Length];
    }

    /// <summary>Whether id <paramref name="index"/> equals <paramref name="key"/>, given that their hashes are equal (so their kinds are).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Equals(int index, in IdKey key) =>
        key.IsUuid
            ? _values[2 * index] == key.High && _values[2 * index + 1] == key.Low
            : TextOf(index).SequenceEqual(key.Text);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool IsText(int index) => (_isText[index >> 6] & (1UL << index)) != 0;

    private ReadOnlySpan<byte> TextOf(int index) => _text.AsSpan((int)_values[2 * index], (int)_values[2 * index + 1]);
}

/// <summary>
/// Maps ids to dense numbers 0, 1, 2, ... in the order they were added, and keeps them (an <see cref="IdList"/>).
/// The rollup works on these numbers (arrays indexed by account), so an id is parsed and hashed once per mention and
/// never becomes a string object. Open addressing with linear probing over one array of slots: a slot holds the
/// key's hash in its high half and its number + 1 in its low half (0: empty), so a probe that is not a match is
/// rejected without touching the key: at millions of ids every other array access is a cache miss.
/// </summary>
internal sealed class IdIndex
{
    private readonly IdList _ids;
    private ulong[] _slots;
    private int _mask;

    public IdIndex(int expectedCount = 16)
        : this(new IdList(expectedCount), expectedCount)
    {
    }

    /// <summary>
    /// Indexes a whole list at once. Probing a large table is a cache miss per id; in a tight loop of independent
    /// probes the processor overlaps them (several times faster than probing between the parsing of each row).
    /// An id that repeats an earlier one is not indexed: the first such is <see cref="Repeat"/>.
    /// </summary>
    public IdIndex(IdList ids)
        : this(ids, ids.Count)
    {
        for (var index = 0; index < ids.Count; index++)
        {
            var key = ids.Key(index);
            var slot = Probe(key, out var found);
            if (found >= 0)
            {
                Repeat ??= (index, found);
                continue;
            }

            Insert(slot, key, index);
        }
    }

    private IdIndex(IdList ids, int expectedCount)
    {
        _ids = ids;
        var slots = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(32, expectedCount * 2));
        _slots = new ulong[slots];
        _mask = slots - 1;
    }

    public int Count => _ids.Count;

    /// <summary>From the bulk constructor: the first id that repeats an earlier one, with that one's number.</summary>
    public (int Index, int First)? Repeat { get; }

    /// <summary>Id <paramref name="index"/> as text (messages, tests, notebooks).</summary>
    public string this[int index] => _ids[index];

    /// <inheritdoc cref="IdList.Utf8"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<byte> Utf8(int index, Span<byte> uuid) => _ids.Utf8(index, uuid);

    /// <summary>The number of <paramref name="id"/>, or -1 when it was never added.</summary>
    public int Find(ReadOnlySpan<byte> id) => Find(IdKey.Parse(id));

    public int Find(ReadOnlySpan<char> id) => Find(Encoding.UTF8.GetBytes(id.ToString()));

    public int Find(in IdKey key)
    {
        Probe(key, out var found);
        return found;
    }

    /// <summary>Adds <paramref name="id"/> and returns its new number; when it is already present, returns the existing number as <c>~number</c> (negative).</summary>
    public int Add(ReadOnlySpan<byte> id) => Add(IdKey.Parse(id));

    public int Add(ReadOnlySpan<char> id) => Add(Encoding.UTF8.GetBytes(id.ToString()));

    public int Add(in IdKey key)
    {
        var slot = Probe(key, out var found);
        if (found >= 0)
        {
            return ~found;
        }

        var index = _ids.Add(key);
        Insert(slot, key, index);
        return index;
    }

    /// <summary>The slot holding <paramref name="key"/> (its number in <paramref name="found"/>), or the empty slot where it would go (found = -1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private uint Probe(in IdKey key, out int found)
    {
        for (var slot = key.Hash & (uint)_mask; ; slot = (slot + 1) & (uint)_mask)
        {
            var entry = _slots[slot];
            if (entry == 0)
            {
                found = -1;
                return slot;
            }

            if ((uint)(entry >> 32) == key.Hash && _ids.Equals((int)(uint)entry - 1, key))
            {
                found = (int)(uint)entry - 1;
                return slot;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Insert(uint slot, in IdKey key, int index)
    {
        _slots[slot] = ((ulong)key.Hash << 32) | (uint)(index + 1);
        if (Count * 2 > _slots.Length)
        {
            Grow();
        }
    }

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
}

/// <summary>
/// UUIDs in their canonical text form, 8-4-4-4-12 lowercase hex digits, to and from two 64-bit halves (the first
/// digit is the high half's top nibble). Both directions convert 16 digits at a time with Vector128 operations
/// (ids are parsed once per mention and written up to three times per output row).
/// </summary>
internal static class Uuid
{
    public const int Length = 36;

    /// <summary>
    /// The two halves of a canonical lowercase UUID; false for any other text (uppercase digits included: the text
    /// must come back exactly as written).
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out ulong high, out ulong low)
    {
        high = low = 0;
        if (text.Length != Length || text[8] != '-' || text[13] != '-' || text[18] != '-' || text[23] != '-')
        {
            return false;
        }

        // The digits without the hyphens: 0-7, 9-12 and 14-17 make the high half, 19-22 and 24-35 the low half.
        var first = Vector128.Create(Read<ulong>(text, 0), Read<uint>(text, 9) | ((ulong)Read<uint>(text, 14) << 32));
        var second = Vector128.Create(Read<uint>(text, 19) | ((ulong)Read<uint>(text, 24) << 32), Read<ulong>(text, 28));
        if (!TryDigitValues(first.AsByte(), out var highDigits) || !TryDigitValues(second.AsByte(), out var lowDigits))
        {
            return false;
        }

        high = BinaryPrimitives.ReverseEndianness(PackNibbles(highDigits));
        low = BinaryPrimitives.ReverseEndianness(PackNibbles(lowDigits));
        return true;
    }

    /// <summary>Writes the canonical text of a UUID into the first 36 bytes of <paramref name="destination"/>.</summary>
    public static void Format(ulong high, ulong low, Span<byte> destination)
    {
        var text = destination[..Length];
        var first = Digits(high);
        var second = Digits(low);
        MemoryMarshal.Write(text, first.AsUInt64().GetElement(0));
        MemoryMarshal.Write(text[9..], first.AsUInt32().GetElement(2));
        MemoryMarshal.Write(text[14..], first.AsUInt32().GetElement(3));
        MemoryMarshal.Write(text[19..], second.AsUInt32().GetElement(0));
        MemoryMarshal.Write(text[24..], second.AsUInt32().GetElement(1));
        MemoryMarshal.Write(text[28..], second.AsUInt64().GetElement(1));
        text[8] = text[13] = text[18] = text[23] = (byte)'-';
    }

    private static T Read<T>(ReadOnlySpan<byte> text, int offset)
        where T : unmanaged => MemoryMarshal.Read<T>(text[offset..]);

    /// <summary>16 lowercase hex digits to their values; false when any is not one.</summary>
    private static bool TryDigitValues(Vector128<byte> ascii, out Vector128<byte> values)
    {
        var digit = ascii - Vector128.Create((byte)'0');
        var letter = ascii - Vector128.Create((byte)'a');
        var isDigit = Vector128.LessThan(digit, Vector128.Create((byte)10));
        var isLetter = Vector128.LessThan(letter, Vector128.Create((byte)6));
        values = Vector128.ConditionalSelect(isDigit, digit, letter + Vector128.Create((byte)10));
        return (isDigit | isLetter) == Vector128<byte>.AllBitsSet;
    }

    /// <summary>16 digit values, first digit first, to the 8 bytes they spell (first byte lowest).</summary>
    private static ulong PackNibbles(Vector128<byte> values)
    {
        var pairs = values.AsUInt16();
        var bytes = ((pairs & Vector128.Create((ushort)0xF)) << 4) | (pairs >> 8);
        return Vector128.Narrow(bytes, bytes).AsUInt64().GetElement(0);
    }

    /// <summary>The 16 lowercase hex digits of <paramref name="half"/>, most significant first.</summary>
    private static Vector128<byte> Digits(ulong half)
    {
        var (pairs, _) = Vector128.Widen(Vector128.CreateScalar(BinaryPrimitives.ReverseEndianness(half)).AsByte());
        var values = ((pairs >> 4) | ((pairs & Vector128.Create((ushort)0xF)) << 8)).AsByte();
        var letters = Vector128.GreaterThan(values, Vector128.Create((byte)9)) & Vector128.Create((byte)('a' - '0' - 10));
        return values + Vector128.Create((byte)'0') + letters;
    }
}
