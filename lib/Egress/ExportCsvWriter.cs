using Workbook.Core;

namespace Workbook.Egress;

/// <summary>
/// Writes a table the way the Metronome export's files are written: CRLF between rows and no newline after the
/// last row. Quoting is the workbook's CSV writer's (only cells holding commas, quotes or line breaks).
/// </summary>
internal sealed class ExportCsvWriter
{
    private readonly CsvWriter _csv;

    private ExportCsvWriter(TextWriter text) => _csv = new CsvWriter(new LineEndsBetweenRows(text), "\r\n");

    public void Row(params ReadOnlySpan<string?> fields)
    {
        foreach (var field in fields)
        {
            _csv.Field(field);
        }

        _csv.EndRow();
    }

    /// <summary>Writes one export file atomically.</summary>
    public static void WriteFile(string folder, string table, Action<ExportCsvWriter> write) =>
        AtomicFile.WriteText(Path.Combine(folder, EgressExport.FileName(table)), text => write(new ExportCsvWriter(text)));

    /// <summary>Holds each line end back until more text follows, so the last one is never written.</summary>
    private sealed class LineEndsBetweenRows(TextWriter inner) : TextWriter
    {
        private bool _pending;

        public override System.Text.Encoding Encoding => inner.Encoding;

        public override void WriteLine() => _pending = true;

        public override void Write(char value)
        {
            Pending();
            inner.Write(value);
        }

        public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

        public override void Write(ReadOnlySpan<char> buffer)
        {
            Pending();
            inner.Write(buffer);
        }

        public override void Write(string? value) => Write(value.AsSpan());

        public override void Flush() => inner.Flush();

        private void Pending()
        {
            if (_pending)
            {
                inner.Write(NewLine);
                _pending = false;
            }
        }
    }
}
