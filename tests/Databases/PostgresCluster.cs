using System.Diagnostics;
using Npgsql;
using Xunit;

namespace Workbook.Tests.Databases;

/// <summary>
/// A throwaway PostgreSQL cluster for the test run: Debian's server binaries (tests/run.sh installs them),
/// <c>initdb</c> into a fresh temporary folder, listening only on a Unix socket inside that folder (no port to
/// collide with), stopped and deleted when the collection ends — also when a test failed, and at process exit if
/// the run is cut short. As root it runs as the <c>postgres</c> user, because the server refuses to run as root.
/// One cluster serves the whole collection; each test takes a fresh database from <see cref="CreateDatabase"/>.
/// </summary>
public sealed class PostgresCluster : IDisposable
{
    private const string Superuser = "workbook";
    private const int Port = 5432; // only names the socket file (.s.PGSQL.5432) inside our own folder
    private readonly string _bin;
    private readonly string? _runAs;
    private int _databases;
    private int _stopped;

    public PostgresCluster()
    {
        _bin = FindBinaries();
        _runAs = Environment.UserName == "root" ? "postgres" : null;
        Folder = Path.Combine(Path.GetTempPath(), "workbook-pg-" + Guid.NewGuid().ToString("N")[..12]);
        var data = Path.Combine(Folder, "data");
        Directory.CreateDirectory(Folder);
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
        try
        {
            if (_runAs is not null)
            {
                Run("chown", ["-R", _runAs, Folder], asServerUser: false);
            }

            Run(Path.Combine(_bin, "initdb"), ["-D", data, "-U", Superuser, "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
            Run(Path.Combine(_bin, "pg_ctl"), ["-D", data, "-l", Path.Combine(Folder, "server.log"), "-w", "-t", "60",
                "-o", $"-c listen_addresses='' -k {Folder} -p {Port} -c fsync=off -c synchronous_commit=off -c full_page_writes=off", "start"]);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The cluster's folder: its data directory, log and socket.</summary>
    public string Folder { get; }

    /// <summary>A connection string to the maintenance database.</summary>
    public string AdminConnectionString => ConnectionString("postgres");

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = Folder, Port = Port, Username = Superuser, Database = database, Pooling = false }.ToString();

    /// <summary>A new, empty database of its own for one test, and the connection string to it.</summary>
    public string CreateDatabase()
    {
        var name = $"test_{Interlocked.Increment(ref _databases)}";
        using var connection = new NpgsqlConnection(AdminConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        command.ExecuteNonQuery();
        return ConnectionString(name);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        try
        {
            var data = Path.Combine(Folder, "data");
            if (File.Exists(Path.Combine(data, "postmaster.pid")))
            {
                Run(Path.Combine(_bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]);
            }
        }
        finally
        {
            Directory.Delete(Folder, recursive: true);
        }
    }

    private void OnProcessExit(object? sender, EventArgs e) => Dispose();

    /// <summary>The newest installed server's binaries (/usr/lib/postgresql/N/bin), or a message saying how to get them.</summary>
    private static string FindBinaries()
    {
        var root = "/usr/lib/postgresql";
        var bin = Directory.Exists(root)
            ? Directory.GetDirectories(root)
                .Select(folder => (Version: int.TryParse(Path.GetFileName(folder), out var v) ? v : -1, Bin: Path.Combine(folder, "bin")))
                .Where(candidate => File.Exists(Path.Combine(candidate.Bin, "initdb")))
                .OrderByDescending(candidate => candidate.Version)
                .Select(candidate => candidate.Bin)
                .FirstOrDefault()
            : null;
        return bin ?? throw new InvalidOperationException(
            "PostgreSQL's server is not installed (no /usr/lib/postgresql/*/bin/initdb): run tests/run.sh, which installs Debian's postgresql.");
    }

    private void Run(string program, IReadOnlyList<string> arguments, bool asServerUser = true)
    {
        var start = new ProcessStartInfo(asServerUser && _runAs is not null ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        if (asServerUser && _runAs is not null)
        {
            foreach (var argument in new[] { "-u", _runAs, "--", program })
            {
                start.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(program)} did not finish within 2 minutes");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(program)} {string.Join(' ', arguments)} failed ({process.ExitCode}): {error.Result}{output.Result}");
        }
    }
}

/// <summary>The tests that need the PostgreSQL server share one cluster (xUnit runs a collection's tests one at a time).</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresCluster>
{
    public const string Name = "PostgreSQL";
}
