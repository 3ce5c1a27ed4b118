using System.Reflection;
using Microsoft.Data.Sqlite;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;

namespace Workbook.Notebooks.Extension;

/// <summary>
/// A kernel made by <c>#!connect sqlite</c>. Each submission runs on a new connection (so, as with the official
/// extension, <c>Data Source=:memory:</c> keeps nothing between cells), and each result set is shown whole as the
/// workbook's own tables are (<c>Workbook.Reporting.Table</c>: readable headers, money columns with <c>$</c>,
/// thousands separators and cents, empty cells for NULL, numbers right-aligned) in <c>text/html</c>, with the exact
/// values in a <c>text/csv</c> twin.
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
            var rows = new List<object?[]>();
            while (await reader.ReadAsync(context.CancellationToken))
            {
                var row = new object?[reader.FieldCount];
                for (var i = 0; i < row.Length; i++)
                {
                    row[i] = Shown(reader.GetValue(i));
                }

                rows.Add(row);
            }

            context.Display(TableFromSqlResult.Value(names, [.. rows]), "text/html", "text/csv");
        }
        while (await reader.NextResultAsync(context.CancellationToken));
    }

    /// <summary>
    /// The library's <c>Table.FromSqlResult</c>, found by name: the extension cannot reference the library, whose
    /// package build references the extension. The library ships in the same package (lib/net10.0/ beside this
    /// assembly's interactive-extensions/dotnet/), and is normally loaded already by the notebook's first cell.
    /// </summary>
    private static readonly Lazy<Func<string[], object?[][], object>> TableFromSqlResult = new(() =>
    {
        const string tableType = "Workbook.Reporting.Table";
        var packageLib = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(SqliteKernel).Assembly.Location)!,
            "..", "..", "lib", "net10.0"));
        var table = AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType(tableType)).FirstOrDefault(t => t is not null)
            ?? Directory.EnumerateFiles(packageLib, "Workbook.*.dll").Order(StringComparer.Ordinal)
                .Select(dll => Assembly.LoadFrom(dll).GetType(tableType)).FirstOrDefault(t => t is not null)
            ?? throw new InvalidOperationException($"{tableType} was not found: add the workbook's package first");
        return table.GetMethod("FromSqlResult", [typeof(string[]), typeof(object?[][])])!
            .CreateDelegate<Func<string[], object?[][], object>>();
    });

    /// <summary>
    /// NULL as null, and a REAL at the 15 significant digits a
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
