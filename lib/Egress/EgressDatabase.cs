using Microsoft.Data.Sqlite;
using Workbook.Core;

namespace Workbook.Egress;

/// <summary>
/// The data export loaded into SQLite (schema: lib/Egress/Sql/schema.sql). Either in memory, or in a file that
/// appears only once complete: the load goes to a temporary file beside it, renamed into place at the end.
/// A failed load leaves nothing behind: no temporary file, no open connection, an existing target untouched.
/// </summary>
public sealed class EgressDatabase : IDisposable
{
    public const string InMemory = ":memory:";

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
        var files = EgressExport.Locate(dataFolder);
        if (databasePath == InMemory)
        {
            var connection = SqliteSetup.Open(InMemory);
            try
            {
                return new EgressDatabase(connection, InMemory, Fill(connection, files, progress));
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }

        var target = Path.GetFullPath(databasePath);
        var counts = AtomicFile.Build(target, files.Values.ToList(), temp =>
        {
            using var building = SqliteSetup.Open(temp);
            // A half-built temporary file is thrown away on failure, so it needs no journal.
            SqliteSetup.Execute(building, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;");
            return Fill(building, files, progress);
        });
        return new EgressDatabase(SqliteSetup.Open(target), target, counts);
    }

    /// <summary>Opens a database file written earlier by <see cref="Load(string, string)"/>.</summary>
    public static EgressDatabase Open(string databasePath, bool readOnly = true)
    {
        if (!File.Exists(databasePath))
        {
            throw new WorkbookException($"database file not found: {databasePath}");
        }

        var connection = SqliteSetup.Open(Path.GetFullPath(databasePath), readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWrite);
        return new EgressDatabase(connection, Path.GetFullPath(databasePath), new Dictionary<string, long>());
    }

    public void Dispose() => Connection.Dispose();

    private static Dictionary<string, long> Fill(SqliteConnection connection, IReadOnlyDictionary<string, string> files, IProgress<double>? progress)
    {
        SqliteSetup.Execute(connection, EgressSql.Text(EgressSql.Schema));
        var totalBytes = Math.Max(1, files.Values.Sum(path => new FileInfo(path).Length));
        long doneBytes = 0;
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        using var transaction = connection.BeginTransaction();
        foreach (var table in EgressExport.Tables)
        {
            var before = doneBytes;
            counts[table] = ExportTableLoader.Load(connection, table, files[table], bytes => progress?.Report((double)(before + bytes) / totalBytes));
            doneBytes += new FileInfo(files[table]).Length;
        }

        transaction.Commit();
        SqliteSetup.Execute(connection, "ANALYZE;");
        return counts;
    }
}
