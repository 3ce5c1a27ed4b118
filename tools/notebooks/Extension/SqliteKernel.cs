using Microsoft.Data.Sqlite;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Formatting.TabularData;

namespace Workbook.Notebooks.Extension;

/// <summary>
/// A kernel made by <c>#!connect sqlite</c>. Each submission runs on a new connection (so, as with the official
/// extension, <c>Data Source=:memory:</c> keeps nothing between cells), and each result set is displayed through the
/// engine's own tabular-data explorer: an HTML table with <c>text/csv</c> beside it.
/// </summary>
public sealed class SqliteKernel : Kernel, IKernelCommandHandler<SubmitCode>
{
    private readonly string _connectionString;

    public SqliteKernel(string name, string connectionString)
        : base(name)
    {
        KernelInfo.LanguageName = "SQLite";
        KernelInfo.Description = "Query a SQLite database";
        _connectionString = connectionString;
    }

    async Task IKernelCommandHandler<SubmitCode>.HandleAsync(SubmitCode command, KernelInvocationContext context)
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(context.CancellationToken);
        await using var sql = connection.CreateCommand();
        sql.CommandText = command.Code;
        await using var reader = await sql.ExecuteReaderAsync(context.CancellationToken);
        do
        {
            // Statements without a result set (CREATE, INSERT...) show nothing.
            if (reader.FieldCount == 0)
            {
                continue;
            }

            var names = UniqueNames(Enumerable.Range(0, reader.FieldCount).Select(reader.GetName));
            var rows = new List<(string, object?)[]>();
            while (await reader.ReadAsync(context.CancellationToken))
            {
                var row = new (string, object?)[reader.FieldCount];
                for (var i = 0; i < row.Length; i++)
                {
                    row[i] = (names[i], Shown(reader.GetValue(i)));
                }

                rows.Add(row);
            }

            context.Display(DataExplorer.CreateDefault(rows.ToTabularDataResource()));
        }
        while (await reader.NextResultAsync(context.CancellationToken));
    }

    /// <summary>
    /// NULL as null (the engine would draw DBNull as an empty object tree), and a REAL at the 15 significant digits a
    /// double holds exactly, as the workbook's library reads SQLite amounts (so 0.030999999999999996 shows as 0.031).
    /// </summary>
    private static object? Shown(object value) => value switch
    {
        DBNull => null,
        double real when double.IsFinite(real) && Math.Abs(real) < 7.9e28 => Convert.ToDecimal(real),
        _ => value,
    };

    /// <summary>A repeated column name becomes "name (2)", as the official extension shows it.</summary>
    private static string[] UniqueNames(IEnumerable<string> names)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        return [.. names.Select(n => (seen[n] = seen.GetValueOrDefault(n) + 1) == 1 ? n : $"{n} ({seen[n]})")];
    }
}
