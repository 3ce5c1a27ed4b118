using System.Globalization;
using System.Text;
using Workbook.Arr;
using Workbook.Core;
using Workbook.Tests.Cli;
using Workbook.Tests.Databases;

namespace Workbook.Tests.Arr;

/// <summary>
/// lib/Arr/Sql/rollup.sql on DuckDB and a real PostgreSQL server writes, on hostile hierarchies, the same
/// accounts.csv bytes as the in-memory engine: cycles, accounts below them, self-parents, dangling parents, deep
/// chains, unknown accounts and subscriptions, skipped rows.
/// </summary>
[Collection(PostgresCollection.Name)]
public class ArrSqlRollupTests(PostgresCluster postgres)
{
    private const string AccountsHeader = "id,parent_id,name,ultimate_parent_id,arr,hierarchy_arr\n";
    private const string SubscriptionsHeader = "id,account_id,start_date,end_date\n";
    private const string ItemsHeader = "id,subscription_id,product_name,quantity,list_price,discount,start_date,end_date\n";
    private static readonly DateOnly Day = new(2023, 6, 30);

    private static string Written(ArrResult result)
    {
        using var dir = new TempDir();
        var path = dir.File("out.csv");
        ArrOutput.WriteAccounts(result, path);
        return File.ReadAllText(path);
    }

    /// <summary>The in-memory engine's output, asserted equal to each SQL engine's; returned for value checks.</summary>
    private string SameOnEveryEngine(string accounts, string subscriptions, string items, bool lenient = false)
    {
        ArrInputs Read() => ArrInputs.Read(new StringReader(accounts), new StringReader(subscriptions), new StringReader(items), lenient);
        var memory = Written(ArrRollup.Compute(Read(), Day));
        var duckdb = ArrSqlRollup.Compute(Read(), Day, SqlEngine.DuckDb);
        Assert.Equal(memory, Written(duckdb));
        var database = postgres.CreateDatabase();
        var onPostgres = ArrSqlRollup.Compute(Read(), Day, SqlEngine.Postgres, database);
        Assert.Equal(memory, Written(onPostgres));
        var inMemory = ArrRollup.Compute(Read(), Day).Summary;
        Assert.Equal((inMemory.ActiveSubscriptions, inMemory.ActiveItems, inMemory.TotalArr), (duckdb.Summary.ActiveSubscriptions, duckdb.Summary.ActiveItems, duckdb.Summary.TotalArr));
        Assert.Equal((inMemory.ActiveSubscriptions, inMemory.ActiveItems, inMemory.TotalArr), (onPostgres.Summary.ActiveSubscriptions, onPostgres.Summary.ActiveItems, onPostgres.Summary.TotalArr));
        return memory;
    }

    private static (string Subscriptions, string Items) HundredEach(params string[] accounts) =>
        (SubscriptionsHeader + string.Concat(accounts.Select(a => $"s-{a},{a},2023-01-01,2023-12-31\n")),
         ItemsHeader + string.Concat(accounts.Select(a => $"i-{a},s-{a},Seat,1,100,0,2023-01-01,2023-12-31\n")));

    [Fact]
    public void Cycles_and_accounts_below_them_get_no_ultimate_parent_on_every_engine()
    {
        var (subscriptions, items) = HundredEach("a", "d", "e");
        var written = SameOnEveryEngine(AccountsHeader + "a,c,A,,,\nb,a,B,,,\nc,b,C,,,\nd,c,D,,,\ne,,E,,,\n", subscriptions, items);
        Assert.Equal(AccountsHeader + "a,c,A,,100.00,\nb,a,B,,0.00,\nc,b,C,,0.00,\nd,c,D,,100.00,\ne,,E,e,100.00,100.00\n", written);
    }

    [Fact]
    public void Self_parents_and_dangling_parents_are_roots_on_every_engine()
    {
        var (subscriptions, items) = HundredEach("x", "y", "z", "w");
        var written = SameOnEveryEngine(AccountsHeader + "x,x,X,,,\ny,x,Y,,,\nz,nobody,Z,,,\nw,z,W,,,\n", subscriptions, items);
        Assert.Equal(AccountsHeader + "x,x,X,x,100.00,200.00\ny,x,Y,x,100.00,200.00\nz,nobody,Z,z,100.00,200.00\nw,z,W,z,100.00,200.00\n", written);
    }

    [Fact]
    public void A_5000_deep_chain_and_a_two_node_cycle_beside_it_agree_on_every_engine()
    {
        var accounts = new StringBuilder(AccountsHeader).Append("n0,,Root,,,\n");
        for (var i = 1; i < 5_000; i++)
        {
            accounts.Append(CultureInfo.InvariantCulture, $"n{i},n{i - 1},N{i},,,\n");
        }

        accounts.Append("p,q,P,,,\nq,p,Q,,,\nr,q,R,,,\n");
        var (subscriptions, items) = HundredEach("n0", "n2500", "n4999", "p", "r");
        var written = SameOnEveryEngine(accounts.ToString(), subscriptions, items);
        Assert.EndsWith("n4999,n4998,N4999,n0,100.00,300.00\np,q,P,,100.00,\nq,p,Q,,0.00,\nr,q,R,,100.00,\n", written);
    }

    [Fact]
    public void Unknown_accounts_unknown_subscriptions_inactive_terms_and_skipped_rows_agree_on_every_engine()
    {
        var accounts = AccountsHeader + "a,,A,,,\nb,a,B,,,\n";
        var subscriptions = SubscriptionsHeader +
            "s1,a,2023-01-01,2023-12-31\ns2,ghost,2023-01-01,2023-12-31\ns3,b,2023-07-01,2023-12-31\ns4,b,2022-01-01,2023-06-30\ns5,b,bad,2023-12-31\n";
        var items = ItemsHeader +
            "i1,s1,Seat,7,15,0.10,2023-01-01,2023-12-31\ni2,s2,Seat,1,100,0,2023-01-01,2023-12-31\ni3,s3,Seat,1,100,0,2023-01-01,2023-12-31\n" +
            "i4,s4,Seat,3,33.333,0.005,2023-06-30,2023-06-30\ni5,nowhere,Seat,1,1,0,2023-01-01,2023-12-31\ni6,s4,Seat,x,1,0,2023-01-01,2023-12-31\n" +
            "i7,s4,Seat,2,10,0.5,2023-07-01,2023-12-31\n";
        var written = SameOnEveryEngine(accounts, subscriptions, items, lenient: true);
        Assert.Equal(AccountsHeader + "a,,A,a,94.50,194.00\nb,a,B,a,99.50,194.00\n", written);
    }

    [Fact]
    public void Random_graphs_with_cycles_self_and_dangling_parents_agree_on_every_engine()
    {
        for (var seed = 1; seed <= 6; seed++)
        {
            var random = new Random(seed);
            var count = 300;
            var accounts = new StringBuilder(AccountsHeader);
            var subscriptions = new StringBuilder(SubscriptionsHeader);
            var items = new StringBuilder(ItemsHeader);
            for (var i = 0; i < count; i++)
            {
                var parent = random.Next(10) switch
                {
                    0 => "",
                    1 => $"a{i}",
                    2 => $"missing{i}",
                    3 => $"a{random.Next(count)}", // anywhere: makes cycles
                    _ => i == 0 ? "" : $"a{random.Next(i)}",
                };
                accounts.Append(CultureInfo.InvariantCulture, $"a{i},{parent},Account {i},,,\n");
                if (random.Next(3) == 0)
                {
                    subscriptions.Append(CultureInfo.InvariantCulture, $"s{i},a{i},2023-0{random.Next(1, 9)}-01,2023-12-31\n");
                    for (var k = 0; k < random.Next(1, 4); k++)
                    {
                        items.Append(CultureInfo.InvariantCulture,
                            $"i{i}-{k},s{i},Seat,{random.Next(1, 50)},{random.Next(1, 10_000) / 100m},{random.Next(0, 40) / 100m},2023-0{random.Next(1, 9)}-15,2024-01-31\n");
                    }
                }
            }

            SameOnEveryEngine(accounts.ToString(), subscriptions.ToString(), items.ToString());
        }
    }

    [Fact]
    public async Task The_arr_command_writes_the_in_memory_bytes_with_engine_duckdb_and_postgres()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("accounts.csv"), AccountsHeader + "a,c,A,,,\nb,a,B,,,\nc,b,C,,,\nd,c,D,,,\ne,,E,,,\nf,e,F,,,\ng,g,G,,,\nh,zz,H,,,\n");
        var (subscriptions, items) = HundredEach("a", "d", "e", "f", "h");
        File.WriteAllText(dir.File("subscriptions.csv"), subscriptions);
        File.WriteAllText(dir.File("items.csv"), items);
        string[] Args(string output, params string[] more) =>
            ["arr", "--accounts", dir.File("accounts.csv"), "--subscriptions", dir.File("subscriptions.csv"), "--items", dir.File("items.csv"),
             "--as-of", "2023-06-30", "--out", dir.File(output), .. more];

        Assert.Equal(0, (await CliRunner.RunAsync(Args("memory.csv"))).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync(Args("duckdb.csv", "--engine", "duckdb"))).ExitCode);
        var fromEnvironment = new NpgsqlConnectionParts(postgres.CreateDatabase());
        var onPostgres = await CliRunner.RunAsync(Args("postgres.csv", "--engine", "postgres"), environment: fromEnvironment.Variables);
        Assert.True(onPostgres.ExitCode == 0, onPostgres.Err);

        var expected = File.ReadAllBytes(dir.File("memory.csv"));
        Assert.Equal(expected, File.ReadAllBytes(dir.File("duckdb.csv")));
        Assert.Equal(expected, File.ReadAllBytes(dir.File("postgres.csv")));
        Assert.Equal(2, (await CliRunner.RunAsync(Args("x.csv", "--engine", "postgres"))).ExitCode); // no server named
        Assert.Equal(2, (await CliRunner.RunAsync(Args("x.csv", "--engine", "duckdb", "--connection", "Host=x"))).ExitCode);
    }

    /// <summary>A connection string as the PG* variables a user would export.</summary>
    private sealed class NpgsqlConnectionParts(string connectionString)
    {
        public IReadOnlyDictionary<string, string> Variables
        {
            get
            {
                var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
                return new Dictionary<string, string>
                {
                    ["PGHOST"] = builder.Host!,
                    ["PGPORT"] = builder.Port.ToString(CultureInfo.InvariantCulture),
                    ["PGUSER"] = builder.Username!,
                    ["PGDATABASE"] = builder.Database!,
                };
            }
        }
    }
}
