using System.Data.Common;
using Npgsql;
using Workbook.Core;
using Workbook.Sql;

namespace Workbook.Arr;

/// <summary>
/// The ARR rollup run as SQL (lib/Arr/Sql/rollup.sql) in DuckDB or PostgreSQL, beside the in-memory
/// <see cref="ArrRollup"/>: the inputs the validation layer loaded (<see cref="ArrInputs"/>, with its --lenient and
/// issue reports) go into scratch tables through each engine's bulk path (<see cref="BulkWriter"/>), the SQL computes every account's ultimate
/// parent, ARR and hierarchy ARR, and the result is an <see cref="ArrResult"/> that writes the same accounts.csv.
/// Nothing is left behind: DuckDB works in memory, and PostgreSQL in one transaction that is rolled back.
/// </summary>
public static class ArrSqlRollup
{
    public const string TablesFile = "tables.sql";
    public const string RollupFile = "rollup.sql";
    public const string ActiveCountsFile = "active_counts.sql";

    /// <summary>Decimals DuckDB's DECIMAL(38, 18) keeps (tables.sql): an item ARR with more is refused, never rounded.</summary>
    private const int MaxScale = 18;

    /// <summary>The text of one of lib/Arr/Sql/*.sql.</summary>
    public static string Sql(string fileName) => Texts.Text(fileName);

    private static readonly SqlTexts Texts = new("Workbook.Arr.Sql.");

    /// <param name="connectionString">PostgreSQL only: the database to work in (nothing is kept there).</param>
    public static ArrResult Compute(ArrInputs inputs, DateOnly asOf, SqlEngine engine, string? connectionString = null)
    {
        switch (engine)
        {
            case SqlEngine.DuckDb:
            {
                using var connection = SqlDatabase.OpenDuckDb(SqlDatabase.InMemory);
                Fill(connection, inputs, asOf);
                return Query(connection, inputs, asOf);
            }

            case SqlEngine.Postgres:
            {
                using var connection = SqlDatabase.OpenPostgres(connectionString ?? throw new ArgumentNullException(nameof(connectionString)));
                using var transaction = connection.BeginTransaction();
                Fill(connection, inputs, asOf);
                SqlDatabase.Execute(connection, "ANALYZE arr_account; ANALYZE arr_subscription; ANALYZE arr_item;");
                var result = Query(connection, inputs, asOf);
                transaction.Rollback();
                return result;
            }

            default:
                throw new ArgumentException($"the ARR rollup runs in memory or on duckdb or postgres, not {engine.Name()}", nameof(engine));
        }
    }

    /// <summary>
    /// The seconds PostgreSQL's rollup query may run: the connection string's Command Timeout when it gives one, else
    /// none (0). Npgsql's own default, 30 s, would cut off rollup.sql on a million accounts, one analytical statement
    /// that must finish; a limit the user chose is theirs to keep.
    /// </summary>
    internal static int RollupTimeoutSeconds(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        return given.ContainsKey("Command Timeout") || given.ContainsKey("CommandTimeout")
            ? new NpgsqlConnectionStringBuilder(connectionString).CommandTimeout
            : 0;
    }

    private static ArrResult Query(DbConnection connection, ArrInputs inputs, DateOnly asOf)
    {
        var count = inputs.Accounts.Count;
        var arr = new decimal[count];
        var hierarchyArr = new decimal[count];
        var ultimate = new int[count];
        using (var command = connection.CreateCommand())
        {
            command.CommandText = Sql(RollupFile);
            if (command is NpgsqlCommand)
            {
                command.CommandTimeout = RollupTimeoutSeconds(connection.ConnectionString);
            }

            using var reader = command.ExecuteReader();
            var rows = 0;
            while (reader.Read())
            {
                var account = checked((int)reader.GetInt64(0));
                ultimate[account] = reader.IsDBNull(3) ? -1 : checked((int)reader.GetInt64(3));
                if (ultimate[account] < 0 && (inputs.Hierarchy.Flags[account] & (AccountFlags.Cycle | AccountFlags.BelowCycle)) == 0)
                {
                    // rollup.sql's 20 doubling steps reach 2^20 levels up; only a deeper chain ends on no root and no cycle.
                    throw new WorkbookException(
                        $"rollup.sql found no ultimate parent for account '{inputs.Accounts.Id(account)}', which is on no parent cycle: its hierarchy is deeper than the 2^20 levels the SQL follows");
                }

                arr[account] = reader.GetDecimal(4);
                if (ultimate[account] >= 0)
                {
                    hierarchyArr[ultimate[account]] = reader.GetDecimal(5);
                }

                rows++;
            }

            if (rows != count)
            {
                throw new InvalidOperationException($"rollup.sql returned {rows} rows for {count} accounts");
            }
        }

        using var counts = connection.CreateCommand();
        counts.CommandText = Sql(ActiveCountsFile);
        using var active = counts.ExecuteReader();
        active.Read();
        return new ArrResult(inputs, asOf, arr, hierarchyArr, checked((int)active.GetInt64(0)), checked((int)active.GetInt64(1)), ultimate);
    }

    /// <summary>The validated inputs into tables.sql's tables: accounts, subscriptions of known accounts, items, the as-of day.</summary>
    private static void Fill(DbConnection connection, ArrInputs inputs, DateOnly asOf)
    {
        SqlDatabase.Execute(connection, Sql(TablesFile));
        using (var accounts = BulkWriter.Open(connection, "arr_account", [new("account_row", SqlType.Integer), new("id", SqlType.Text), new("parent_id", SqlType.Text)]))
        {
            for (var account = 0; account < inputs.Accounts.Count; account++)
            {
                var parent = inputs.Accounts.ParentId(account);
                accounts.Value((long)account);
                accounts.Value(inputs.Accounts.Id(account).ToString());
                accounts.Value(parent.IsEmpty ? null : parent.ToString());
                accounts.EndRow();
            }

            accounts.Complete();
        }

        using (var subscriptions = BulkWriter.Open(connection, "arr_subscription",
            [new("id", SqlType.Text), new("account_id", SqlType.Text), new("start_date", SqlType.Date), new("end_date", SqlType.Date)]))
        {
            var table = inputs.Subscriptions;
            for (var s = 0; s < table.Count; s++)
            {
                if (table.Account[s] >= 0)
                {
                    subscriptions.Value(table.Id(s));
                    subscriptions.Value(inputs.Accounts.Id(table.Account[s]).ToString());
                    subscriptions.Value(DateOnly.FromDayNumber(table.Start[s]));
                    subscriptions.Value(DateOnly.FromDayNumber(table.End[s]));
                    subscriptions.EndRow();
                }
            }

            subscriptions.Complete();
        }

        using (var items = BulkWriter.Open(connection, "arr_item",
            [new("subscription_id", SqlType.Text), new("start_date", SqlType.Date), new("end_date", SqlType.Date), new("arr", SqlType.Decimal)]))
        {
            var table = inputs.Items;
            for (var i = 0; i < table.Count; i++)
            {
                var arr = table.Arr[i];
                if (Numbers.Normalized(arr).Scale > MaxScale)
                {
                    throw new WorkbookException($"item ARR {arr} has more than {MaxScale} decimals, more than the SQL tables keep exactly");
                }

                items.Value(inputs.Subscriptions.Id(table.Subscription[i]));
                items.Value(DateOnly.FromDayNumber(table.Start[i]));
                items.Value(DateOnly.FromDayNumber(table.End[i]));
                items.Value(arr);
                items.EndRow();
            }

            items.Complete();
        }

        using var day = BulkWriter.Open(connection, "arr_as_of", [new("as_of", SqlType.Date)]);
        day.Value(asOf);
        day.EndRow();
        day.Complete();
    }
}
