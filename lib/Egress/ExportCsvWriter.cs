using Workbook.Core;

namespace Workbook.Egress;

/// <summary>
/// Writes a table the way the Metronome export's files are written: CRLF between rows and no newline after the
/// last row. Quoting is the workbook's CSV writer's (only cells holding commas, quotes or line breaks).
/// </summary>
internal sealed class ExportCsvWriter(TextWriter text)
{
    private readonly CsvWriter _csv = new(text);
    private bool _firstRow = true;

    public void Row(params ReadOnlySpan<string?> fields)
    {
        if (!_firstRow)
        {
            _csv.EndRow("\r\n");
        }

        _firstRow = false;
        foreach (var field in fields)
        {
            _csv.Field(field);
        }
    }

    /// <summary>Writes one export file atomically.</summary>
    public static void WriteFile(string folder, string table, Action<ExportCsvWriter> write) =>
        AtomicFile.WriteText(Path.Combine(folder, EgressExport.FileName(table)), text => write(new ExportCsvWriter(text)));
}
