using Microsoft.Data.Sqlite;
using Workbook.Core;
using Workbook.Sql;

namespace Workbook.Egress;

/// <summary>
/// The data export loaded into SQLite, the notebooks' and the sandbox's engine (<see cref="EgressLoad"/> on
/// SQLite, typed as a SQLite connection). Either in memory, or in a file that appears only once complete.
/// A failed load leaves nothing behind: no temporary file, no open connection, an existing target untouched.
/// </summary>
public sealed class EgressDatabase : IDisposable
{
    public const string InMemory = SqlDatabase.InMemory;

    private EgressDatabase(SqliteConnection connection, string databasePath, IReadOnlyDictionary<string, long> rowCounts)
    {
        Connection = connection;
        DatabasePath = databasePath;
        RowCounts = rowCounts;
    }

    /// <summary>The open connection. Disposed with the database.</summary>
    public SqliteConnection Connection { get; }

    /// <summary><see cref="InMemory"/> or the full path of the database file.</summary>
    public string DatabasePath { get; }

    /// <summary>Rows loaded per exported table (empty for a database opened with <see cref="Open"/>).</summary>
    public IReadOnlyDictionary<string, long> RowCounts { get; }

    public static EgressDatabase Load(string dataFolder, string databasePath = InMemory) => Load(dataFolder, databasePath, progress: null);

    /// <summary>
    /// Loads the nine files of <paramref name="dataFolder"/> (see <see cref="EgressExport"/>), reporting the share
    /// of bytes read (0..1) to <paramref name="progress"/>. Bad input is an <see cref="InputDataException"/>.
    /// </summary>
    public static EgressDatabase Load(string dataFolder, string databasePath, IProgress<double>? progress)
    {
        var load = EgressLoad.Load(dataFolder, new EgressTarget(SqlEngine.Sqlite, databasePath), progress);
        return new EgressDatabase((SqliteConnection)load.Connection, load.Location, load.RowCounts);
    }

    /// <summary>Opens a database file written earlier by <see cref="Load(string, string)"/>.</summary>
    public static EgressDatabase Open(string databasePath, bool readOnly = true)
    {
        if (!File.Exists(databasePath))
        {
            throw new WorkbookException($"database file not found: {databasePath}");
        }

        var path = Path.GetFullPath(databasePath);
        var connection = SqlDatabase.OpenSqlite(path, readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWrite);
        return new EgressDatabase(connection, path, new Dictionary<string, long>());
    }

    public void Dispose() => Connection.Dispose();
}
