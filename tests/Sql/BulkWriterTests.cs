using System.Globalization;
using Workbook.Sql;
using Workbook.Tests.Databases;

namespace Workbook.Tests.Sql;

/// <summary>
/// The SQL layer on the three real engines: each opens in UTC, and each engine's bulk writer stores every kind of
/// value so that it reads back as written (SQLite's own representations: REAL, ISO-8601 text).
/// </summary>
[Collection(PostgresCollection.Name)]
public class BulkWriterTests(PostgresCluster postgres)
{
    private static readonly DateTime Instant = new(2024, 3, 13, 0, 57, 44, 673, DateTimeKind.Utc);

    private static readonly SqlColumn[] Columns =
    [
        new("n", SqlType.Integer), new("amount", SqlType.Decimal), new("stamp", SqlType.Timestamp), new("day", SqlType.Date),
        new("name", SqlType.Text), new("props", SqlType.Json), new("missing", SqlType.Text),
    ];

    private static readonly Dictionary<SqlEngine, string> Tables = new()
    {
        [SqlEngine.Sqlite] = "CREATE TABLE t (n INTEGER, amount REAL, stamp TEXT, day TEXT, name TEXT, props TEXT, missing TEXT)",
        [SqlEngine.DuckDb] = "CREATE TABLE t (n BIGINT, amount DECIMAL(38, 12), stamp TIMESTAMPTZ, day DATE, name VARCHAR, props JSON, missing VARCHAR)",
        [SqlEngine.Postgres] = "CREATE TABLE t (n BIGINT, amount NUMERIC, stamp TIMESTAMPTZ, day DATE, name TEXT, props JSONB, missing TEXT)",
    };

    /// <summary>Each column as text: the timestamp in SQLite's stored form, the day as yyyy-MM-dd, the JSON's "k".</summary>
    private static readonly Dictionary<SqlEngine, string> ReadBack = new()
    {
        [SqlEngine.Sqlite] = "SELECT n, amount, stamp, day, name, props ->> '$.k', missing FROM t ORDER BY n",
        [SqlEngine.DuckDb] = "SELECT n, amount, strftime(stamp, '%Y-%m-%dT%H:%M:%S.%gZ'), CAST(day AS VARCHAR), name, props ->> 'k', missing FROM t ORDER BY n",
        [SqlEngine.Postgres] = "SELECT n, amount, to_char(stamp, 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'), CAST(day AS TEXT), name, props ->> 'k', missing FROM t ORDER BY n",
    };

    [Theory]
    [InlineData(SqlEngine.Sqlite)]
    [InlineData(SqlEngine.DuckDb)]
    [InlineData(SqlEngine.Postgres)]
    public void Every_kind_of_value_reads_back_as_written(SqlEngine engine)
    {
        using var connection = SqlDatabase.Open(engine, engine == SqlEngine.Postgres ? postgres.CreateDatabase() : null);
        SqlDatabase.Execute(connection, Tables[engine]);
        using (var transaction = engine == SqlEngine.Sqlite ? connection.BeginTransaction() : null)
        {
            using var writer = BulkWriter.Open(connection, "t", Columns);
            foreach (var n in new long[] { 1, 2 })
            {
                foreach (var value in new object?[] { n, 8101.205m * n, Instant, new DateOnly(2024, 2, 29), "A1 Company, \"quoted\"", "{\"k\": 1}", null })
                {
                    writer.Value(value);
                }

                writer.EndRow();
            }

            writer.Complete();
            Assert.Equal(2, writer.Rows);
            transaction?.Commit();
        }

        var rows = SqlDatabase.Query(connection, ReadBack[engine],
            row => Enumerable.Range(0, row.FieldCount).Select(i => row.IsDBNull(i) ? null : Convert.ToString(row.GetValue(i), CultureInfo.InvariantCulture)).ToArray());

        Assert.Equal(2, rows.Count);
        Assert.Equal(["2", "16202.41", "2024-03-13T00:57:44.673Z", "2024-02-29", "A1 Company, \"quoted\"", "1", null],
            rows[1].Select((value, i) => i == 1 ? decimal.Parse(value!, CultureInfo.InvariantCulture).ToString("0.######", CultureInfo.InvariantCulture) : value));
    }

    [Theory]
    [InlineData(SqlEngine.DuckDb)]
    [InlineData(SqlEngine.Postgres)]
    public void Sessions_are_in_UTC_so_a_timestamp_s_day_is_the_UTC_day(SqlEngine engine)
    {
        using var connection = SqlDatabase.Open(engine, engine == SqlEngine.Postgres ? postgres.CreateDatabase() : null);
        var day = SqlDatabase.Query(connection, "SELECT CAST(CAST('2024-03-01 23:30:00+00' AS TIMESTAMPTZ) AS DATE)", row => row.GetValue(0));
        Assert.Equal("2024-03-01", day.Single() switch
        {
            DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            DateTime time => time.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            var other => other.ToString(),
        });
    }

    [Fact]
    public void A_row_with_a_missing_value_is_refused()
    {
        using var connection = SqlDatabase.OpenSqlite(SqlDatabase.InMemory);
        SqlDatabase.Execute(connection, "CREATE TABLE t (n INTEGER, name TEXT)");
        using var writer = BulkWriter.Open(connection, "t", [new("n", SqlType.Integer), new("name", SqlType.Text)]);
        writer.Value(1L);
        var error = Assert.Throws<InvalidOperationException>(writer.EndRow);
        Assert.Equal("a row of 1 values for 2 columns", error.Message);
    }
}
