using Microsoft.Data.Sqlite;

namespace Workbook.Egress;

/// <summary>Opens SQLite connections, initialising the bundled native SQLite (3.35.5) once per process.</summary>
internal static class SqliteSetup
{
    private static readonly Lazy<bool> Initialized = new(() =>
    {
        SQLitePCL.Batteries_V2.Init();
        return true;
    });

    /// <summary>
    /// An open connection. Pooling is off so that closing a connection really releases the file: the loader
    /// renames its temporary database into place, and callers delete database files they no longer need.
    /// </summary>
    public static SqliteConnection Open(string dataSource, SqliteOpenMode mode = SqliteOpenMode.ReadWriteCreate)
    {
        _ = Initialized.Value;
        var builder = new SqliteConnectionStringBuilder { DataSource = dataSource, Mode = mode, Pooling = false };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
