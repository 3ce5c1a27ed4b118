using System.Data.Common;
using DuckDB.NET.Data;
using Npgsql;
using Workbook.Core;

namespace Workbook.Egress;

/// <summary>Where <see cref="EgressLoad"/> puts the export.</summary>
/// <param name="Engine">The engine.</param>
/// <param name="DatabasePath">SQLite or DuckDB: a database file to keep (null: in memory).</param>
/// <param name="ConnectionString">PostgreSQL: the Npgsql connection string of the database to load into.</param>
public sealed record EgressTarget(SqlEngine Engine, string? DatabasePath = null, string? ConnectionString = null);

/// <summary>
/// The data export loaded into one of the engines, open for queries (<see cref="EgressAnswers.Query(DbConnection, SqlEngine)"/>).
/// Every engine loads the rows <see cref="ExportTableReader"/> validated, through its own bulk path: SQLite a
/// prepared INSERT (<see cref="EgressDatabase"/>), DuckDB its appender, PostgreSQL binary COPY. None leaves a
/// half-loaded database: SQLite and DuckDB files are built beside the target and renamed into place; PostgreSQL
/// loads in one transaction that first drops the previous load, so a failure leaves the database as it was.
/// </summary>
public sealed class EgressLoad : IDisposable
{
    /// <summary>The tables and view a load creates, dropped first by the next load into the same database.</summary>
    private static readonly string[] DerivedTables = ["customer_ingest_alias", "metric_rule"];

    private readonly IDisposable _owner;

    private EgressLoad(SqlEngine engine, DbConnection connection, IDisposable owner, string location, IReadOnlyDictionary<string, long> rowCounts)
    {
        Engine = engine;
        Connection = connection;
        _owner = owner;
        Location = location;
        RowCounts = rowCounts;
    }

    public SqlEngine Engine { get; }

    /// <summary>The open connection. Disposed with the load.</summary>
    public DbConnection Connection { get; }

    /// <summary>Where the data is: a file, "memory", or the PostgreSQL database (host and name, no password).</summary>
    public string Location { get; }

    /// <summary>Rows loaded per exported table.</summary>
    public IReadOnlyDictionary<string, long> RowCounts { get; }

    public bool InMemory => Location == EgressDatabase.InMemory;

    public static EgressLoad Load(string dataFolder, EgressTarget target, IProgress<double>? progress = null)
    {
        switch (target.Engine)
        {
            case SqlEngine.Sqlite:
                var sqlite = EgressDatabase.Load(dataFolder, target.DatabasePath ?? EgressDatabase.InMemory, progress);
                return new EgressLoad(SqlEngine.Sqlite, sqlite.Connection, sqlite, sqlite.DatabasePath, sqlite.RowCounts);
            case SqlEngine.DuckDb:
                return LoadDuckDb(EgressExport.Locate(dataFolder), target.DatabasePath, progress);
            case SqlEngine.Postgres:
                return LoadPostgres(EgressExport.Locate(dataFolder),
                    target.ConnectionString ?? throw new ArgumentException("PostgreSQL needs a connection string", nameof(target)), progress);
            default:
                throw new ArgumentOutOfRangeException(nameof(target));
        }
    }

    public void Dispose() => _owner.Dispose();

    private static EgressLoad LoadDuckDb(IReadOnlyDictionary<string, string> files, string? databasePath, IProgress<double>? progress)
    {
        if (databasePath is null)
        {
            var memory = OpenDuckDb(":memory:");
            try
            {
                return new EgressLoad(SqlEngine.DuckDb, memory, memory, EgressDatabase.InMemory, FillDuckDb(memory, files, progress));
            }
            catch
            {
                memory.Dispose();
                throw;
            }
        }

        var target = Path.GetFullPath(databasePath);
        var counts = AtomicFile.Build(target, files.Values.ToList(), temp =>
        {
            using var building = OpenDuckDb(temp);
            var loaded = FillDuckDb(building, files, progress);
            Execute(building, "CHECKPOINT");
            return loaded;
        }, ".wal");
        var connection = OpenDuckDb(target);
        return new EgressLoad(SqlEngine.DuckDb, connection, connection, target, counts);
    }

    /// <summary>A DuckDB connection whose session time zone is UTC, so date() of a TIMESTAMPTZ is the UTC day.</summary>
    public static DuckDBConnection OpenDuckDb(string dataSource)
    {
        var connection = new DuckDBConnection($"Data Source={dataSource}");
        try
        {
            connection.Open();
            Execute(connection, "SET TimeZone = 'UTC'");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static Dictionary<string, long> FillDuckDb(DuckDBConnection connection, IReadOnlyDictionary<string, string> files, IProgress<double>? progress)
    {
        Execute(connection, EgressSql.Text(EgressSql.Schema, SqlEngine.DuckDb));
        return LoadTables(files, progress, (table, reader, aliases) =>
        {
            using var appender = connection.CreateAppender(table);
            long rows = 0;
            while (reader.Read())
            {
                var row = appender.CreateRow();
                var values = reader.Values;
                for (var i = 0; i < values.Length; i++)
                {
                    _ = values[i] switch
                    {
                        null => row.AppendNullValue(),
                        long integer => row.AppendValue(integer),
                        decimal real => row.AppendValue(DuckDbDecimal(reader, i, real)),
                        DateTime utc => row.AppendValue(new DateTimeOffset(utc)),
                        string text => row.AppendValue(text),
                        var other => throw new InvalidOperationException($"unexpected {other.GetType()} in {table}"),
                    };
                }

                row.EndRow();
                aliases?.AddRange(reader.Aliases.Select(alias => (alias, (string)values[0]!)));
                rows++;
            }

            if (aliases is { Count: > 0 })
            {
                using var aliasAppender = connection.CreateAppender("customer_ingest_alias");
                foreach (var (alias, customer) in aliases)
                {
                    aliasAppender.CreateRow().AppendValue(alias).AppendValue(customer).EndRow();
                }
            }

            return rows;
        });
    }

    /// <summary>DuckDB's DECIMAL(38, 12) would round a value with more decimals: refuse it instead.</summary>
    private static decimal DuckDbDecimal(ExportTableReader reader, int column, decimal value)
    {
        var normalized = value / 1.000000000000000000000000000000m;
        return normalized.Scale <= 12
            ? value
            : throw reader.Error(column, $"{value} has more than 12 decimals, more than DuckDB's DECIMAL(38, 12) keeps");
    }

    private static EgressLoad LoadPostgres(IReadOnlyDictionary<string, string> files, string connectionString, IProgress<double>? progress)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Timezone = "UTC" };
        var connection = new NpgsqlConnection(builder.ToString());
        try
        {
            connection.Open();
            Dictionary<string, long> counts;
            using (var transaction = connection.BeginTransaction())
            {
                Execute(connection, "DROP VIEW IF EXISTS metered_usage; " +
                    string.Join(' ', EgressExport.Tables.Concat(DerivedTables).Select(table => $"DROP TABLE IF EXISTS \"{table}\" CASCADE;")));
                Execute(connection, EgressSql.Text(EgressSql.Schema, SqlEngine.Postgres));
                counts = LoadTables(files, progress, (table, reader, aliases) => CopyPostgres(connection, table, reader, aliases));
                Execute(connection, "ANALYZE");
                transaction.Commit();
            }

            return new EgressLoad(SqlEngine.Postgres, connection, connection, PostgresConnectionString.Describe(connectionString), counts);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static long CopyPostgres(NpgsqlConnection connection, string table, ExportTableReader reader, List<(string Alias, string Customer)>? aliases)
    {
        long rows = 0;
        using (var copy = connection.BeginBinaryImport(
            $"COPY \"{table}\" ({string.Join(", ", reader.Columns.Select(c => $"\"{c.Name}\""))}) FROM STDIN (FORMAT BINARY)"))
        {
            while (reader.Read())
            {
                copy.StartRow();
                var values = reader.Values;
                for (var i = 0; i < values.Length; i++)
                {
                    switch (values[i])
                    {
                        case null:
                            copy.WriteNull();
                            break;
                        case long integer:
                            copy.Write(integer, NpgsqlTypes.NpgsqlDbType.Bigint);
                            break;
                        case decimal real:
                            copy.Write(real, NpgsqlTypes.NpgsqlDbType.Numeric);
                            break;
                        case DateTime utc:
                            copy.Write(utc, NpgsqlTypes.NpgsqlDbType.TimestampTz);
                            break;
                        case string text:
                            copy.Write(text, reader.Columns[i].Kind == ColumnKind.Json ? NpgsqlTypes.NpgsqlDbType.Jsonb : NpgsqlTypes.NpgsqlDbType.Text);
                            break;
                    }
                }

                aliases?.AddRange(reader.Aliases.Select(alias => (alias, (string)values[0]!)));
                rows++;
            }

            copy.Complete();
        }

        if (aliases is { Count: > 0 })
        {
            using var copy = connection.BeginBinaryImport("COPY customer_ingest_alias (alias, customer_id) FROM STDIN (FORMAT BINARY)");
            foreach (var (alias, customer) in aliases)
            {
                copy.WriteRow(alias, customer);
            }

            copy.Complete();
        }

        return rows;
    }

    /// <summary>Reads every table through the validation layer and hands it to an engine's bulk writer, in load order.</summary>
    private static Dictionary<string, long> LoadTables(IReadOnlyDictionary<string, string> files, IProgress<double>? progress,
        Func<string, ExportTableReader, List<(string Alias, string Customer)>?, long> write)
    {
        var totalBytes = Math.Max(1, files.Values.Sum(path => new FileInfo(path).Length));
        long doneBytes = 0;
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in EgressExport.Tables)
        {
            using var reader = new ExportTableReader(table, files[table], TableColumn.Of(table));
            counts[table] = write(table, reader, table == "customer" ? [] : null);
            doneBytes += new FileInfo(files[table]).Length;
            progress?.Report((double)doneBytes / totalBytes);
        }

        return counts;
    }

    private static void Execute(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
