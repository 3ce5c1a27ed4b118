using System.Runtime.CompilerServices;

namespace Workbook.Arr;

/// <summary>
/// Rows of a fixed number of text fields, packed into one UTF-8 byte buffer with one end offset per field:
/// what the accounts loader keeps of each input row so the output can repeat it without reading the file twice
/// (no string object per cell: at 2.5M accounts that is the difference between one array and 7.5M objects).
/// </summary>
internal sealed class TextColumns
{
    private readonly int _width;
    private byte[] _bytes;
    private int _length;
    private int[] _ends;
    private int _fields;

    public TextColumns(int width, int expectedRows, int expectedBytes)
    {
        _width = width;
        _bytes = new byte[Math.Max(16, expectedBytes)];
        _ends = new int[Math.Max(16, expectedRows * Math.Max(1, width))];
    }

    public int Width => _width;

    public int RowCount => _width == 0 ? 0 : _fields / _width;

    /// <summary>Appends the next field of the current row (rows are filled field by field, in order).</summary>
    public void Append(ReadOnlySpan<byte> value)
    {
        if (_length + value.Length > _bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _length + value.Length));
        }

        if (_fields == _ends.Length)
        {
            Array.Resize(ref _ends, _ends.Length * 2);
        }

        value.CopyTo(_bytes.AsSpan(_length));
        _length += value.Length;
        _ends[_fields++] = _length;
    }

    public ReadOnlySpan<byte> this[int row, int column]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            var field = row * _width + column;
            var start = field == 0 ? 0 : _ends[field - 1];
            return _bytes.AsSpan(start, _ends[field] - start);
        }
    }
}
