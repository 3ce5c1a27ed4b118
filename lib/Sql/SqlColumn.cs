namespace Workbook.Sql;

/// <summary>The kinds of value a <see cref="BulkWriter"/> writes; each engine stores them in its own types.</summary>
public enum SqlType
{
    Text,
    Integer,

    /// <summary>Exact on PostgreSQL and DuckDB; SQLite keeps a REAL.</summary>
    Decimal,

    /// <summary>A UTC instant: TIMESTAMPTZ, or on SQLite fixed-width ISO-8601 text (2024-03-13T00:57:44.673Z).</summary>
    Timestamp,

    /// <summary>A day: DATE, or on SQLite yyyy-MM-dd text.</summary>
    Date,

    /// <summary>JSON text (JSONB on PostgreSQL).</summary>
    Json,
}

/// <summary>A column a <see cref="BulkWriter"/> fills, in the order the writer receives the row's values.</summary>
public sealed record SqlColumn(string Name, SqlType Type);
