using System.CommandLine;
using Workbook.Core;
using Workbook.Sql;

namespace Workbook.Cli;

/// <summary>--engine and --connection, shared by `egress` and `arr`: which SQL engine runs the work, and where PostgreSQL is.</summary>
internal sealed class EngineOptions
{
    /// <summary>The ARR rollup's own engine, beside the SQL ones.</summary>
    public const string InMemory = "memory";

    /// <param name="engines">The names accepted: SQL engines' names, and <see cref="InMemory"/> where it applies.</param>
    public EngineOptions(IReadOnlyList<string> engines, string defaultEngine, string what)
    {
        Engine = new Option<string>("--engine")
        {
            Description = $"The engine that {what}: {string.Join(", ", engines)}.",
            DefaultValueFactory = _ => defaultEngine,
        };
        Engine.AcceptOnlyFromAmong([.. engines]);
        Connection = new Option<string?>("--connection")
        {
            Description = "PostgreSQL: an Npgsql connection string (\"Host=...;Database=...;Username=...\"). " +
                "Default: the PGHOST, PGPORT, PGUSER, PGPASSWORD and PGDATABASE variables.",
            HelpName = "string",
        };
    }

    public Option<string> Engine { get; }

    public Option<string?> Connection { get; }

    public void AddTo(Command command)
    {
        command.Options.Add(Engine);
        command.Options.Add(Connection);
    }

    /// <summary>The SQL engine chosen, or null for <see cref="InMemory"/>.</summary>
    public SqlEngine? EngineOf(ParseResult parsed) =>
        parsed.GetRequiredValue(Engine) is var name && name == InMemory ? null : SqlEngines.Parse(name);

    /// <summary>The PostgreSQL connection string, or a usage message saying what is missing or misplaced.</summary>
    public (string? ConnectionString, string? UsageError) Resolve(ParseResult parsed, CliContext context)
    {
        var engine = EngineOf(parsed);
        var given = parsed.GetValue(Connection);
        if (engine != SqlEngine.Postgres)
        {
            return given is null ? (null, null) : (null, "--connection is for --engine postgres");
        }

        var resolved = PostgresConnectionString.Resolve(given, context.GetEnvironmentVariable);
        return resolved is null
            ? (null, "--engine postgres needs --connection \"<Npgsql connection string>\" or the PGHOST/PGDATABASE variables")
            : (resolved, null);
    }
}
