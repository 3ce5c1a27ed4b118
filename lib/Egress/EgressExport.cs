using Workbook.Core;

namespace Workbook.Egress;

/// <summary>
/// The nine files of a Metronome data export and how they are named: the exercise ships them as
/// "Metronome Sample Egress Data - &lt;table&gt;.csv"; a user may also drop them as "&lt;table&gt;.csv".
/// </summary>
public static class EgressExport
{
    /// <summary>The exported tables, in the order they are loaded and generated.</summary>
    public static readonly IReadOnlyList<string> Tables =
        ["customer", "plan", "product", "billable_metric", "plan_charge", "invoice", "line_item", "sub_line_item", "events"];

    public const string LongNamePrefix = "Metronome Sample Egress Data - ";

    /// <summary>The file name the exercise uses (and the generator writes) for a table.</summary>
    public static string FileName(string table) => $"{LongNamePrefix}{table}.csv";

    /// <summary>
    /// The file of every table in <paramref name="folder"/>, accepting both namings. A missing file, or a table
    /// present under both names, is an <see cref="InputDataException"/>.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Locate(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new WorkbookException($"data folder not found: {folder}");
        }

        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var table in Tables)
        {
            var candidates = Candidates(folder, table).Where(File.Exists).ToList();
            files[table] = candidates.Count switch
            {
                1 => candidates[0],
                0 => throw new InputDataException(
                    Path.Combine(folder, FileName(table)), 0, null,
                    $"file not found (expected '{FileName(table)}' or '{table}.csv' in {folder})"),
                _ => throw new InputDataException(
                    candidates[1], 0, null, $"the {table} table is present twice, also as '{Path.GetFileName(candidates[0])}': keep one"),
            };
        }

        return files;
    }

    /// <summary>True when <paramref name="folder"/> holds a file for each of the nine tables.</summary>
    public static bool IsComplete(string folder) =>
        Directory.Exists(folder) && Tables.All(table => Candidates(folder, table).Any(File.Exists));

    private static string[] Candidates(string folder, string table) =>
        [Path.Combine(folder, FileName(table)), Path.Combine(folder, table + ".csv")];
}
