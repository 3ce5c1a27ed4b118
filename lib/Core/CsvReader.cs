using System.Globalization;
using System.Text;
using nietras.SeparatedValues;

namespace Workbook.Core;

/// <summary>
/// Reads a CSV file with Sep (RFC 4180: quoted fields holding commas, quotes and line breaks; LF, CRLF or CR line
/// ends; a UTF-8 byte-order mark) and adds what the workbook's loaders rely on: a header whose columns are
/// looked up by name, blank lines skipped, every row the same width as the header, the physical line each row starts
/// on (also after quoted multi-line fields), typed getters that parse with the invariant culture, and errors naming
/// file, line and column. Text from a file must be UTF-8 (a UTF-16 file is an error at its first character): invalid bytes are an
/// error on their line, as is, when lines are bounded (--lenient), a line whose quotes do not pair up (<see cref="CsvText"/>).
/// Field values are spans over Sep's buffer, valid until the next <see cref="Read"/>; call <see cref="GetString"/>
/// to keep a value.
/// </summary>
public sealed class CsvReader : IDisposable
{
    private static readonly SepReaderOptions Options = new(new Sep(','))
    {
        HasHeader = false, // the header is read as a row: its names are trimmed, repeats are an error, and it has a line
        Unescape = true,
        DisableColCountCheck = true, // checked here, with the workbook's message (and skippable under --lenient)
        CultureInfo = CultureInfo.InvariantCulture,
    };

    private readonly SepReader _sep;
    private readonly Stream? _file;
    private readonly CsvText? _text;
    private LineFault? _fault; // the current row's, when its line was found faulty before parsing
    private readonly Dictionary<string, int> _columns = new(StringComparer.Ordinal);
    private long _rowChars; // characters of the rows read so far, line ends counted as one
    private int _rows;
    private int _hintRow;
    private readonly CancellationToken _cancellation;
    private int _sinceCancellationCheck;

    /// <summary>Rows between two looks at the cancellation token: about a millisecond of reading.</summary>
    private const int CancellationCheckRows = 4_096;

    /// <summary>
    /// Reads CSV text from a reader (tests, notebooks, text already in memory). <paramref name="boundLines"/> (for
    /// --lenient) makes a line whose quotes do not pair up that line's error instead of a field running on.
    /// <paramref name="cancellationToken"/> is checked every few thousand rows (an <see cref="OperationCanceledException"/>).
    /// </summary>
    public CsvReader(TextReader reader, string fileName, bool boundLines = false, CancellationToken cancellationToken = default)
        : this(boundLines ? CsvText.FromText(reader, boundLines: true) : reader, fileName, null, cancellationToken)
    {
    }

    private CsvReader(TextReader reader, string fileName, Stream? file, CancellationToken cancellationToken)
    {
        FileName = fileName;
        _file = file;
        _cancellation = cancellationToken;
        _text = reader as CsvText;
        _sep = Options.From(reader);
        if (!ReadRow() || _fault is not null)
        {
            var fault = _fault;
            _sep.Dispose();
            throw fault is null
                ? new InputDataException(fileName, 0, null, "the file is empty: expected a header row")
                : new InputDataException(fileName, LineNumber, null, fault.Problem);
        }

        if (_rows == 1)
        {
            LineNumber = 1; // Sep numbers its first row from the line after it when it has no header of its own
        }

        var header = new string[FieldCount];
        for (var i = 0; i < header.Length; i++)
        {
            header[i] = this[i].Trim().TrimStart('\uFEFF').ToString();
            if (!_columns.TryAdd(header[i], i))
            {
                throw new InputDataException(fileName, LineNumber, header[i], "the header names this column twice");
            }
        }

        Header = header;
    }

    /// <summary>
    /// Opens a UTF-8 file for reading; a missing file, or a UTF-16 one (by its byte-order mark), is an
    /// <see cref="InputDataException"/>. <paramref name="boundLines"/> and <paramref name="cancellationToken"/>: see the constructor.
    /// </summary>
    public static CsvReader Open(string path, bool boundLines = false, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path))
        {
            throw new InputDataException(path, 0, null, Directory.Exists(path) ? "a folder, not a file" : "file not found");
        }

        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        try
        {
            // A UTF-16 file (a spreadsheet's "Unicode text") is refused as a whole, even under --lenient: none of its
            // lines is readable as UTF-8, and one clear message beats an error on every line.
            Span<byte> mark = stackalloc byte[2];
            if (stream.Read(mark) == 2 && (mark.SequenceEqual<byte>([0xFF, 0xFE]) || mark.SequenceEqual<byte>([0xFE, 0xFF])))
            {
                throw new InputDataException(path, 1, null, $"character 1: the file is UTF-16 (byte-order mark {mark[0]:X2} {mark[1]:X2}); save it as UTF-8");
            }

            stream.Position = 0;
            return new CsvReader(CsvText.FromUtf8(stream, boundLines), path, stream, cancellationToken);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    public string FileName { get; }

    public IReadOnlyList<string> Header { get; } = [];

    /// <summary>The 1-based physical line on which the current record starts (the header is line 1).</summary>
    public long LineNumber { get; private set; }

    public int FieldCount { get; private set; }

    /// <summary>Bytes taken from the file so far (to the read-ahead buffer's granularity), for progress bars; null when not reading a file.</summary>
    public long? BytesRead => _file?.Position;

    /// <summary>
    /// How many rows the whole file probably has (a little more), from its size and the rows read so far, so a loader
    /// can size its tables once instead of growing them; null when not reading a file. Text beyond ASCII makes it high.
    /// </summary>
    public int? EstimatedRows => _file is null || _rowChars == 0 ? null : (int)Math.Min(int.MaxValue, 1.05 * _file.Length / _rowChars * _rows);

    /// <summary>
    /// <see cref="EstimatedRows"/> once, when the first 1,024 rows are read (enough for a stable average); null on
    /// every other call. A loader calls it per row and sizes its tables when it gets a number.
    /// </summary>
    public int? TakeSizeHint() => _rows == 1024 && _hintRow != _rows && (_hintRow = _rows) > 0 ? EstimatedRows : null;

    /// <summary>Field <paramref name="index"/>, unescaped.</summary>
    public ReadOnlySpan<char> this[int index] => _sep.Current[index].Span;

    /// <summary>Index of a header column; a missing column is an error that names it.</summary>
    public int Column(string name) =>
        _columns.TryGetValue(name, out var index)
            ? index
            : throw new InputDataException(FileName, 1, name, $"missing column (the header has: {string.Join(", ", Header)})");

    public bool HasColumn(string name) => _columns.ContainsKey(name);

    /// <summary>Advances to the next record; a record with another number of fields than the header is an error. False at the end.</summary>
    public bool Read()
    {
        if (!ReadRow())
        {
            return false;
        }

        return HasHeaderWidth ? true : throw FieldCountError();
    }

    /// <summary>
    /// Advances to the next record whatever its width, for loaders that skip bad rows without an exception per row:
    /// check <see cref="HasHeaderWidth"/>, and report <see cref="FieldCountError"/>.
    /// </summary>
    public bool ReadRow()
    {
        if (++_sinceCancellationCheck == CancellationCheckRows)
        {
            _sinceCancellationCheck = 0;
            _cancellation.ThrowIfCancellationRequested();
        }

        _fault = null;
        while (MoveNext())
        {
            var row = _sep.Current;
            if (_text is { Faults.Count: > 0 } && TakeFault(row.LineNumberToExcl) is { } fault)
            {
                // A line found faulty before parsing: the row is reported (or skipped) as that line's problem.
                (_fault, LineNumber, FieldCount) = (fault.Fault, fault.Line, 0);
                _rows++;
                return true;
            }


            // Sep ends a row only outside quotes, so an odd number of quotes is a quoted field still open at the end
            // of the file. Counted on the raw row, before any field is unescaped in place.
            var raw = row.Span;
            if (raw.Contains('"') && raw.Count('"') % 2 != 0)
            {
                throw new InputDataException(FileName, row.LineNumberFrom, null, "a quoted field is never closed");
            }

            LineNumber = row.LineNumberFrom;
            FieldCount = row.ColCount;
            _rowChars += raw.Length + 1;
            _rows++;
            if (FieldCount == 1 && raw.IsEmpty)
            {
                continue; // a blank line
            }

            return true;
        }

        return false;
    }

    /// <summary>Whether the current record has as many fields as the header (false for a line found faulty before parsing).</summary>
    public bool HasHeaderWidth => FieldCount == Header.Count && _fault is null;

    /// <summary>What is wrong with a record that lacks <see cref="HasHeaderWidth"/>: its width, or its line's fault.</summary>
    public InputDataException FieldCountError() => Error(RowProblem);

    /// <summary>The problem <see cref="FieldCountError"/> reports, for a loader that skips the row without an exception.</summary>
    public string RowProblem => _fault?.Problem ?? $"expected {Header.Count} fields as in the header, found {FieldCount}";

    /// <summary>Sep's next row; its row-length limit is the file's error at the line after the last row read.</summary>
    private bool MoveNext()
    {
        try
        {
            return _sep.MoveNext();
        }
        catch (NotSupportedException error) when (error.Message.Contains("maximum supported length", StringComparison.Ordinal))
        {
            throw new InputDataException(FileName, LineNumber + 1, null,
                "a row longer than the CSV reader's limit of 16,777,216 characters (is a quote never closed?)");
        }
    }

    /// <summary>The first fault on a line before <paramref name="toExcl"/> (the row's end), removed with any other before it.</summary>
    private (long Line, LineFault Fault)? TakeFault(long toExcl)
    {
        var faults = _text!.Faults;
        var (line, fault) = faults.First();
        if (line >= toExcl)
        {
            return null;
        }

        while (faults.Count > 0 && faults.First().Key < toExcl)
        {
            faults.Remove(faults.First().Key);
        }

        return (line, fault);
    }

    public string GetString(int index) => this[index].ToString();

    /// <summary>The value, or null when the cell is empty.</summary>
    public string? GetOptionalString(int index) => this[index].IsEmpty ? null : GetString(index);

    public decimal GetDecimal(int index) =>
        TryParseDecimal(this[index], out var value) ? value : throw Error(index, $"'{GetString(index)}' is not a number");

    public decimal? GetOptionalDecimal(int index) => this[index].IsEmpty ? null : GetDecimal(index);

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
    /// yyyy-MM-dd, exactly. A valid date in that form is read directly (the framework's exact parser, several times
    /// slower, is a measurable part of an items file); anything else goes to that parser, which decides.
    /// </summary>
    public static bool TryParseDate(ReadOnlySpan<char> text, out DateOnly value)
    {
        if (text.Length == 10 && text[4] == '-' && text[7] == '-'
            && Digits(text[..4], out var year) && Digits(text.Slice(5, 2), out var month) && Digits(text.Slice(8, 2), out var day)
            && year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month))
        {
            value = new DateOnly(year, month, day);
            return true;
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    /// <summary>
    /// A number (invariant culture, <see cref="NumberStyles.Float"/>). Plain non-negative digits with an optional
    /// fraction, up to 18 digits, are read directly, with the framework's value and scale (1.50 keeps its two
    /// decimals); anything else goes to <see cref="decimal.TryParse(ReadOnlySpan{char}, NumberStyles, IFormatProvider, out decimal)"/>.
    /// </summary>
    public static bool TryParseDecimal(ReadOnlySpan<char> text, out decimal value)
    {
        var point = text.IndexOf('.');
        var whole = point < 0 ? text : text[..point];
        var fraction = point < 0 ? default : text[(point + 1)..];
        if (!whole.IsEmpty && (point < 0 || !fraction.IsEmpty) && whole.Length + fraction.Length <= 18
            && !whole.ContainsAnyExceptInRange('0', '9') && !fraction.ContainsAnyExceptInRange('0', '9'))
        {
            var units = 0L; // at most 18 digits: fits
            foreach (var c in whole)
            {
                units = (units * 10) + (c - '0');
            }

            foreach (var c in fraction)
            {
                units = (units * 10) + (c - '0');
            }

            value = new decimal((int)units, (int)(units >> 32), 0, false, (byte)fraction.Length);
            return true;
        }

        return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    private static bool Digits(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = value * 10 + (c - '0');
        }

        return true;
    }

    /// <summary>An error about field <paramref name="index"/> of the current record.</summary>
    public InputDataException Error(int index, string problem) => new(FileName, LineNumber, Header[index], problem);

    /// <summary>An error about the current record as a whole.</summary>
    public InputDataException Error(string problem) => new(FileName, LineNumber, null, problem);

    public void Dispose()
    {
        _sep.Dispose();
        _file?.Dispose();
    }
}
