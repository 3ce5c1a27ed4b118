using System.Data.Common;
using DuckDB.NET.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Workbook.Sql;

/// <summary>
/// Writes rows into one table through the engine's bulk path: SQLite a prepared INSERT (inside the caller's
/// transaction), DuckDB its appender, PostgreSQL binary COPY. A row is its values in column order, then
/// <see cref="EndRow"/>; <see cref="Complete"/> commits the rows to the table (disposing without it abandons
/// what PostgreSQL's COPY has not finished).
/// </summary>
public abstract class BulkWriter : IDisposable
{
    protected BulkWriter(IReadOnlyList<SqlColumn> columns) => Columns = columns;

    public IReadOnlyList<SqlColumn> Columns { get; }

    /// <summary>Rows ended so far.</summary>
    public long Rows { get; private set; }

    /// <summary>The column the next value goes to.</summary>
    protected int Position { get; private set; }

    public static BulkWriter Open(DbConnection connection, string table, IReadOnlyList<SqlColumn> columns) => connection switch
    {
        SqliteConnection sqlite => new SqliteBulkWriter(sqlite, table, columns),
        DuckDBConnection duckDb => new DuckDbBulkWriter(duckDb, table, columns),
        NpgsqlConnection postgres => new PostgresBulkWriter(postgres, table, columns),
        _ => throw new ArgumentException($"no bulk path for {connection.GetType().Name}", nameof(connection)),
    };

    /// <summary>
    /// Turns a row's values, in place, into what this engine binds fastest (<see cref="Value"/> accepts both forms).
    /// Thread-safe, so <see cref="RowPipeline"/>'s reader thread does this work rather than the writing one.
    /// </summary>
    public virtual void Prepare(object?[] row)
    {
    }

    /// <summary>
    /// A value of the types the validation layers produce: null, long, decimal, DateTime (UTC), DateOnly or string;
    /// or a value <see cref="Prepare"/> made.
    /// </summary>
    public void Value(object? value)
    {
        switch (value)
        {
            case null:
                WriteNull();
                break;
            case byte[] utf8:
                WriteUtf8(utf8);
                break;
            case long integer:
                WriteInteger(integer);
                break;
            case decimal exact:
                WriteDecimal(exact);
                break;
            case DateTime utc:
                WriteTimestamp(utc);
                break;
            case DateOnly day:
                WriteDate(day);
                break;
            case string text:
                WriteText(text);
                break;
            default:
                throw new ArgumentException($"no {Columns[Position].Type} value of type {value.GetType().Name} for column {Columns[Position].Name}", nameof(value));
        }

        Position++;
    }

    /// <summary>Ends the row (every column must have had its value).</summary>
    public void EndRow()
    {
        if (Position != Columns.Count)
        {
            throw new InvalidOperationException($"a row of {Position} values for {Columns.Count} columns");
        }

        FinishRow();
        Position = 0;
        Rows++;
    }

    public abstract void Complete();

    public abstract void Dispose();

    protected abstract void WriteNull();

    protected abstract void WriteInteger(long value);

    protected abstract void WriteDecimal(decimal value);

    protected abstract void WriteTimestamp(DateTime utc);

    protected abstract void WriteDate(DateOnly day);

    /// <summary>Text, or JSON text for a <see cref="SqlType.Json"/> column.</summary>
    protected abstract void WriteText(string value);

    /// <summary>A value <see cref="Prepare"/> encoded as UTF-8 text.</summary>
    protected virtual void WriteUtf8(byte[] value) => throw new NotSupportedException($"{GetType().Name} prepares no UTF-8 values");

    protected abstract void FinishRow();

    protected static string ColumnList(IReadOnlyList<SqlColumn> columns) => string.Join(", ", columns.Select(c => $"\"{c.Name}\""));
}
