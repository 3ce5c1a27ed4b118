using System.Text.RegularExpressions;
using Workbook.Sql;

namespace Workbook.Egress;

internal enum ColumnKind
{
    Text,
    Integer,
    Real,
    Timestamp,
    Json,
}

/// <summary>A column the loader computes from another column of the same row instead of reading it.</summary>
internal sealed record Derivation(string SourceColumn, Func<string, string> Compute);

/// <summary>A table column as declared in schema.sql.</summary>
internal sealed record TableColumn(string Name, ColumnKind Kind, bool IsRequired, bool IsPrimaryKey, Derivation? Derivation)
{
    /// <summary>What a bulk writer fills it with.</summary>
    public SqlColumn SqlColumn => new(Name, Kind switch
    {
        ColumnKind.Integer => SqlType.Integer,
        ColumnKind.Real => SqlType.Decimal,
        ColumnKind.Timestamp => SqlType.Timestamp,
        ColumnKind.Json => SqlType.Json,
        _ => SqlType.Text,
    });
}

/// <summary>
/// The columns of the exported tables, read from the one place that declares them, schema.sql: a column line
/// is "name TYPE [NOT NULL] [PRIMARY KEY]" inside "CREATE TABLE name (...);", or ends in a "-- key:" comment for
/// a key SQLite does not index. What every engine's loader reads and validates.
/// </summary>
internal static partial class ExportColumns
{
    /// <summary>The derived columns: events.properties_json is the file's properties column as a JSON object.</summary>
    private static readonly Dictionary<(string Table, string Column), Derivation> Derived = new()
    {
        [("events", "properties_json")] = new Derivation("properties", EventProperties.ToJson),
    };

    private static readonly Lazy<Dictionary<string, List<TableColumn>>> Declared = new(() => Parse(EgressSql.Text(EgressSql.Schema)));

    public static IReadOnlyList<TableColumn> Of(string table) =>
        Declared.Value.TryGetValue(table, out var columns) ? columns : throw new InvalidOperationException($"the schema has no table {table}");

    internal static Dictionary<string, List<TableColumn>> Parse(string schema)
    {
        var tables = new Dictionary<string, List<TableColumn>>(StringComparer.Ordinal);
        List<TableColumn>? current = null;
        string? table = null;
        foreach (var rawLine in schema.Split('\n'))
        {
            var line = rawLine.Split("--")[0].Trim();
            var comment = rawLine.Contains("--", StringComparison.Ordinal) ? rawLine[(rawLine.IndexOf("--", StringComparison.Ordinal) + 2)..].Trim() : "";
            if (CreateTable().Match(line) is { Success: true } create)
            {
                table = create.Groups[1].Value;
                tables[table] = current = [];
            }
            else if (line.StartsWith(')'))
            {
                current = null;
            }
            else if (current is not null && ColumnLine().Match(line) is { Success: true } column)
            {
                var name = column.Groups[1].Value;
                var constraints = column.Groups[3].Value;
                current.Add(new TableColumn(name, KindOf(column.Groups[2].Value),
                    IsRequired: constraints.Contains("NOT NULL", StringComparison.Ordinal),
                    IsPrimaryKey: constraints.Contains("PRIMARY KEY", StringComparison.Ordinal) || comment.StartsWith("key:", StringComparison.Ordinal),
                    Derived.GetValueOrDefault((table!, name))));
            }
        }

        return tables;
    }

    /// <summary>The declared types schema.sql uses (TIMESTAMP_TEXT and JSON_TEXT have SQLite's TEXT affinity).</summary>
    private static ColumnKind KindOf(string declaredType) => declaredType switch
    {
        "TEXT" => ColumnKind.Text,
        "INTEGER" => ColumnKind.Integer,
        "REAL" => ColumnKind.Real,
        "TIMESTAMP_TEXT" => ColumnKind.Timestamp,
        "JSON_TEXT" => ColumnKind.Json,
        _ => throw new InvalidOperationException($"schema.sql declares an unknown column type '{declaredType}'"),
    };

    [GeneratedRegex(@"^CREATE TABLE (\w+) \($")]
    private static partial Regex CreateTable();

    [GeneratedRegex(@"^(\w+)\s+([A-Z_]+)\b([^,]*),?$")]
    private static partial Regex ColumnLine();
}
