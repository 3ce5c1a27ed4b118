using System.Data.Common;
using Workbook.Core;
using Workbook.Sql;

namespace Workbook.Egress;

/// <summary>Where <see cref="EgressLoad"/> puts the export.</summary>
/// <param name="Engine">The engine.</param>
/// <param name="DatabasePath">SQLite or DuckDB: a database file to keep (null: in memory).</param>
/// <param name="ConnectionString">PostgreSQL: the Npgsql connection string of the database to load into.</param>
public sealed record EgressTarget(SqlEngine Engine, string? DatabasePath = null, string? ConnectionString = null);

/// <summary>
/// The data export loaded into one of the engines, open for queries (<see cref="EgressAnswers.Query(DbConnection, SqlEngine)"/>).
/// Every engine loads the rows <see cref="ExportTableReader"/> validates, in the same pass, through the engine's
/// bulk path (<see cref="BulkWriter"/>), deriving metered_usage from the events in the same pass (<see cref="UsageMetering"/>), then runs derived.sql (indexes). None leaves a half-loaded
/// database: SQLite and DuckDB files are built beside the target and renamed into place; PostgreSQL loads in one
/// transaction that first drops the previous load, so a failure leaves the database as it was.
/// </summary>
public sealed class EgressLoad : IDisposable
{
    /// <summary>The tables a load creates besides the exported ones, dropped first by the next load into the same database.</summary>
    private static readonly string[] DerivedTables = ["customer_ingest_alias", "metric_rule", "metered_usage"];

    private EgressLoad(SqlEngine engine, DbConnection connection, string location, IReadOnlyDictionary<string, long> rowCounts)
    {
        Engine = engine;
        Connection = connection;
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

    public bool InMemory => Location == SqlDatabase.InMemory;

    /// <summary>
    /// Loads the nine files of <paramref name="dataFolder"/> (see <see cref="EgressExport"/>), reporting the share
    /// of bytes read (0..1) to <paramref name="progress"/>. Bad input is an <see cref="InputDataException"/>;
    /// <paramref name="cancellationToken"/> is checked every batch of rows (a database file being built is then removed).
    /// </summary>
    public static EgressLoad Load(string dataFolder, EgressTarget target, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        var files = EgressExport.Locate(dataFolder);
        switch (target.Engine)
        {
            case SqlEngine.Sqlite or SqlEngine.DuckDb when target.DatabasePath is null or SqlDatabase.InMemory:
            {
                var connection = SqlDatabase.Open(target.Engine, SqlDatabase.InMemory);
                return Loaded(connection, () => new EgressLoad(target.Engine, connection, SqlDatabase.InMemory, Fill(connection, target.Engine, files, progress, cancellationToken)));
            }

            case SqlEngine.Sqlite or SqlEngine.DuckDb:
            {
                var path = Path.GetFullPath(target.DatabasePath!);
                var counts = AtomicFile.Build(path, files.Values.ToList(), temp =>
                {
                    using var building = SqlDatabase.Open(target.Engine, temp);
                    if (target.Engine == SqlEngine.Sqlite)
                    {
                        // A half-built temporary file is thrown away on failure, so it needs no journal.
                        SqlDatabase.Execute(building, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;");
                    }

                    var loaded = Fill(building, target.Engine, files, progress, cancellationToken);
                    if (target.Engine == SqlEngine.DuckDb)
                    {
                        SqlDatabase.Execute(building, "CHECKPOINT");
                    }

                    return loaded;
                }, target.Engine == SqlEngine.DuckDb ? [".wal"] : []);
                return new EgressLoad(target.Engine, SqlDatabase.Open(target.Engine, path), path, counts);
            }

            case SqlEngine.Postgres:
            {
                var connectionString = target.ConnectionString ?? throw new ArgumentException("PostgreSQL needs a connection string", nameof(target));
                var connection = SqlDatabase.OpenPostgres(connectionString);
                return Loaded(connection, () =>
                {
                    using var transaction = connection.BeginTransaction();
                    SqlDatabase.Execute(connection, string.Join(' ',
                        EgressExport.Tables.Concat(DerivedTables).Select(table => $"DROP TABLE IF EXISTS \"{table}\" CASCADE;")));
                    var counts = Fill(connection, SqlEngine.Postgres, files, progress, cancellationToken);
                    transaction.Commit();
                    return new EgressLoad(SqlEngine.Postgres, connection, PostgresConnectionString.Describe(connectionString), counts);
                });
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(target));
        }
    }

    public void Dispose() => Connection.Dispose();

    private static EgressLoad Loaded(DbConnection connection, Func<EgressLoad> load)
    {
        try
        {
            return load();
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Creates the schema, loads every table in load order, then derives what the answers read.</summary>
    private static Dictionary<string, long> Fill(DbConnection connection, SqlEngine engine, IReadOnlyDictionary<string, string> files, IProgress<double>? progress,
        CancellationToken cancellationToken)
    {
        SqlDatabase.Execute(connection, EgressSql.Text(EgressSql.Schema, engine));
        var sizes = files.ToDictionary(file => file.Key, file => new FileInfo(file.Value).Length, StringComparer.Ordinal);
        var loadProgress = new LoadProgress(progress, sizes.Values.Sum());
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        using (var transaction = engine == SqlEngine.Sqlite ? connection.BeginTransaction() : null)
        {
            var customerOfAlias = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var table in EgressExport.Tables)
            {
                var metering = table == "events" ? UsageMetering.Read(connection, customerOfAlias) : null;
                var metered = new List<MeteredEvent>();
                counts[table] = LoadTable(connection, engine, table, files[table], loadProgress, customerOfAlias, metering, metered, cancellationToken);
                loadProgress.FileDone(sizes[table]);
                WriteMeteredUsage(connection, metered);
            }

            transaction?.Commit();
        }

        SqlDatabase.Execute(connection, EgressSql.Text(EgressSql.Derived, engine));
        return counts;
    }

    /// <summary>
    /// One file: rows validated on a worker thread while this one writes them (<see cref="RowPipeline"/>); a
    /// customer's ingest aliases then go into customer_ingest_alias and <paramref name="customerOfAlias"/>; with
    /// <paramref name="metering"/>, each event's metered_usage rows into <paramref name="metered"/>, on the worker.
    /// </summary>
    private static long LoadTable(
        DbConnection connection,
        SqlEngine engine,
        string table,
        string path,
        LoadProgress progress,
        Dictionary<string, string> customerOfAlias,
        UsageMetering? metering,
        List<MeteredEvent> metered,
        CancellationToken cancellationToken)
    {
        var columns = ExportColumns.Of(table);
        using var reader = new ExportTableReader(table, path, columns);
        var aliases = table == "customer" ? new List<(string Alias, string Customer)>() : null;
        var meter = metering is null ? null : EventMeter(reader, metering, metered);
        long bytesRead = 0;
        long rows;
        using (var writer = BulkWriter.Open(connection, table, [.. columns.Select(c => c.SqlColumn)]))
        {
            RowPipeline.Run(columns.Count,
                row =>
                {
                    if (!reader.Read())
                    {
                        return false;
                    }

                    var values = reader.Values;
                    if (engine == SqlEngine.DuckDb)
                    {
                        RefuseMoreDecimalsThanDuckDbKeeps(reader);
                    }

                    meter?.Invoke();
                    values.CopyTo(row);
                    writer.Prepare(row);
                    aliases?.AddRange(reader.Aliases.Select(alias => (alias, (string)values[0]!)));
                    Volatile.Write(ref bytesRead, reader.BytesRead ?? 0);
                    return true;
                },
                row =>
                {
                    foreach (var value in row)
                    {
                        writer.Value(value);
                    }

                    writer.EndRow();
                },
                () => progress.Report(Volatile.Read(ref bytesRead)),
                cancellationToken);
            writer.Complete();
            rows = writer.Rows;
        }

        if (aliases is { Count: > 0 })
        {
            using var aliasWriter = BulkWriter.Open(connection, "customer_ingest_alias", [new("alias", SqlType.Text), new("customer_id", SqlType.Text)]);
            foreach (var (alias, customer) in aliases)
            {
                customerOfAlias[alias] = customer;
                aliasWriter.Value(alias);
                aliasWriter.Value(customer);
                aliasWriter.EndRow();
            }

            aliasWriter.Complete();
        }

        return rows;
    }

    /// <summary>Meters the event <paramref name="reader"/> has just read.</summary>
    private static Action EventMeter(ExportTableReader reader, UsageMetering metering, List<MeteredEvent> metered)
    {
        int Column(string name) => reader.Columns.ToList().FindIndex(column => column.Name == name);
        var (id, alias, timestamp, type, properties) =
            (Column("transaction_id"), Column("customer_id"), Column("timestamp"), Column("event_type"), Column("properties_json"));
        return () =>
        {
            var values = reader.Values;
            try
            {
                metering.Meter((string)values[id]!, (string)values[alias]!, (DateTime)values[timestamp]!, (string)values[type]!, (string?)values[properties], metered);
            }
            catch (FormatException error)
            {
                throw reader.Error(properties, error.Message);
            }
        };
    }

    /// <summary>The rows the events fed, after the events (PostgreSQL's connection runs one COPY at a time).</summary>
    private static void WriteMeteredUsage(DbConnection connection, List<MeteredEvent> metered)
    {
        if (metered.Count == 0)
        {
            return;
        }

        using var writer = BulkWriter.Open(connection, "metered_usage",
        [
            new("customer_id", SqlType.Text), new("event_timestamp", SqlType.Timestamp), new("billable_metric_id", SqlType.Text),
            new("quantity", SqlType.Decimal), new("transaction_id", SqlType.Text),
        ]);
        foreach (var usage in metered)
        {
            writer.Value(usage.CustomerId);
            writer.Value(usage.Timestamp);
            writer.Value(usage.BillableMetricId);
            writer.Value(usage.Quantity);
            writer.Value(usage.TransactionId);
            writer.EndRow();
        }

        writer.Complete();
    }

    private static void RefuseMoreDecimalsThanDuckDbKeeps(ExportTableReader reader)
    {
        for (var i = 0; i < reader.Values.Length; i++)
        {
            if (reader.Values[i] is decimal exact && Numbers.Normalized(exact).Scale > DuckDbDecimals)
            {
                throw reader.Error(i, $"{exact} has more than {DuckDbDecimals} decimals, more than DuckDB's DECIMAL(38, {DuckDbDecimals}) keeps");
            }
        }
    }

    /// <summary>The decimals of DuckDB's DECIMAL(38, 12) (duckdb/schema.sql): a value with more is refused, never rounded.</summary>
    private const int DuckDbDecimals = 12;
}
