using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Workbook.Arr;
using Workbook.Core;
using Workbook.Sql;
using Workbook.Tests.Cli;
using Workbook.Tests.Databases;

namespace Workbook.Tests.Arr;

/// <summary>
/// lib/Arr/Sql/rollup.sql on DuckDB and a real PostgreSQL server writes the same accounts.csv bytes as the in-memory
/// engine, and `workbook arr --engine` stops with the same error: on the in-memory tests' own hostile inputs
/// (<see cref="ArrCases"/>), on the property tests' generated hierarchies (<see cref="ArrGenerators"/>), on the
/// Umbrella example, and on deep chains, inactive terms and random graphs of its own.
/// </summary>
[Collection(PostgresCollection.Name)]
public class ArrSqlRollupTests
{
    private const string AccountsHeader = ArrCases.AccountsHeader;
    private const string SubscriptionsHeader = ArrCases.SubscriptionsHeader;
    private const string ItemsHeader = ArrCases.ItemsHeader;
    private static readonly DateOnly Day = ArrCases.Day;

    private readonly PostgresCluster postgres;

    /// <summary>One scratch database per test: each SQL run works in a transaction it rolls back, so runs can share it.</summary>
    private readonly Lazy<string> database;

    public ArrSqlRollupTests(PostgresCluster postgres)
    {
        this.postgres = postgres;
        database = new Lazy<string>(postgres.CreateDatabase);
    }

    public static TheoryData<string> Cases => new(ArrCases.All.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_arr_command_writes_the_in_memory_bytes_or_error_on_every_engine(string name)
    {
        var inputs = ArrCases.Named(name);
        using var dir = new TempDir();
        await SameThroughTheCommandOnEveryEngine(dir, inputs.WriteTo(dir, "in"), inputs.Lenient);
    }

    [Fact]
    public async Task The_umbrella_example_is_the_same_on_every_engine()
    {
        var example = Path.Combine(RepoPaths.TryFindRoot() ?? throw new InvalidOperationException("run the tests inside the checkout"), "arr-data", "example");
        using var dir = new TempDir();
        var written = await SameThroughTheCommandOnEveryEngine(
            dir, (Path.Combine(example, ArrInputs.AccountsFile), Path.Combine(example, ArrInputs.SubscriptionsFile), Path.Combine(example, ArrInputs.ItemsFile)), lenient: false);
        Assert.Equal(File.ReadAllBytes(Path.Combine(example, "expected-accounts.csv")), written);
    }

    [Theory]
    [InlineData("Host=db;Database=w", 0)]
    [InlineData("Host=db;Database=w;Command Timeout=45", 45)]
    [InlineData("host=db;database=w;commandtimeout=30", 30)]
    public void The_postgres_rollup_keeps_a_command_timeout_the_user_gave_and_has_none_otherwise(string connectionString, int seconds) =>
        Assert.Equal(seconds, ArrSqlRollup.RollupTimeoutSeconds(connectionString));

    [Fact]
    public void Generated_forests_are_the_same_on_every_engine() =>
        Prop.ForAll(ArrGenerators.Forests(), data => { SameOnEveryEngine(data.Load()); }).QuickCheckThrowOnFailure();

    [Fact]
    public void Generated_graphs_with_cycles_self_and_dangling_parents_are_the_same_on_every_engine() =>
        Prop.ForAll(ArrGenerators.Graphs(), data => { SameOnEveryEngine(data.Load()); }).QuickCheckThrowOnFailure();

    /// <summary>
    /// Runs `workbook arr` in memory, with --engine duckdb and with --engine postgres: the same exit code, error
    /// text, summary and output bytes (or no output at all). Returns the in-memory output.
    /// </summary>
    private async Task<byte[]?> SameThroughTheCommandOnEveryEngine(TempDir dir, (string Accounts, string Subscriptions, string Items) inputs, bool lenient)
    {
        async Task<(CliRunner.Result Run, byte[]? Written)> Arr(string output, params string[] engine)
        {
            var path = dir.File(output);
            var run = await CliRunner.RunAsync(
                ["arr", "--accounts", inputs.Accounts, "--subscriptions", inputs.Subscriptions, "--items", inputs.Items,
                 "--as-of", "2023-06-30", "--out", path, .. lenient ? ["--lenient"] : Array.Empty<string>(), .. engine]);
            return (run with { Out = run.Out.Replace(path, "OUT") }, File.Exists(path) ? File.ReadAllBytes(path) : null);
        }

        var memory = await Arr("memory.csv");
        Assert.Equal(memory.Run.ExitCode == 0, memory.Written is not null);
        var duckdb = await Arr("duckdb.csv", "--engine", "duckdb");
        var onPostgres = await Arr("postgres.csv", "--engine", "postgres", "--connection", database.Value);
        Assert.Equal(memory.Run, duckdb.Run);
        Assert.Equal(memory.Written, duckdb.Written);
        Assert.Equal(memory.Run, onPostgres.Run);
        Assert.Equal(memory.Written, onPostgres.Written);
        return memory.Written;
    }

    private static string Written(ArrResult result)
    {
        using var dir = new TempDir();
        var path = dir.File("out.csv");
        ArrOutput.WriteAccounts(result, path);
        return File.ReadAllText(path);
    }

    /// <summary>The in-memory engine's output, asserted equal to each SQL engine's; returned for value checks.</summary>
    private string SameOnEveryEngine(string accounts, string subscriptions, string items, bool lenient = false) =>
        SameOnEveryEngine(ArrInputs.Read(new StringReader(accounts), new StringReader(subscriptions), new StringReader(items), lenient));

    private string SameOnEveryEngine(ArrInputs inputs)
    {
        var memory = Written(ArrRollup.Compute(inputs, Day));
        var duckdb = ArrSqlRollup.Compute(inputs, Day, SqlEngine.DuckDb);
        Assert.Equal(memory, Written(duckdb));
        var onPostgres = ArrSqlRollup.Compute(inputs, Day, SqlEngine.Postgres, database.Value);
        Assert.Equal(memory, Written(onPostgres));
        var inMemory = ArrRollup.Compute(inputs, Day).Summary;
        Assert.Equal((inMemory.ActiveSubscriptions, inMemory.ActiveItems, inMemory.TotalArr), (duckdb.Summary.ActiveSubscriptions, duckdb.Summary.ActiveItems, duckdb.Summary.TotalArr));
        Assert.Equal((inMemory.ActiveSubscriptions, inMemory.ActiveItems, inMemory.TotalArr), (onPostgres.Summary.ActiveSubscriptions, onPostgres.Summary.ActiveItems, onPostgres.Summary.TotalArr));
        return memory;
    }

    private static (string Subscriptions, string Items) HundredEach(params string[] accounts) => ArrCases.HundredEach(accounts);

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
