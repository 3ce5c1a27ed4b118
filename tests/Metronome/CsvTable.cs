using Workbook.Core;

namespace Workbook.Tests.Metronome;

/// <summary>A CSV file read back into rows keyed by column name, for asserting on command output.</summary>
public static class CsvTable
{
    public static List<Dictionary<string, string>> Read(string path)
    {
        using var reader = CsvReader.Open(path);
        var rows = new List<Dictionary<string, string>>();
        while (reader.Read())
        {
            rows.Add(reader.Header.Select((name, i) => (name, value: reader.GetString(i))).ToDictionary(x => x.name, x => x.value, StringComparer.Ordinal));
        }

        return rows;
    }
}
