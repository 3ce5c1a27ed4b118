using System.Data.Common;
using DuckDB.NET.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Workbook.Sql;

/// <summary>
/// Opens a connection to one of the engines, always in UTC (so date() of a timestamp is the UTC day on every
/// engine), and runs SQL on it: the one place that knows how each engine is reached.
/// </summary>
public static class SqlDatabase
{
    /// <summary>The data source of an in-memory SQLite or DuckDB database.</summary>
    public const string InMemory = ":memory:";

    private static readonly Lazy<bool> SqliteInitialized = new(() =>
    {
        SQLitePCL.Batteries_V2.Init();

        // SQLite's allocation statistics take a global mutex on every malloc, and nothing here reads them. Only
        // possible before SQLite initialises: a host that started it first keeps them (the call then fails, harmlessly).
        _ = SQLitePCL.raw.sqlite3_config(SQLitePCL.raw.SQLITE_CONFIG_MEMSTATUS, 0);
        return true;
    });

    /// <summary>
    /// <paramref name="location"/>: SQLite and DuckDB a database file or <see cref="InMemory"/> (null too);
    /// PostgreSQL an Npgsql connection string.
    /// </summary>
    public static DbConnection Open(SqlEngine engine, string? location) => engine switch
    {
        SqlEngine.Sqlite => OpenSqlite(location ?? InMemory),
        SqlEngine.DuckDb => OpenDuckDb(location ?? InMemory),
        SqlEngine.Postgres => OpenPostgres(location ?? throw new ArgumentNullException(nameof(location), "PostgreSQL needs a connection string")),
        _ => throw new ArgumentOutOfRangeException(nameof(engine)),
    };

    /// <summary>
    /// SQLite (which keeps no time zone: timestamps are UTC text). Pooling is off so that closing a connection
    /// really releases the file: loaders rename a temporary database into place, and callers delete files.
    /// Sorting (an index built over loaded rows, a GROUP BY) stays in memory up to 256 MB instead of spilling to
    /// temporary files past SQLite's default 2 MB. A new database gets 64 KB pages (an existing one keeps its own):
    /// a bulk load splits a B-tree page 16 times less often than with the default 4 KB.
    /// </summary>
    public static SqliteConnection OpenSqlite(string dataSource, SqliteOpenMode mode = SqliteOpenMode.ReadWriteCreate)
    {
        _ = SqliteInitialized.Value;
        var builder = new SqliteConnectionStringBuilder { DataSource = dataSource, Mode = mode, Pooling = false };
        return Opened(new SqliteConnection(builder.ToString()),
            connection => Execute(connection, "PRAGMA page_size = 65536; PRAGMA temp_store = MEMORY; PRAGMA cache_size = -262144;"));
    }

    /// <summary>DuckDB in memory or in a file, its session time zone UTC.</summary>
    public static DuckDBConnection OpenDuckDb(string dataSource) =>
        Opened(new DuckDBConnection($"Data Source={dataSource}"), connection => Execute(connection, "SET TimeZone = 'UTC'"));

    /// <summary>PostgreSQL, its session time zone UTC whatever the server's default.</summary>
    public static NpgsqlConnection OpenPostgres(string connectionString) =>
        Opened(new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Timezone = "UTC" }.ToString()), connection => { });

    /// <summary>Runs a script (one or more statements, no results).</summary>
    public static void Execute(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Runs a query and maps each row.</summary>
    public static List<T> Query<T>(DbConnection connection, string sql, Func<DbDataReader, T> map)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    private static T Opened<T>(T connection, Action<T> setUp)
        where T : DbConnection
    {
        try
        {
            connection.Open();
            setUp(connection);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}
