using System.Buffers;
using System.Globalization;

namespace Workbook.Core;

/// <summary>
/// Writes RFC 4180 CSV with LF line ends, quoting only the fields that need it.
/// Pair it with <see cref="AtomicFile.WriteText"/> so no half-written file is ever left behind.
/// </summary>
public sealed class CsvWriter(TextWriter writer)
{
    private static readonly SearchValues<char> NeedsQuoting = SearchValues.Create(",\"\r\n");
    private bool _rowStarted;

    public CsvWriter Field(string? value)
    {
        if (_rowStarted)
        {
            writer.Write(',');
        }

        _rowStarted = true;
        if (string.IsNullOrEmpty(value))
        {
            return this;
        }

        if (value.AsSpan().IndexOfAny(NeedsQuoting) < 0)
        {
            writer.Write(value);
        }
        else
        {
            writer.Write('"');
            writer.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
            writer.Write('"');
        }

        return this;
    }

    public CsvWriter Field(long value) => Field(value.ToString(CultureInfo.InvariantCulture));

    /// <summary>A number with a fixed count of decimals, rounded half away from zero.</summary>
    public CsvWriter Field(decimal value, int decimals) => Field(Numbers.Fixed(value, decimals));

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
