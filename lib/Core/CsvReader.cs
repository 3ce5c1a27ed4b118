using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Workbook.Core;

/// <summary>
/// A streaming RFC 4180 reader: the one CSV parser of the workbook.
/// Handles a UTF-8 byte-order mark, LF and CRLF line ends, quoted fields holding commas, quotes and
/// line breaks, and a missing final newline. Blank lines are skipped. Every record knows the physical
/// line it starts on, so errors name file, line and column.
/// Field values are exposed as spans over an internal buffer that is valid until the next <see cref="Read"/>;
/// call <see cref="GetString"/> to keep a value.
/// </summary>
public sealed class CsvReader : IDisposable
{

    private readonly TextReader _reader;
    private readonly char[] _buffer = new char[1 << 16];
    private int _pos;
    private int _len;
    private bool _eof;

    // The current record, unescaped: field i is _record[_starts[i] .. _starts[i] + _lengths[i]].
    private char[] _record = new char[1 << 12];
    private int _recordLength;
    private int[] _starts = new int[16];
    private int[] _lengths = new int[16];
    private int _count;

    private long _nextLine = 1;
    private readonly Dictionary<string, int> _columns = new(StringComparer.Ordinal);

    public CsvReader(TextReader reader, string fileName)
    {
        _reader = reader;
        FileName = fileName;
        if (!ReadRecord())
        {
            throw new InputDataException(fileName, 0, null, "the file is empty: expected a header row");
        }

        var header = new string[_count];
        for (var i = 0; i < _count; i++)
        {
            header[i] = this[i].Trim().ToString();
            if (!_columns.TryAdd(header[i], i))
            {
                throw new InputDataException(fileName, LineNumber, header[i], "the header names this column twice");
            }
        }

        Header = header;
    }

    /// <summary>Opens a file for reading; a missing file is an <see cref="InputDataException"/>.</summary>
    public static CsvReader Open(string path)
    {
        if (!File.Exists(path))
        {
            throw new InputDataException(path, 0, null, "file not found");
        }

        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        try
        {
            return new CsvReader(reader, path);
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    public string FileName { get; }

    public IReadOnlyList<string> Header { get; }

    /// <summary>The 1-based physical line on which the current record starts (the header is line 1).</summary>
    public long LineNumber { get; private set; }

    public int FieldCount => _count;

    /// <summary>
    /// Bytes taken from the underlying file so far (to the read-ahead buffer's granularity), for progress bars;
    /// null when the reader does not sit on a seekable stream.
    /// </summary>
    public long? BytesRead => _reader is StreamReader { BaseStream.CanSeek: true } stream ? stream.BaseStream.Position : null;

    public ReadOnlySpan<char> this[int index]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _record.AsSpan(_starts[index], _lengths[index]);
    }

    /// <summary>Index of a header column; a missing column is an error that names it.</summary>
    public int Column(string name) =>
        _columns.TryGetValue(name, out var index)
            ? index
            : throw new InputDataException(FileName, 1, name, $"missing column (the header has: {string.Join(", ", Header)})");

    public bool HasColumn(string name) => _columns.ContainsKey(name);

    /// <summary>Advances to the next record. Returns false at the end of the file.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Read()
    {
        if (!ReadRecord())
        {
            return false;
        }

        if (_count != Header.Count)
        {
            throw new InputDataException(FileName, LineNumber, null, $"expected {Header.Count} fields as in the header, found {_count}");
        }

        return true;
    }

    public string GetString(int index) => this[index].ToString();

    /// <summary>The value, or null when the cell is empty.</summary>
    public string? GetOptionalString(int index) => _lengths[index] == 0 ? null : GetString(index);

    public decimal GetDecimal(int index) =>
        TryParseDecimal(this[index], out var value) ? value : throw Error(index, $"'{GetString(index)}' is not a number");

    public decimal? GetOptionalDecimal(int index) => _lengths[index] == 0 ? null : GetDecimal(index);

    public long GetInt64(int index) =>
        long.TryParse(this[index], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Error(index, $"'{GetString(index)}' is not a whole number");

    /// <summary>A calendar date written yyyy-MM-dd.</summary>
    public DateOnly GetDate(int index) =>
        TryParseDate(this[index], out var value)
            ? value
            : throw Error(index, $"'{GetString(index)}' is not a date (expected yyyy-MM-dd)");

    /// <summary>
    /// yyyy-MM-dd. The usual exact shape is parsed by hand (dates are parsed per row of large files, and the
    /// framework's format parser is several times slower); anything else goes to that parser, so what is accepted
    /// is the same.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParseDate(ReadOnlySpan<char> text, out DateOnly value)
    {
        if (text.Length == 10 && text[4] == '-' && text[7] == '-'
            && TryDigits(text[..4], out var year) && TryDigits(text[5..7], out var month) && TryDigits(text[8..], out var day)
            && year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month))
        {
            value = new DateOnly(year, month, day);
            return true;
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out value);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static bool TryDigits(ReadOnlySpan<char> digits, out int number)
        {
            number = 0;
            foreach (var c in digits)
            {
                if (!char.IsAsciiDigit(c))
                {
                    return false;
                }

                number = number * 10 + (c - '0');
            }

            return true;
        }
    }

    /// <summary>An error about field <paramref name="index"/> of the current record.</summary>
    public InputDataException Error(int index, string problem) => new(FileName, LineNumber, Header[index], problem);

    /// <summary>An error about the current record as a whole.</summary>
    public InputDataException Error(string problem) => new(FileName, LineNumber, null, problem);

    public static bool TryParseDecimal(ReadOnlySpan<char> text, out decimal value) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    public void Dispose() => _reader.Dispose();

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool ReadRecord()
    {
        while (true)
        {
            if (!ParseRecord())
            {
                return false;
            }

            // A blank line is one empty field: skip it.
            if (!(_count == 1 && _lengths[0] == 0))
            {
                return true;
            }
        }
    }

    /// <summary>Parses one physical record into the record buffer. False when the input is exhausted.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool ParseRecord()
    {
        _count = 0;
        _recordLength = 0;
        if (!EnsureData())
        {
            return false;
        }

        LineNumber = _nextLine;
        StartField();
        while (true)
        {
            if (!EnsureData())
            {
                EndField();
                return true;
            }

            if (_recordLength == _starts[_count] && _buffer[_pos] == '"')
            {
                _pos++;
                ParseQuoted();
                continue;
            }

            var span = _buffer.AsSpan(_pos, _len - _pos);
            var stop = CsvSyntax.IndexOfSpecial(span);
            if (stop < 0)
            {
                Append(span);
                _pos = _len;
                continue;
            }

            Append(span[..stop]);
            _pos += stop;
            var c = _buffer[_pos++];
            switch (c)
            {
                case ',':
                    EndField();
                    StartField();
                    break;
                case '"':
                    // A quote inside an unquoted field is kept as text, as spreadsheet tools do.
                    Append("\"");
                    break;
                default:
                    EndLine(c);
                    EndField();
                    return true;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ParseQuoted()
    {
        var openedOn = _nextLine;
        while (true)
        {
            if (!EnsureData())
            {
                throw new InputDataException(FileName, openedOn, null, "a quoted field is never closed");
            }

            var span = _buffer.AsSpan(_pos, _len - _pos);
            var quote = span.IndexOf('"');
            var chunk = quote < 0 ? span : span[..quote];
            Append(chunk);
            _nextLine += chunk.Count('\n');
            if (quote < 0)
            {
                _pos = _len;
                continue;
            }

            _pos += quote + 1;
            if (EnsureData() && _buffer[_pos] == '"')
            {
                Append("\"");
                _pos++;
                continue;
            }

            return;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void EndLine(char c)
    {
        _nextLine++;
        if (c == '\r' && EnsureData() && _buffer[_pos] == '\n')
        {
            _pos++;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool EnsureData()
    {
        if (_pos < _len)
        {
            return true;
        }

        if (_eof)
        {
            return false;
        }

        _len = _reader.Read(_buffer, 0, _buffer.Length);
        _pos = 0;
        _eof = _len == 0;
        return !_eof;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void StartField()
    {
        if (_count == _starts.Length)
        {
            Array.Resize(ref _starts, _count * 2);
            Array.Resize(ref _lengths, _count * 2);
        }

        _starts[_count] = _recordLength;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void EndField()
    {
        _lengths[_count] = _recordLength - _starts[_count];
        _count++;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Append(ReadOnlySpan<char> text)
    {
        if (_recordLength + text.Length > _record.Length)
        {
            Array.Resize(ref _record, Math.Max(_record.Length * 2, _recordLength + text.Length));
        }

        text.CopyTo(_record.AsSpan(_recordLength));
        _recordLength += text.Length;
    }
}
