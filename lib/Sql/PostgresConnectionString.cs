using Npgsql;
using Workbook.Core;

namespace Workbook.Sql;

/// <summary>
/// The PostgreSQL database a command loads into: an explicit Npgsql connection string, else libpq's standard
/// environment variables (PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE), as psql reads them.
/// </summary>
public static class PostgresConnectionString
{
    public static readonly IReadOnlyList<string> Variables = ["PGHOST", "PGPORT", "PGUSER", "PGPASSWORD", "PGDATABASE"];

    /// <summary>The connection string, or null when neither it nor PGHOST/PGDATABASE says where the server is.</summary>
    public static string? Resolve(string? connectionString, Func<string, string?> environment)
    {
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return new NpgsqlConnectionStringBuilder(connectionString).ToString(); // a malformed string fails here, by name
        }

        string? Get(string name) => environment(name) is { Length: > 0 } value ? value : null;
        if (Get("PGHOST") is null && Get("PGDATABASE") is null)
        {
            return null;
        }

        var builder = new NpgsqlConnectionStringBuilder { Host = Get("PGHOST") ?? "localhost", Database = Get("PGDATABASE") };
        if (Get("PGPORT") is { } port)
        {
            builder.Port = int.TryParse(port, out var number) ? number : throw new WorkbookException($"PGPORT '{port}' is not a port number");
        }

        if (Get("PGUSER") is { } user)
        {
            builder.Username = user;
        }

        if (Get("PGPASSWORD") is { } password)
        {
            builder.Password = password;
        }

        return builder.ToString();
    }

    /// <summary>Where a connection string points, for messages: host, port and database, never the password.</summary>
    public static string Describe(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"postgres://{builder.Host}:{builder.Port}/{builder.Database}";
    }
}
