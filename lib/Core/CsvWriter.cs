using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Workbook.Core;

/// <summary>
/// Writes RFC 4180 CSV with LF line ends, quoting only the fields that need it.
/// Fields are encoded to UTF-8 and quoted in one place, as bytes: to a stream (buffered: call <see cref="Flush"/>
/// at the end), or to a <see cref="TextWriter"/>, which receives each call's text at once.
/// Pair it with <see cref="AtomicFile"/> (or use <see cref="WriteFile{T}"/>) so no half-written file is ever left behind.
/// </summary>
public sealed class CsvWriter
{
    private readonly Stream? _stream;
    private readonly TextWriter? _text;
    private byte[] _buffer;
    private int _length;
    private byte[] _scratch = new byte[256]; // a UTF-16 field encoded
    private char[] _decoded = []; // text handed to a TextWriter
    private bool _rowStarted;

    /// <summary>Writes UTF-8 to <paramref name="utf8"/> in large blocks; call <see cref="Flush"/> when done.</summary>
    public CsvWriter(Stream utf8)
    {
        _stream = utf8;
        _buffer = new byte[1 << 16];
    }

    public CsvWriter(TextWriter writer)
    {
        _text = writer;
        _buffer = new byte[1 << 10];
    }

    public CsvWriter Field(string? value) => Field(value.AsSpan());

    /// <summary>Writes a field straight from a span (no string is allocated: large tables write millions of fields).</summary>
    public CsvWriter Field(ReadOnlySpan<char> value) => Field(Encode(value));

    /// <summary>Writes a field given as UTF-8 bytes (e.g. straight from <see cref="CsvReader.Utf8"/>).</summary>
    public CsvWriter Field(ReadOnlySpan<byte> utf8)
    {
        var plain = CsvSyntax.IndexOfSpecial(utf8) < 0;
        if (plain && utf8.Length < _buffer.Length - _length)
        {
            // The usual field, in one step: a separator (when not first) and the bytes, into room the buffer has.
            var destination = _buffer.AsSpan(_length);
            var separator = 0;
            if (_rowStarted)
            {
                destination[separator++] = (byte)',';
            }

            utf8.CopyTo(destination[separator..]);
            _length += separator + utf8.Length;
            _rowStarted = true;
            HandOver();
            return this;
        }

        if (_rowStarted)
        {
            Put(","u8);
        }

        _rowStarted = true;
        if (plain)
        {
            Put(utf8);
        }
        else
        {
            Put("\""u8);
            for (var quote = utf8.IndexOf((byte)'"'); quote >= 0; quote = utf8.IndexOf((byte)'"'))
            {
                Put(utf8[..(quote + 1)]);
                Put("\""u8);
                utf8 = utf8[(quote + 1)..];
            }

            Put(utf8);
            Put("\""u8);
        }

        HandOver();
        return this;
    }

    public CsvWriter Field(long value)
    {
        Span<byte> text = stackalloc byte[20];
        value.TryFormat(text, out var length, provider: CultureInfo.InvariantCulture);
        return Field(text[..length]);
    }

    /// <summary>A number with a fixed count of decimals, rounded half away from zero.</summary>
    public CsvWriter Field(decimal value, int decimals) => Field(Numbers.Fixed(value, decimals));

    public void EndRow() => EndRow("\n"u8);

    /// <summary>
    /// Ends the row with another line end, e.g. "\r\n" to reproduce a file written by an exporter. Written before
    /// each row but the first instead of after each row, it leaves the file without a final newline.
    /// </summary>
    public void EndRow(string lineEnd) => EndRow(Encode(lineEnd));

    public void Row(params string?[] fields)
    {
        foreach (var field in fields)
        {
            Field(field);
        }

        EndRow();
    }

    /// <summary>Writes out what is buffered (a stream writer's last block; a text writer has nothing pending).</summary>
    public void Flush()
    {
        if (_stream is null)
        {
            HandOver();
            return;
        }

        _stream.Write(_buffer, 0, _length);
        _length = 0;
    }

    /// <summary>Writes a whole table atomically: header first, then one row per item.</summary>
    public static void WriteFile<T>(string path, IReadOnlyList<string> header, IEnumerable<T> rows, Action<CsvWriter, T> writeRow) =>
        AtomicFile.Write(path, stream =>
        {
            var csv = new CsvWriter(stream);
            csv.Row([.. header]);
            foreach (var row in rows)
            {
                writeRow(csv, row);
                csv.EndRow();
            }

            csv.Flush();
        });

    /// <summary>UTF-16 text as UTF-8, in a scratch buffer valid until the next call.</summary>
    private ReadOnlySpan<byte> Encode(ReadOnlySpan<char> text)
    {
        if (_scratch.Length < Encoding.UTF8.GetMaxByteCount(text.Length))
        {
            _scratch = new byte[Encoding.UTF8.GetMaxByteCount(text.Length)];
        }

        return _scratch.AsSpan(0, Encoding.UTF8.GetBytes(text, _scratch));
    }

    /// <summary>
    /// Writes a table of <paramref name="rowCount"/> rows atomically, like <see cref="WriteFile{T}"/>, for tables of
    /// millions of rows where formatting is the work: blocks of rows are formatted on the thread pool, a few at a
    /// time, while this thread writes the finished blocks out in order (the file is the same as a sequential write).
    /// <paramref name="writeRow"/> is called from several threads at once, so it must be safe to.
    /// </summary>
    public static void WriteFileInParallel(string path, IReadOnlyList<string> header, int rowCount, Action<CsvWriter, int> writeRow)
    {
        // 4,096 rows of a wide table (accounts: ~135 bytes a row) fit a block's first megabyte, so its buffer never
        // grows and copies itself (16,384-row blocks did, and the write was ~10% slower at 250k accounts).
        const int BlockRows = 1 << 12;
        var free = new ConcurrentQueue<MemoryStream>(); // block buffers, reused
        MemoryStream Format(int first)
        {
            var block = free.TryDequeue(out var reused) ? reused : new MemoryStream(1 << 20);
            block.SetLength(0);
            var csv = new CsvWriter(block);
            for (var row = first; row < Math.Min(rowCount, first + BlockRows); row++)
            {
                writeRow(csv, row);
                csv.EndRow();
            }

            csv.Flush();
            return block;
        }

        AtomicFile.Write(path, stream =>
        {
            var csv = new CsvWriter(stream);
            csv.Row([.. header]);
            csv.Flush();
            var inFlight = new Queue<Task<MemoryStream>>();
            void WriteNext()
            {
                var block = inFlight.Dequeue().GetAwaiter().GetResult();
                stream.Write(block.GetBuffer(), 0, (int)block.Length);
                free.Enqueue(block);
            }

            try
            {
                for (var first = 0; first < rowCount; first += BlockRows)
                {
                    var start = first;
                    inFlight.Enqueue(Task.Run(() => Format(start)));
                    if (inFlight.Count > Environment.ProcessorCount)
                    {
                        WriteNext();
                    }
                }

                while (inFlight.Count > 0)
                {
                    WriteNext();
                }
            }
            catch
            {
                // Let the blocks in flight finish (their own errors come second) before the temporary file goes.
                Task.WhenAll(inFlight).ContinueWith(_ => { }, TaskScheduler.Default).Wait();
                throw;
            }
        });
    }

    private void EndRow(ReadOnlySpan<byte> lineEnd)
    {
        Put(lineEnd);
        _rowStarted = false;
        HandOver();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Put(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length <= _buffer.Length - _length)
        {
            bytes.CopyTo(_buffer.AsSpan(_length));
            _length += bytes.Length;
        }
        else
        {
            PutSlow(bytes);
        }
    }

    /// <summary>The buffer is full: a stream writer writes it out, a text writer's grows (it is handed over after each call).</summary>
    private void PutSlow(ReadOnlySpan<byte> bytes)
    {
        if (_stream is null)
        {
            Array.Resize(ref _buffer, Math.Max(2 * _buffer.Length, _length + bytes.Length));
        }
        else
        {
            Flush();
            if (bytes.Length > _buffer.Length)
            {
                _stream.Write(bytes);
                return;
            }
        }

        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    /// <summary>A text writer gets the text at once, as it always did (a caller may read it before any flush).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void HandOver()
    {
        if (_text is not null)
        {
            WriteText(_text);
        }
    }

    private void WriteText(TextWriter text)
    {
        if (_decoded.Length < _length)
        {
            _decoded = new char[Math.Max(_length, 2 * _decoded.Length)];
        }

        text.Write(_decoded, 0, Encoding.UTF8.GetChars(_buffer, 0, _length, _decoded, 0));
        _length = 0;
    }
}
