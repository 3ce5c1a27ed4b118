using System.Globalization;
using System.Runtime.CompilerServices;

namespace Workbook.Core;

/// <summary>
/// Writes RFC 4180 CSV with LF line ends, quoting only the fields that need it.
/// Pair it with <see cref="AtomicFile.WriteText"/> so no half-written file is ever left behind.
/// </summary>
public sealed class CsvWriter(TextWriter writer)
{
    private bool _rowStarted;

    public CsvWriter Field(string? value) => Field(value.AsSpan());

    /// <summary>Writes a field straight from a span (no string is allocated: large tables write millions of fields).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public CsvWriter Field(ReadOnlySpan<char> value)
    {
        if (_rowStarted)
        {
            writer.Write(',');
        }

        _rowStarted = true;
        if (value.IsEmpty)
        {
            return this;
        }

        if (CsvSyntax.IndexOfSpecial(value) < 0)
        {
            writer.Write(value);
            return this;
        }

        writer.Write('"');
        for (var quote = value.IndexOf('"'); quote >= 0; quote = value.IndexOf('"'))
        {
            writer.Write(value[..(quote + 1)]);
            writer.Write('"');
            value = value[(quote + 1)..];
        }

        writer.Write(value);
        writer.Write('"');
        return this;
    }

    public CsvWriter Field(long value) => Field(value.ToString(CultureInfo.InvariantCulture));

    /// <summary>A number with a fixed count of decimals, rounded half away from zero.</summary>
    public CsvWriter Field(decimal value, int decimals) => Field(Numbers.Fixed(value, decimals));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void EndRow()
    {
        writer.Write('\n');
        _rowStarted = false;
    }

    /// <summary>
    /// Ends the row with another line end, e.g. "\r\n" to reproduce a file written by an exporter. Written before
    /// each row but the first instead of after each row, it leaves the file without a final newline.
    /// </summary>
    public void EndRow(string lineEnd)
    {
        writer.Write(lineEnd);
        _rowStarted = false;
    }

    public void Row(params string?[] fields)
    {
        foreach (var field in fields)
        {
            Field(field);
        }

        EndRow();
    }

    /// <summary>Writes a whole table atomically: header first, then one row per item.</summary>
    public static void WriteFile<T>(string path, IReadOnlyList<string> header, IEnumerable<T> rows, Action<CsvWriter, T> writeRow) =>
        AtomicFile.WriteText(path, text =>
        {
            var csv = new CsvWriter(text);
            csv.Row([.. header]);
            foreach (var row in rows)
            {
                writeRow(csv, row);
                csv.EndRow();
            }
        });
}
