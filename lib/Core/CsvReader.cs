using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Workbook.Core;

/// <summary>
/// A streaming RFC 4180 reader: the one CSV parser of the workbook.
/// Handles a UTF-8 byte-order mark, LF and CRLF line ends, quoted fields holding commas, quotes and
/// line breaks, and a missing final newline. Blank lines are skipped. Every record knows the physical
/// line it starts on, so errors name file, line and column.
/// <para>
/// It parses UTF-8 bytes (what the files hold): <see cref="Utf8"/> gives a field's bytes without any decoding, and
/// the typed getters parse them directly; <see cref="this[int]"/> gives the field as UTF-16 text, decoded once per
/// record on first use. A <see cref="TextReader"/> source is encoded to UTF-8 as it is read.
/// </para>
/// Field values are spans over internal buffers, valid until the next <see cref="Read"/>; call
/// <see cref="GetString"/> to keep a value.
/// </summary>
public sealed class CsvReader : IDisposable
{
    private readonly Stream _stream;
    private readonly byte[] _buffer = new byte[1 << 16];
    private int _pos;
    private int _len;
    private bool _eof;

    // The current record, unescaped: field i is _record[_starts[i] .. _starts[i] + _lengths[i]].
    private byte[] _record = new byte[1 << 12];
    private int _recordLength;
    private int[] _starts = new int[16];
    private int[] _lengths = new int[16];
    private int _count;

    // The current record as UTF-16, decoded on first use: field i is _chars[_charStarts[i] .. + _charLengths[i]].
    private char[] _chars = new char[1 << 12];
    private int[] _charStarts = new int[16];
    private int[] _charLengths = new int[16];
    private bool _decoded;

    private long _nextLine = 1;
    private readonly Dictionary<string, int> _columns = new(StringComparer.Ordinal);
    private readonly int _headerCount;

    /// <summary>Reads CSV text from UTF-8 bytes (a leading byte-order mark is skipped).</summary>
    public CsvReader(Stream utf8, string fileName)
    {
        _stream = utf8;
        FileName = fileName;
        _len = utf8.ReadAtLeast(_buffer, 3, throwOnEndOfStream: false);
        _eof = _len == 0;
        if (_buffer.AsSpan(0, _len).StartsWith("\uFEFF"u8))
        {
            _pos = 3;
        }

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
        _headerCount = header.Length;
    }

    /// <summary>Reads CSV text from a reader (tests, notebooks, text already in memory).</summary>
    public CsvReader(TextReader reader, string fileName)
        : this(new Utf8TextStream(reader), fileName)
    {
    }

    /// <summary>Opens a file for reading; a missing file is an <see cref="InputDataException"/>.</summary>
    public static CsvReader Open(string path)
    {
        if (!File.Exists(path))
        {
            throw new InputDataException(path, 0, null, "file not found");
        }

        // No FileStream buffer: the reader reads in blocks as large as one.
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
        try
        {
            // A UTF-16 file (its byte-order mark says so) is decoded by a StreamReader, as it always was.
            Span<byte> bom = stackalloc byte[2];
            var utf16 = stream.ReadAtLeast(bom, 2, throwOnEndOfStream: false) == 2 && (bom[0], bom[1]) is (0xFF, 0xFE) or (0xFE, 0xFF);
            stream.Position = 0;
            return utf16 ? new CsvReader(new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true), path) : new CsvReader(stream, path);
        }
        catch
        {
            stream.Dispose();
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
    public long? BytesRead => _stream.CanSeek ? _stream.Position : null;

    /// <summary>Field <paramref name="index"/> as UTF-16 text.</summary>
    public ReadOnlySpan<char> this[int index]
    {
        get
        {
            if (!_decoded)
            {
                Decode();
            }

            return _chars.AsSpan(_charStarts[index], _charLengths[index]);
        }
    }

    /// <summary>Field <paramref name="index"/> as the UTF-8 bytes of the file, unescaped (no decoding).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<byte> Utf8(int index) => _record.AsSpan(_starts[index], _lengths[index]);

    /// <summary>Index of a header column; a missing column is an error that names it.</summary>
    public int Column(string name) =>
        _columns.TryGetValue(name, out var index)
            ? index
            : throw new InputDataException(FileName, 1, name, $"missing column (the header has: {string.Join(", ", Header)})");

    public bool HasColumn(string name) => _columns.ContainsKey(name);

    /// <summary>Advances to the next record. Returns false at the end of the file.</summary>
    public bool Read()
    {
        if (!ReadRecord())
        {
            return false;
        }

        if (_count != _headerCount)
        {
            throw new InputDataException(FileName, LineNumber, null, $"expected {_headerCount} fields as in the header, found {_count}");
        }

        return true;
    }

    public string GetString(int index) => Encoding.UTF8.GetString(Utf8(index));

    /// <summary>The value, or null when the cell is empty.</summary>
    public string? GetOptionalString(int index) => _lengths[index] == 0 ? null : GetString(index);

    public decimal GetDecimal(int index) =>
        TryParseDecimal(Utf8(index), out var value) ? value : throw Error(index, $"'{GetString(index)}' is not a number");

    public decimal? GetOptionalDecimal(int index) => _lengths[index] == 0 ? null : GetDecimal(index);

    public long GetInt64(int index) =>
        long.TryParse(Utf8(index), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Error(index, $"'{GetString(index)}' is not a whole number");

    /// <summary>A calendar date written yyyy-MM-dd.</summary>
    public DateOnly GetDate(int index) =>
        TryParseDate(Utf8(index), out var value)
            ? value
            : throw Error(index, $"'{GetString(index)}' is not a date (expected yyyy-MM-dd)");

    /// <summary>
    /// yyyy-MM-dd. The usual exact shape is parsed by hand (dates are parsed per row of large files, and the
    /// framework's format parser is several times slower); anything else goes to that parser, so what is accepted
    /// is the same.
    /// </summary>
    public static bool TryParseDate(ReadOnlySpan<char> text, out DateOnly value)
    {
        Span<byte> ascii = stackalloc byte[10];
        return (System.Text.Ascii.FromUtf16(text, ascii, out var length) == OperationStatus.Done && TryParseIsoDate(ascii[..length], out value))
            || DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    /// <inheritdoc cref="TryParseDate(ReadOnlySpan{char}, out DateOnly)"/>
    public static bool TryParseDate(ReadOnlySpan<byte> utf8, out DateOnly value)
    {
        if (TryParseIsoDate(utf8, out value))
        {
            return true;
        }

        // Rare (a bad date): decode for the framework's parser. Longer text cannot be a yyyy-MM-dd date.
        Span<char> text = stackalloc char[32];
        return utf8.Length <= text.Length && Encoding.UTF8.TryGetChars(utf8, text, out var length)
            && DateOnly.TryParseExact(text[..length], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    /// <summary>An error about field <paramref name="index"/> of the current record.</summary>
    public InputDataException Error(int index, string problem) => new(FileName, LineNumber, Header[index], problem);

    /// <summary>An error about the current record as a whole.</summary>
    public InputDataException Error(string problem) => new(FileName, LineNumber, null, problem);

    public static bool TryParseDecimal(ReadOnlySpan<char> text, out decimal value) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    /// <inheritdoc cref="TryParseDecimal(ReadOnlySpan{char}, out decimal)"/>
    public static bool TryParseDecimal(ReadOnlySpan<byte> utf8, out decimal value) =>
        TryParsePlainDecimal(utf8, out value) || decimal.TryParse(utf8, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    /// <summary>
    /// The usual shape, up to 18 digits with an optional minus sign and decimal point ("12", "-3", "0.07"), parsed by
    /// hand to the same value and scale as the framework's parser (several times slower, and numbers are parsed
    /// per row of large files), which gets everything else.
    /// </summary>
    private static bool TryParsePlainDecimal(ReadOnlySpan<byte> text, out decimal value)
    {
        value = default;
        var negative = !text.IsEmpty && text[0] == '-';
        var digits = negative ? text[1..] : text;
        if (digits.IsEmpty || digits.Length > 19)
        {
            return false;
        }

        var mantissa = 0UL;
        var point = -1;
        for (var i = 0; i < digits.Length; i++)
        {
            var digit = (uint)(digits[i] - '0');
            if (digit <= 9)
            {
                mantissa = mantissa * 10 + digit;
            }
            else if (digits[i] == '.' && point < 0 && i > 0 && i < digits.Length - 1)
            {
                point = i;
            }
            else
            {
                return false;
            }
        }

        if (negative && mantissa == 0)
        {
            return false; // "-0": the framework decides what a negative zero is
        }

        var scale = point < 0 ? 0 : digits.Length - point - 1;
        value = new decimal((int)(uint)mantissa, (int)(uint)(mantissa >> 32), 0, negative, (byte)scale);
        return true;
    }

    public void Dispose() => _stream.Dispose();

    /// <summary>yyyy-MM-dd in ASCII digits.</summary>
    private static bool TryParseIsoDate(ReadOnlySpan<byte> text, out DateOnly value)
    {
        if (text.Length == 10 && text[4] == '-' && text[7] == '-'
            && TryDigits(text[..4], out var year) && TryDigits(text[5..7], out var month) && TryDigits(text[8..], out var day)
            && year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month))
        {
            value = new DateOnly(year, month, day);
            return true;
        }

        value = default;
        return false;

        static bool TryDigits(ReadOnlySpan<byte> digits, out int number)
        {
            number = 0;
            foreach (var c in digits)
            {
                var digit = c - '0';
                if ((uint)digit > 9)
                {
                    return false;
                }

                number = number * 10 + digit;
            }

            return true;
        }
    }

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
    private bool ParseRecord()
    {
        _count = 0;
        _recordLength = 0;
        _decoded = false;
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
                case (byte)',':
                    EndField();
                    StartField();
                    break;
                case (byte)'"':
                    // A quote inside an unquoted field is kept as text, as spreadsheet tools do.
                    Append("\""u8);
                    break;
                default:
                    EndLine(c);
                    EndField();
                    return true;
            }
        }
    }

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
            var quote = span.IndexOf((byte)'"');
            var chunk = quote < 0 ? span : span[..quote];
            Append(chunk);
            _nextLine += chunk.Count((byte)'\n');
            if (quote < 0)
            {
                _pos = _len;
                continue;
            }

            _pos += quote + 1;
            if (EnsureData() && _buffer[_pos] == '"')
            {
                Append("\""u8);
                _pos++;
                continue;
            }

            return;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void EndLine(byte c)
    {
        _nextLine++;
        if (c == '\r' && EnsureData() && _buffer[_pos] == '\n')
        {
            _pos++;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool EnsureData() => _pos < _len || Refill();

    private bool Refill()
    {
        if (_eof)
        {
            return false;
        }

        _len = _stream.Read(_buffer);
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

    private void Append(ReadOnlySpan<byte> bytes)
    {
        if (_recordLength + bytes.Length > _record.Length)
        {
            Array.Resize(ref _record, Math.Max(_record.Length * 2, _recordLength + bytes.Length));
        }

        bytes.CopyTo(_record.AsSpan(_recordLength));
        _recordLength += bytes.Length;
    }

    /// <summary>
    /// Decodes the record to UTF-16. An ASCII record (the usual) is widened in one go and keeps its field offsets;
    /// otherwise each field is decoded on its own (invalid bytes become U+FFFD, as a StreamReader would make them).
    /// </summary>
    private void Decode()
    {
        if (_chars.Length < _recordLength)
        {
            _chars = new char[Math.Max(_chars.Length * 2, _recordLength)];
        }

        if (_charStarts.Length < _count)
        {
            _charStarts = new int[_starts.Length];
            _charLengths = new int[_starts.Length];
        }

        var record = _record.AsSpan(0, _recordLength);
        if (System.Text.Ascii.ToUtf16(record, _chars, out _) == OperationStatus.Done)
        {
            _starts.AsSpan(0, _count).CopyTo(_charStarts);
            _lengths.AsSpan(0, _count).CopyTo(_charLengths);
        }
        else
        {
            var length = 0;
            for (var i = 0; i < _count; i++)
            {
                _charStarts[i] = length;
                _charLengths[i] = Encoding.UTF8.GetChars(Utf8(i), _chars.AsSpan(length));
                length += _charLengths[i];
            }
        }

        _decoded = true;
    }

    /// <summary>A read-only stream of the UTF-8 encoding of a reader's text.</summary>
    private sealed class Utf8TextStream(TextReader reader) : Stream
    {
        private readonly char[] _chars = new char[1 << 14];
        private readonly Encoder _encoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetEncoder();

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(Span<byte> buffer)
        {
            // At most 3 bytes per char, plus a high surrogate the encoder may hold from the previous read.
            var room = Math.Min(_chars.Length, buffer.Length / 3 - 1);
            while (true)
            {
                var count = reader.Read(_chars, 0, room);
                _encoder.Convert(_chars.AsSpan(0, count), buffer, flush: count == 0, out _, out var bytes, out _);
                if (bytes > 0 || count == 0)
                {
                    return bytes;
                }
            }
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                reader.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
