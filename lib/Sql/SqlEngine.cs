namespace Workbook.Sql;

/// <summary>The SQL engines the workbook runs its SQL on (Part 2 all three; the ARR rollup DuckDB and PostgreSQL).</summary>
public enum SqlEngine
{
    /// <summary>Embedded SQLite: the default, no server needed (the notebooks use it).</summary>
    Sqlite,

    /// <summary>DuckDB, in-process (DuckDB.NET.Data.Full bundles the engine).</summary>
    DuckDb,

    /// <summary>A PostgreSQL server, through Npgsql.</summary>
    Postgres,
}

public static class SqlEngines
{
    /// <summary>The names the CLI takes (--engine) and the folders of per-engine SQL files use.</summary>
    public static string Name(this SqlEngine engine) => engine switch
    {
        SqlEngine.Sqlite => "sqlite",
        SqlEngine.DuckDb => "duckdb",
        SqlEngine.Postgres => "postgres",
        _ => throw new ArgumentOutOfRangeException(nameof(engine)),
    };

    public static IReadOnlyList<SqlEngine> All { get; } = Enum.GetValues<SqlEngine>();

    public static SqlEngine Parse(string name) =>
        All.FirstOrDefault(engine => engine.Name() == name, (SqlEngine)(-1)) is var engine && Enum.IsDefined(engine)
            ? engine
            : throw new ArgumentException($"unknown engine '{name}' (expected {string.Join(", ", All.Select(e => e.Name()))})", nameof(name));
}
