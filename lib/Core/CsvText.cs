using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Workbook.Core;

/// <summary>
/// The text <see cref="CsvReader"/> parses, with the two checks the CSV parser cannot make itself, each recorded as a
/// <see cref="LineFault"/> on its physical line instead of thrown, so the reader reports it when it reaches that row
/// (in order with the rows' other problems, or skipped and reported under --lenient):
/// <list type="bullet">
/// <item>invalid UTF-8 (from a file): decoded a buffer at a time (<see cref="Utf8.ToUtf16"/>, vectorized), never silently
/// replaced; a UTF-8 byte-order mark is skipped;</item>
/// <item>bounded lines (<c>boundLines</c>, for --lenient): a line whose quotes do not pair up would open a quoted field
/// that swallows the following lines, so it is handed on blank and recorded as that one line's fault; the parser
/// resynchronises at the next line.</item>
/// </list>
/// A faulty line keeps its line end, so the parser's line numbers stay the file's.
/// </summary>
internal sealed class CsvText : TextReader
{
    /// <summary>The CSV parser's longest row; a longer line is handed on whole for it to refuse.</summary>
    private const int MaxLine = 1 << 24;

    private const int BufferSize = 1 << 16;

    private readonly Stream? _bytes;
    private readonly TextReader? _chars;
    private readonly bool _boundLines;
    private readonly byte[] _byteBuffer = [];
    private int _byteCount; // undecoded bytes at the start of _byteBuffer (an incomplete sequence)
    private bool _atStart = true;
    private bool _ended;
    private char[] _text = new char[BufferSize * 2];
    private int _start; // next char to hand on
    private int _ready; // end of the chars that may be handed on (checked whole lines when bounding)
    private int _end; // end of the decoded chars
    private long _decodedLine = 1; // physical line of the char at _end
    private long _decodedColumn; // chars since that line's start
    private long _checkedLine = 1; // physical line of the char at _ready (when bounding)

    private CsvText(Stream? bytes, TextReader? chars, bool boundLines)
    {
        _bytes = bytes;
        _chars = chars;
        _boundLines = boundLines;
        if (bytes is not null)
        {
            _byteBuffer = new byte[BufferSize];
        }
    }

    /// <summary>UTF-8 bytes (a BOM skipped), checked.</summary>
    public static CsvText FromUtf8(Stream stream, bool boundLines) => new(stream, null, boundLines);

    /// <summary>Text already decoded (tests, notebooks), its lines bounded when asked.</summary>
    public static CsvText FromText(TextReader reader, bool boundLines) => new(null, reader, boundLines);

    /// <summary>The faults found so far, by line (one per line: the first).</summary>
    public SortedDictionary<long, LineFault> Faults { get; } = [];

    public override int Read(Span<char> buffer)
    {
        while (_start == _ready)
        {
            if (_ended)
            {
                return 0;
            }

            Fill();
        }

        var count = Math.Min(buffer.Length, _ready - _start);
        _text.AsSpan(_start, count).CopyTo(buffer);
        _start += count;
        return count;
    }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read()
    {
        Span<char> one = stackalloc char[1];
        return Read(one) == 0 ? -1 : one[0];
    }

    public override int Peek() => throw new NotSupportedException("the CSV parser reads blocks");

    private void Fill()
    {
        // Keep the chars not handed on at the front, with room for a whole buffer's worth more.
        _text.AsSpan(_start, _end - _start).CopyTo(_text);
        (_ready, _end, _start) = (_ready - _start, _end - _start, 0);
        if (_text.Length - _end < BufferSize)
        {
            Array.Resize(ref _text, _text.Length * 2);
        }

        if (_bytes is not null)
        {
            var read = _bytes.Read(_byteBuffer, _byteCount, _byteBuffer.Length - _byteCount);
            _ended = read == 0;
            Decode(read + _byteCount);
        }
        else
        {
            var read = _chars!.Read(_text.AsSpan(_end, BufferSize));
            _ended = read == 0;
            Decoded(read);
        }

        if (!_boundLines || _ended)
        {
            CheckLines(toEnd: _ended);
            _ready = _end;
        }
        else
        {
            CheckLines(toEnd: false);
        }
    }

    private void Decode(int available)
    {
        var bytes = _byteBuffer.AsSpan(0, available);
        if (_atStart)
        {
            _atStart = false; // the first read of a file holds its first bytes (a FileStream reads a whole buffer)
            if (bytes.StartsWith("\uFEFF"u8))
            {
                bytes = bytes[3..];
            }
        }

        while (true)
        {
            var status = Utf8.ToUtf16(bytes, _text.AsSpan(_end), out var read, out var written, replaceInvalidSequences: false, isFinalBlock: _ended);
            Decoded(written);
            bytes = bytes[read..];
            if (status == OperationStatus.InvalidData)
            {
                Rune.DecodeFromUtf8(bytes, out _, out var invalid);
                AddFault(_decodedLine, LineFault.InvalidUtf8(_decodedColumn + 1, bytes[..Math.Max(1, invalid)]));
                _text[_end] = '\uFFFD';
                Decoded(1);
                bytes = bytes[Math.Max(1, invalid)..];
                continue;
            }

            if (status == OperationStatus.DestinationTooSmall)
            {
                Array.Resize(ref _text, _text.Length * 2);
                continue;
            }

            break; // Done, or NeedMoreData: the incomplete sequence waits for the next read
        }

        bytes.CopyTo(_byteBuffer);
        _byteCount = bytes.Length;
    }

    /// <summary>Counts lines over the chars just decoded, so a fault knows its line and column.</summary>
    private void Decoded(int count)
    {
        var chars = _text.AsSpan(_end, count);
        _end += count;
        var lines = chars.Count('\n');
        if (lines == 0)
        {
            _decodedColumn += count;
            return;
        }

        _decodedLine += lines;
        _decodedColumn = count - chars.LastIndexOf('\n') - 1;
    }

    /// <summary>Bounding lines: hands on the complete lines decoded, each whose quotes do not pair up blanked and recorded.</summary>
    private void CheckLines(bool toEnd)
    {
        if (!_boundLines)
        {
            return;
        }

        while (_ready < _end)
        {
            var length = _text.AsSpan(_ready, _end - _ready).IndexOf('\n');
            if (length < 0)
            {
                if (!toEnd && _end - _ready < MaxLine)
                {
                    return; // the rest of the line is still to come
                }

                length = _end - _ready;
            }

            var line = _text.AsSpan(_ready, length);
            var ending = _ready + length < _end ? 1 : 0;
            if (line.Count('"') % 2 != 0)
            {
                AddFault(_checkedLine, LineFault.UnpairedQuote());
            }

            if (Faults.ContainsKey(_checkedLine))
            {
                // Hand the line on empty (its end kept): the parser sees a blank line and the reader reports the fault.
                _text.AsSpan(_ready + length, _end - _ready - length).CopyTo(_text.AsSpan(_ready));
                _end -= length;
                length = 0;
            }

            _ready += length + ending;
            _checkedLine += ending;
        }
    }

    private void AddFault(long line, LineFault fault) => Faults.TryAdd(line, fault);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _bytes?.Dispose();
            _chars?.Dispose();
        }

        base.Dispose(disposing);
    }
}

/// <summary>A problem with one physical line found before parsing it: its message, and where in the line.</summary>
internal sealed record LineFault(string Problem, bool IsEncoding)
{
    public static LineFault InvalidUtf8(long column, ReadOnlySpan<byte> bytes) =>
        new($"character {column}: invalid UTF-8 (bytes {Convert.ToHexString(bytes[..Math.Min(bytes.Length, 4)])}): the file must be UTF-8 text, e.g. saved as 'CSV UTF-8'", true);

    public static LineFault UnpairedQuote() =>
        new("a quote opens a field that the line does not close (under --lenient a quoted field cannot span lines)", false);
}
