using System.Collections.Concurrent;
using System.Globalization;
using nietras.SeparatedValues;

namespace Workbook.Core;

/// <summary>
/// Writes RFC 4180 CSV with Sep: fields holding a comma, quote, CR or LF are quoted (quotes doubled), others are
/// written as they are; rows end with LF unless another line end is asked for. Fields are given one at a time and
/// handed to Sep as a row at <see cref="EndRow"/>. To a stream (UTF-8 without a byte-order mark, buffered: call
/// <see cref="Flush"/> at the end) or to a <see cref="TextWriter"/>, which receives each row as it ends.
/// Pair it with <see cref="AtomicFile"/> (or use <see cref="WriteFile{T}"/>) so no half-written file is ever left behind.
/// </summary>
public sealed class CsvWriter
{
    private static readonly SepWriterOptions Options = new(new Sep(','))
    {
        WriteHeader = false, // a header is a row like any other here
        Escape = true,
        DisableColCountCheck = true, // rows may differ in width, as CSV allows
        ColNotSetOption = SepColNotSetOption.Skip, // a narrower row writes only its own fields
        CultureInfo = CultureInfo.InvariantCulture,
    };

    private readonly TextWriter _text;
    private readonly SepWriter _sep;
    private char[] _chars = new char[256]; // the current row's fields, end to end
    private int[] _ends = new int[16];
    private int _fields;

    /// <summary>Writes UTF-8 to <paramref name="utf8"/> (left open); call <see cref="Flush"/> when done.</summary>
    public CsvWriter(Stream utf8, string lineEnd = "\n")
        : this(new StreamWriter(utf8, AtomicFile.Utf8, 1 << 16, leaveOpen: true), lineEnd)
    {
    }

    /// <summary>Writes to <paramref name="writer"/>, whose <see cref="TextWriter.NewLine"/> becomes <paramref name="lineEnd"/>.</summary>
    public CsvWriter(TextWriter writer, string lineEnd = "\n")
    {
        writer.NewLine = lineEnd;
        _text = writer;
        _sep = Options.To(writer, leaveOpen: true);
    }

    public CsvWriter Field(string? value) => Field(value.AsSpan());

    public CsvWriter Field(ReadOnlySpan<char> value)
    {
        var start = _fields == 0 ? 0 : _ends[_fields - 1];
        if (start + value.Length > _chars.Length)
        {
            Array.Resize(ref _chars, Math.Max(2 * _chars.Length, start + value.Length));
        }

        if (_fields == _ends.Length)
        {
            Array.Resize(ref _ends, 2 * _ends.Length);
        }

        value.CopyTo(_chars.AsSpan(start));
        _ends[_fields++] = start + value.Length;
        return this;
    }

    public CsvWriter Field(long value)
    {
        Span<char> text = stackalloc char[20];
        value.TryFormat(text, out var length, provider: CultureInfo.InvariantCulture);
        return Field(text[..length]);
    }

    /// <summary>A number with a fixed count of decimals, rounded half away from zero.</summary>
    public CsvWriter Field(decimal value, int decimals) => Field(Numbers.Fixed(value, decimals));

    /// <summary>Ends the row: its fields go to Sep, which quotes what needs quoting and writes the line end.</summary>
    public void EndRow()
    {
        using (var row = _sep.NewRow())
        {
            for (var i = 0; i < _fields; i++)
            {
                var start = i == 0 ? 0 : _ends[i - 1];
                row[i].Set(_chars.AsSpan(start, _ends[i] - start));
            }
        }

        _fields = 0;
    }

    public void Row(params string?[] fields)
    {
        foreach (var field in fields)
        {
            Field(field);
        }

        EndRow();
    }

    /// <summary>Writes out what is buffered.</summary>
    public void Flush() => _text.Flush();

    /// <summary>Writes a whole table atomically: header first, then one row per item.</summary>
    public static void WriteFile<T>(string path, IReadOnlyList<string> header, IEnumerable<T> rows, Action<CsvWriter, T> writeRow) =>
        AtomicFile.Write(path, stream => WriteTable(stream, header, rows, writeRow));

    /// <summary>Writes a whole table to <paramref name="stream"/> (one of <see cref="AtomicFile.WriteAll"/>'s files): header first, then one row per item.</summary>
    public static void WriteTable<T>(Stream stream, IReadOnlyList<string> header, IEnumerable<T> rows, Action<CsvWriter, T> writeRow)
    {
        var csv = new CsvWriter(stream);
        csv.Row([.. header]);
        foreach (var row in rows)
        {
            writeRow(csv, row);
            csv.EndRow();
        }

        csv.Flush();
    }

    /// <summary>Sets the fields of row <paramref name="index"/> of a table written by <see cref="WriteFileInParallel"/>.</summary>
    public delegate void FillRow(Fields fields, int index);

    /// <summary>
    /// One row of <see cref="WriteFileInParallel"/>, set field by field straight into Sep's row, with no copy of our
    /// own in between (the ARR rollup at 2.5M accounts took 5-10% less time without it). Set every column: one not
    /// set is left out of the row, separator included.
    /// </summary>
    public readonly ref struct Fields(SepWriter.Row row)
    {
        private readonly SepWriter.Row _row = row;

        public void Set(int column, ReadOnlySpan<char> value) => _row[column].Set(value);
    }

    /// <summary>
    /// Writes a table of <paramref name="rowCount"/> rows atomically, like <see cref="WriteFile{T}"/>, for tables of
    /// millions of rows where formatting is the work: blocks of rows are formatted on the thread pool, a few at a
    /// time, while this thread writes the finished blocks out in order (the file is the same as a sequential write).
    /// <paramref name="fill"/> is called from several threads at once, so it must be safe to. <paramref name="cancellationToken"/>
    /// is checked before each block (an <see cref="OperationCanceledException"/>, and no file).
    /// </summary>
    public static void WriteFileInParallel(string path, IReadOnlyList<string> header, int rowCount, FillRow fill, CancellationToken cancellationToken = default)
    {
        // 4,096 rows of a wide table (accounts: ~135 bytes a row) fit a block's first megabyte, so its buffer rarely grows.
        const int BlockRows = 1 << 12;
        var free = new ConcurrentQueue<(MemoryStream Bytes, CsvWriter Csv)>(); // block buffers and their writers, reused
        (MemoryStream Bytes, CsvWriter Csv) Format(int first)
        {
            if (!free.TryDequeue(out var block))
            {
                var bytes = new MemoryStream(1 << 20);
                block = (bytes, new CsvWriter(bytes));
            }

            block.Bytes.SetLength(0);
            for (var row = first; row < Math.Min(rowCount, first + BlockRows); row++)
            {
                using var fields = block.Csv._sep.NewRow();
                fill(new Fields(fields), row);
            }

            block.Csv.Flush();
            return block;
        }

        AtomicFile.Write(path, stream =>
        {
            var csv = new CsvWriter(stream);
            csv.Row([.. header]);
            csv.Flush();
            var inFlight = new Queue<Task<(MemoryStream Bytes, CsvWriter Csv)>>();
            var sync = new AtomicFile.SyncAhead(stream);
            void WriteNext()
            {
                var block = inFlight.Dequeue().GetAwaiter().GetResult();
                stream.Write(block.Bytes.GetBuffer(), 0, (int)block.Bytes.Length);
                free.Enqueue(block);
                sync.Written();
            }

            try
            {
                for (var first = 0; first < rowCount; first += BlockRows)
                {
                    cancellationToken.ThrowIfCancellationRequested();
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

                sync.Wait();
            }
            catch
            {
                // Let the blocks in flight finish (their own errors come second) before the temporary file goes.
                Task.WhenAll(inFlight).ContinueWith(_ => { }, TaskScheduler.Default).Wait();
                try
                {
                    sync.Wait();
                }
                catch (IOException)
                {
                    // The error being reported is the first one.
                }

                throw;
            }
        });
    }
}
