using Npgsql;
using Workbook.Core;
using Workbook.Sql;
using Workbook.Egress;
using Workbook.Tests.Cli;
using Workbook.Tests.Databases;

namespace Workbook.Tests.Egress;

/// <summary>
/// Part 2 on SQLite, DuckDB and a real PostgreSQL server (the collection's throwaway cluster): the same export gives
/// byte-identical answer CSVs on all three, bad input is refused alike, and a failed PostgreSQL load leaves no table.
/// </summary>
[Collection(PostgresCollection.Name)]
public class EngineAnswersTests(PostgresCluster postgres)
{
    /// <summary>Loads <paramref name="folder"/> into every engine and writes each engine's answer CSVs; returns the folders.</summary>
    private Dictionary<SqlEngine, string> AnswersOnEveryEngine(string folder, TempDir output)
    {
        var written = new Dictionary<SqlEngine, string>();
        foreach (var engine in SqlEngines.All)
        {
            var target = new EgressTarget(engine, ConnectionString: engine == SqlEngine.Postgres ? postgres.CreateDatabase() : null);
            using var loaded = EgressLoad.Load(folder, target);
            written[engine] = output.File(engine.Name());
            EgressReport.Write(EgressAnswers.Query(loaded.Connection, engine), written[engine]);
        }

        return written;
    }

    private static void AssertSameBytes(Dictionary<SqlEngine, string> written)
    {
        var files = Directory.GetFiles(written[SqlEngine.Sqlite]).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(5, files.Count);
        foreach (var engine in new[] { SqlEngine.DuckDb, SqlEngine.Postgres })
        {
            Assert.Equal(files, Directory.GetFiles(written[engine]).Select(Path.GetFileName).Order(StringComparer.Ordinal));
            Assert.All(files, file => Assert.True(
                File.ReadAllBytes(Path.Combine(written[SqlEngine.Sqlite], file!)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(written[engine], file!))),
                $"{file} differs between sqlite and {engine.Name()}"));
        }
    }

    [Fact]
    public void The_three_engines_write_byte_identical_answers_on_the_exercise_export()
    {
        using var output = new TempDir();
        var written = AnswersOnEveryEngine(SharedData.EgressDir, output);
        AssertSameBytes(written);
        Assert.Equal(["image_size,num_images", "256x256,1411", "512x512,1308", "1024x1024,1328"],
            File.ReadAllLines(Path.Combine(written[SqlEngine.Postgres], EgressReport.ImagesBySizeFile)));
        Assert.Contains("Infra SaaS Paygo,1,1,8101.27", File.ReadAllText(Path.Combine(written[SqlEngine.DuckDb], EgressReport.BillingsByPlanFile)));
    }

    [Fact]
    public void The_three_engines_write_byte_identical_answers_on_a_generated_10000_customer_export()
    {
        using var data = new TempDir();
        using var output = new TempDir();
        var totals = EgressGenerator.Write(data.Path, new EgressGeneratorOptions(Customers: 10_000));
        Assert.Equal(10_000, totals.Customers);
        var written = AnswersOnEveryEngine(data.Path, output);
        AssertSameBytes(written);
        var reconciliation = File.ReadAllLines(Path.Combine(written[SqlEngine.Postgres], EgressReport.ReconciliationFile));
        Assert.True(reconciliation.Length > 10_000);
        Assert.All(reconciliation.Skip(1), line => Assert.EndsWith(",match", line));
    }

    /// <summary>A small generated export whose last table (events) has a bad timestamp on its last row.</summary>
    private static TempDir ExportWithBadLastEvent(out string eventsPath, out int badLine)
    {
        var dir = new TempDir();
        EgressGenerator.Write(dir.Path, new EgressGeneratorOptions(Customers: 3, EventsPerCustomer: 5));
        eventsPath = Path.Combine(dir.Path, EgressExport.FileName("events"));
        var rows = File.ReadAllText(eventsPath).TrimEnd('\r', '\n').Split("\r\n");
        var cells = rows[^1].Split(',');
        cells[2] = "not a time";
        rows[^1] = string.Join(',', cells);
        File.WriteAllText(eventsPath, string.Join("\r\n", rows) + "\r\n");
        badLine = rows.Length;
        return dir;
    }

    private static long Scalar(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(command.ExecuteScalar());
    }

    private const string UserTables = "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'";

    [Fact]
    public void A_load_that_fails_half_way_leaves_no_partial_tables_in_postgres()
    {
        using var dir = ExportWithBadLastEvent(out var eventsPath, out var badLine);
        var database = postgres.CreateDatabase();

        var error = Assert.Throws<InputDataException>(() => EgressLoad.Load(dir.Path, new EgressTarget(SqlEngine.Postgres, ConnectionString: database)));

        // Eight tables had been copied when the ninth failed: none of them, nor the view, is left.
        Assert.Equal($"{eventsPath}:{badLine}: column 'timestamp': 'not a time' is not a timestamp (expected e.g. 2024-03-13 00:57:44.673000 UTC, 2024-02-29 0:00:00 or ISO-8601)", error.Message);
        Assert.Equal(0L, Scalar(database, UserTables));
    }

    [Fact]
    public void A_failed_reload_keeps_the_previous_load_and_a_good_one_replaces_it()
    {
        using var good = new TempDir();
        EgressGenerator.Write(good.Path, new EgressGeneratorOptions(Customers: 4, EventsPerCustomer: 5));
        using var bad = ExportWithBadLastEvent(out _, out _);
        var database = postgres.CreateDatabase();
        var target = new EgressTarget(SqlEngine.Postgres, ConnectionString: database);

        using (var first = EgressLoad.Load(good.Path, target))
        {
            Assert.Equal(4L, first.RowCounts["customer"]);
        }

        var tables = Scalar(database, UserTables);
        Assert.Equal(12L, tables); // the nine exported tables, customer_ingest_alias, metric_rule and metered_usage
        Assert.Throws<InputDataException>(() => EgressLoad.Load(bad.Path, target));
        Assert.Equal(4L, Scalar(database, "SELECT COUNT(*) FROM customer"));

        using (var again = EgressLoad.Load(good.Path, target))
        {
            Assert.Equal(4L, again.RowCounts["customer"]);
        }

        Assert.Equal(tables, Scalar(database, UserTables));
        Assert.Equal(4L, Scalar(database, "SELECT COUNT(*) FROM customer"));
        Assert.Equal(Scalar(database, "SELECT COUNT(*) FROM events"), Scalar(database, "SELECT COUNT(DISTINCT transaction_id) FROM events"));
    }

    [Fact]
    public void Every_engine_refuses_bad_input_with_the_same_message()
    {
        using var dir = ExportWithBadLastEvent(out _, out _);
        var messages = SqlEngines.All.Select(engine => Assert.Throws<InputDataException>(() => EgressLoad.Load(dir.Path,
            new EgressTarget(engine, ConnectionString: engine == SqlEngine.Postgres ? postgres.CreateDatabase() : null))).Message).ToList();
        Assert.Single(messages.Distinct());
    }

    [Fact]
    public void Money_is_exact_numeric_timestamps_timestamptz_and_properties_jsonb_in_postgres()
    {
        var database = postgres.CreateDatabase();
        using var loaded = EgressLoad.Load(SharedData.EgressDir, new EgressTarget(SqlEngine.Postgres, ConnectionString: database));
        using var command = new NpgsqlCommand(
            "SELECT table_name || '.' || column_name || ' ' || data_type FROM information_schema.columns " +
            "WHERE (table_name, column_name) IN (('invoice', 'total'), ('events', 'timestamp'), ('events', 'properties_json')) ORDER BY 1",
            (NpgsqlConnection)loaded.Connection);
        using var reader = command.ExecuteReader();
        var types = new List<string>();
        while (reader.Read())
        {
            types.Add(reader.GetString(0));
        }

        Assert.Equal(["events.properties_json jsonb", "events.timestamp timestamp with time zone", "invoice.total numeric"], types);
    }

    [Fact]
    public async Task The_egress_command_keeps_a_duckdb_file_and_says_what_is_wrong_with_an_engine_line()
    {
        using var dir = new TempDir();
        var sqlite = await CliRunner.RunAsync(["egress", "--data", SharedData.EgressDir, "--out", dir.File("sqlite")]);
        var duckdb = await CliRunner.RunAsync(["egress", "--engine", "duckdb", "--data", SharedData.EgressDir, "--out", dir.File("duckdb"), "--db", dir.File("export.duckdb")]);
        Assert.True(duckdb.ExitCode == 0, duckdb.Err);
        Assert.Contains($"database: {dir.File("export.duckdb")}", duckdb.Out);
        Assert.True(File.Exists(dir.File("export.duckdb")));
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp"));
        foreach (var file in Directory.GetFiles(dir.File("sqlite")).Select(Path.GetFileName))
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(dir.File("sqlite"), file!)), File.ReadAllBytes(Path.Combine(dir.File("duckdb"), file!)));
        }

        var dbOnPostgres = await CliRunner.RunAsync(["egress", "--engine", "postgres", "--connection", postgres.CreateDatabase(), "--db", dir.File("x.db")]);
        Assert.Equal((2, "error: --db is for --engine sqlite or duckdb: PostgreSQL keeps the load in its database\n"), (dbOnPostgres.ExitCode, dbOnPostgres.Err));
        var noServer = await CliRunner.RunAsync(["egress", "--engine", "postgres", "--data", SharedData.EgressDir, "--out", dir.File("none")]);
        Assert.Equal(2, noServer.ExitCode);
        Assert.Contains("PGHOST", noServer.Err);
        var unreachable = await CliRunner.RunAsync(["egress", "--engine", "postgres", "--connection", $"Host={dir.File("no-such-socket-dir")};Username=u;Password=secret-pw;Database=d;Timeout=3",
            "--data", SharedData.EgressDir, "--out", dir.File("none")]);
        Assert.Equal(1, unreachable.ExitCode);
        Assert.StartsWith("error: the database: ", unreachable.Err);
        Assert.DoesNotContain("secret-pw", unreachable.Err + unreachable.Out);
        Assert.DoesNotContain("   at ", unreachable.Err);
    }
}
