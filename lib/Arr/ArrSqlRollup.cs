using System.Data.Common;
using DuckDB.NET.Data;
using Npgsql;
using NpgsqlTypes;
using Workbook.Core;

namespace Workbook.Arr;

/// <summary>
/// The ARR rollup run as SQL (lib/Arr/Sql/rollup.sql) in DuckDB or PostgreSQL, beside the in-memory
/// <see cref="ArrRollup"/>: the inputs the validation layer loaded (<see cref="ArrInputs"/>, with its --lenient and
/// issue reports) go into scratch tables through each engine's bulk path, the SQL computes every account's ultimate
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
    public static string Sql(string fileName)
    {
        using var stream = typeof(ArrSqlRollup).Assembly.GetManifestResourceStream("Workbook.Arr.Sql." + fileName)
            ?? throw new ArgumentException($"no embedded SQL file named {fileName}", nameof(fileName));
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <param name="connectionString">PostgreSQL only: the database to work in (nothing is kept there).</param>
    public static ArrResult Compute(ArrInputs inputs, DateOnly asOf, SqlEngine engine, string? connectionString = null)
    {
        switch (engine)
        {
            case SqlEngine.DuckDb:
            {
                using var connection = new DuckDBConnection("Data Source=:memory:");
                connection.Open();
                Execute(connection, Sql(TablesFile));
                AppendDuckDb(connection, inputs, asOf);
                return Query(connection, inputs, asOf);
            }

            case SqlEngine.Postgres:
            {
                using var connection = new NpgsqlConnection(connectionString ?? throw new ArgumentNullException(nameof(connectionString)));
                connection.Open();
                using var transaction = connection.BeginTransaction();
                Execute(connection, Sql(TablesFile));
                CopyPostgres(connection, inputs, asOf);
                Execute(connection, "ANALYZE arr_account; ANALYZE arr_subscription; ANALYZE arr_item;");
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

    /// <summary>The rows to load: accounts (row, id, parent_id or null), subscriptions of known accounts, items.</summary>
    private static IEnumerable<(int Row, string Id, string? Parent)> Accounts(AccountTable accounts)
    {
        for (var account = 0; account < accounts.Count; account++)
        {
            var parent = accounts.ParentId(account);
            yield return (account, accounts.Id(account).ToString(), parent.IsEmpty ? null : parent.ToString());
        }
    }

    private static IEnumerable<(string Id, string Account, DateOnly Start, DateOnly End)> Subscriptions(ArrInputs inputs)
    {
        var subscriptions = inputs.Subscriptions;
        for (var s = 0; s < subscriptions.Count; s++)
        {
            var account = subscriptions.Account[s];
            if (account >= 0)
            {
                yield return (subscriptions.Id(s), inputs.Accounts.Id(account).ToString(),
                    DateOnly.FromDayNumber(subscriptions.Start[s]), DateOnly.FromDayNumber(subscriptions.End[s]));
            }
        }
    }

    private static IEnumerable<(string Subscription, DateOnly Start, DateOnly End, decimal Arr)> Items(ArrInputs inputs)
    {
        var items = inputs.Items;
        for (var i = 0; i < items.Count; i++)
        {
            var arr = items.Arr[i];
            if ((arr / 1.000000000000000000000000000000m).Scale > MaxScale)
            {
                throw new WorkbookException($"item ARR {arr} has more than {MaxScale} decimals, more than the SQL tables keep exactly");
            }

            yield return (inputs.Subscriptions.Id(items.Subscription[i]), DateOnly.FromDayNumber(items.Start[i]), DateOnly.FromDayNumber(items.End[i]), arr);
        }
    }

    private static void AppendDuckDb(DuckDBConnection connection, ArrInputs inputs, DateOnly asOf)
    {
        using (var appender = connection.CreateAppender("arr_account"))
        {
            foreach (var (row, id, parent) in Accounts(inputs.Accounts))
            {
                appender.CreateRow().AppendValue((long)row).AppendValue(id).AppendValue(parent).EndRow();
            }
        }

        using (var appender = connection.CreateAppender("arr_subscription"))
        {
            foreach (var (id, account, start, end) in Subscriptions(inputs))
            {
                appender.CreateRow().AppendValue(id).AppendValue(account).AppendValue(start).AppendValue(end).EndRow();
            }
        }

        using (var appender = connection.CreateAppender("arr_item"))
        {
            foreach (var (subscription, start, end, arr) in Items(inputs))
            {
                appender.CreateRow().AppendValue(subscription).AppendValue(start).AppendValue(end).AppendValue(arr).EndRow();
            }
        }

        using (var appender = connection.CreateAppender("arr_as_of"))
        {
            appender.CreateRow().AppendValue(asOf).EndRow();
        }
    }

    private static void CopyPostgres(NpgsqlConnection connection, ArrInputs inputs, DateOnly asOf)
    {
        using (var copy = connection.BeginBinaryImport("COPY arr_account (account_row, id, parent_id) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (row, id, parent) in Accounts(inputs.Accounts))
            {
                copy.StartRow();
                copy.Write((long)row, NpgsqlDbType.Bigint);
                copy.Write(id, NpgsqlDbType.Text);
                if (parent is null)
                {
                    copy.WriteNull();
                }
                else
                {
                    copy.Write(parent, NpgsqlDbType.Text);
                }
            }

            copy.Complete();
        }

        using (var copy = connection.BeginBinaryImport("COPY arr_subscription (id, account_id, start_date, end_date) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (id, account, start, end) in Subscriptions(inputs))
            {
                copy.StartRow();
                copy.Write(id, NpgsqlDbType.Text);
                copy.Write(account, NpgsqlDbType.Text);
                copy.Write(start, NpgsqlDbType.Date);
                copy.Write(end, NpgsqlDbType.Date);
            }

            copy.Complete();
        }

        using (var copy = connection.BeginBinaryImport("COPY arr_item (subscription_id, start_date, end_date, arr) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (subscription, start, end, arr) in Items(inputs))
            {
                copy.StartRow();
                copy.Write(subscription, NpgsqlDbType.Text);
                copy.Write(start, NpgsqlDbType.Date);
                copy.Write(end, NpgsqlDbType.Date);
                copy.Write(arr, NpgsqlDbType.Numeric);
            }

            copy.Complete();
        }

        using var asOfCopy = connection.BeginBinaryImport("COPY arr_as_of (as_of) FROM STDIN (FORMAT BINARY)");
        asOfCopy.WriteRow(asOf);
        asOfCopy.Complete();
    }

    private static void Execute(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
