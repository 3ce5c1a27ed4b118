namespace Workbook.Arr;

/// <summary>
/// A table's id column in row order, stored without an object per row: a UUID id as its 16-byte value, the empty id
/// as a one-byte mark, and only the rare other text ids as strings. At 2.5M accounts a string (or a reference) per
/// id was millions of objects for the garbage collector to trace on every full collection.
/// </summary>
internal sealed class IdColumn
{
    private const byte Uuid = 0;
    private const byte Empty = 1;
    private const byte Text = 2;

    private Guid[] _uuids;
    private byte[] _kinds;
    private Dictionary<int, string>? _texts; // rows whose id is neither a canonical UUID nor empty
    private bool _onlyUuids = true; // then _kinds is all zeros and need not be read

    public IdColumn(int capacity = 16)
    {
        _uuids = new Guid[Math.Max(16, capacity)];
        _kinds = new byte[_uuids.Length];
    }

    public int Count { get; private set; }

    public IdKey this[int row] => _kinds[row] switch
    {
        Uuid => new IdKey(_uuids[row], null),
        Empty => new IdKey(default, ""),
        _ => new IdKey(default, _texts![row]),
    };

    public bool IsEmpty(int row) => _kinds[row] == Empty;

    /// <summary>Makes room for <paramref name="count"/> ids in all.</summary>
    public void Reserve(int count)
    {
        if (count > _uuids.Length)
        {
            Array.Resize(ref _uuids, count);
            Array.Resize(ref _kinds, count);
        }
    }

    /// <summary>Starts loading row <paramref name="row"/>'s UUID (see <see cref="Arr.Prefetch"/>).</summary>
    public void Prefetch(int row) => Arr.Prefetch.Element(_uuids, row);

    /// <summary>Parses and appends an id; returns it as a key.</summary>
    public IdKey Add(ReadOnlySpan<char> text)
    {
        var key = IdKey.Parse(text);
        Add(key);
        return key;
    }

    public void Add(in IdKey key)
    {
        if (Count == _uuids.Length)
        {
            Reserve(2 * Count);
        }

        if (key.Text is null)
        {
            _uuids[Count] = key.Uuid;
        }
        else if (key.Text.Length == 0)
        {
            _kinds[Count] = Empty;
            _onlyUuids = false;
        }
        else
        {
            _kinds[Count] = Text;
            (_texts ??= [])[Count] = key.Text;
            _onlyUuids = false;
        }

        Count++;
    }

    /// <summary>The id's text; a UUID is written into <paramref name="buffer"/> (36 chars).</summary>
    public ReadOnlySpan<char> Format(int row, Span<char> buffer)
    {
        switch (_onlyUuids ? Uuid : _kinds[row])
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
}
