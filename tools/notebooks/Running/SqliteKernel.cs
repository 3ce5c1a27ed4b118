using System.Text;
using Microsoft.Data.Sqlite;
using Workbook.Core;
using Workbook.Reporting;

namespace Workbook.Notebooks.Running;

/// <summary>
/// A kernel made by <c>#!connect sqlite --kernel-name X</c>: named <c>sql-X</c>, it runs each SQL cell on a new
/// connection (so, as in Polyglot, <c>Data Source=:memory:</c> keeps nothing between cells) and shows every result
/// set as one output with <c>text/html</c> (a <see cref="Table"/>, capped like Polyglot's at 20 rows) and
/// <c>text/csv</c> (all rows).
/// </summary>
internal sealed class SqliteKernel(string name, string connectionString)
{
    private static readonly Lazy<bool> Initialized = new(() =>
    {
        SQLitePCL.Batteries_V2.Init();
        return true;
    });

    public string Name { get; } = name;

    public void Run(string sql, CellOutputs outputs, TimeSpan timeout)
    {
        if (sql.Trim().Length == 0)
        {
            return;
        }

        _ = Initialized.Value;
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = (int)Math.Ceiling(timeout.TotalSeconds);
        using var reader = command.ExecuteReader();
        do
        {
            // Statements without a result (CREATE, INSERT...) show nothing, as in Polyglot.
            if (reader.FieldCount == 0)
            {
                continue;
            }

            var names = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
            var rows = new List<IReadOnlyList<object?>>();
            while (reader.Read())
            {
                var row = new object?[reader.FieldCount];
                for (var i = 0; i < row.Length; i++)
                {
                    row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                }

                rows.Add(row);
            }

            outputs.Display(
            [
                new FormattedValue(MimeTypes.Html, Table.FromRows(UniqueNames(names), rows).ToHtml()),
                new FormattedValue(MimeTypes.Csv, Csv(names, rows)),
            ]);
        }
        while (reader.NextResult());
    }

    /// <summary>Repeated column names become "name (2)", as Polyglot shows them.</summary>
    private static List<string> UniqueNames(List<string> names)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        return names.Select(n => (seen[n] = seen.GetValueOrDefault(n) + 1) == 1 ? n : $"{n} ({seen[n]})").ToList();
    }

    private static string Csv(List<string> names, List<IReadOnlyList<object?>> rows)
    {
        using var text = new StringWriter(new StringBuilder()) { NewLine = "\n" };
        var csv = new CsvWriter(text);
        csv.Row([.. names]);
        foreach (var row in rows)
        {
            csv.Row([.. row.Select(ValueText.Raw)]);
        }

        return text.ToString();
    }
}
