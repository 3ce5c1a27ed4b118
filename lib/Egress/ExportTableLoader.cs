using Microsoft.Data.Sqlite;

namespace Workbook.Egress;

/// <summary>
/// Loads one exported CSV file into its SQLite table: the rows <see cref="ExportTableReader"/> validated, bound by
/// position to a prepared INSERT. The table's columns and their kinds come from the schema (PRAGMA table_info),
/// so schema.sql is the one place that lists them.
/// </summary>
internal static class ExportTableLoader
{
    /// <summary>Loads <paramref name="path"/> into <paramref name="table"/> and returns the number of rows.</summary>
    public static long Load(SqliteConnection connection, string table, string path, Action<long>? bytesRead = null)
    {
        var columns = TableColumn.Read(connection, table);
        using var reader = new ExportTableReader(table, path, columns);
        using var insert = new SqliteInsert(connection,
            $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) VALUES ({string.Join(", ", columns.Select(_ => "?"))})");
        using var aliasInsert = table == "customer" ? new SqliteInsert(connection, "INSERT INTO customer_ingest_alias (alias, customer_id) VALUES (?, ?)") : null;
        var key = columns.FindIndex(c => c.IsPrimaryKey);
        long rows = 0;
        while (reader.Read())
        {
            var values = reader.Values;
            for (var i = 0; i < values.Length; i++)
            {
                switch (values[i])
                {
                    case null:
                        insert.BindNull(i);
                        break;
                    case long integer:
                        insert.BindInteger(i, integer);
                        break;
                    case decimal real:
                        insert.BindReal(i, (double)real);
                        break;
                    case DateTime utc:
                        insert.BindText(i, ExportTimestamp.Format(utc));
                        break;
                    default:
                        insert.BindText(i, (string)values[i]!);
                        break;
                }
            }

            // The reader has refused duplicate keys already; the constraint stays as the schema's own guarantee.
            if (insert.Execute() == SqliteInsert.PrimaryKeyViolation)
            {
                throw new InvalidOperationException($"{table}: duplicate {columns[key].Name} '{values[key]}' reached the database");
            }

            foreach (var alias in reader.Aliases)
            {
                aliasInsert!.BindText(0, alias);
                aliasInsert.BindText(1, (string)values[key]!);
                aliasInsert.Execute();
            }

            if ((++rows & 0xFFF) == 0 && reader.BytesRead is { } position)
            {
                bytesRead?.Invoke(position);
            }
        }

        bytesRead?.Invoke(new FileInfo(path).Length);
        return rows;
    }
}

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
    /// <summary>The derived columns: events.properties_json is events.properties as a JSON object.</summary>
    private static readonly Dictionary<(string Table, string Column), Derivation> Derived = new()
    {
        [("events", "properties_json")] = new Derivation("properties", EventProperties.ToJson),
    };

    private static readonly Lazy<Dictionary<string, List<TableColumn>>> Declared = new(() =>
    {
        using var connection = SqliteSetup.Open(EgressDatabase.InMemory);
        SqliteSetup.Execute(connection, EgressSql.Text(EgressSql.Schema));
        return EgressExport.Tables.ToDictionary(table => table, table => Read(connection, table), StringComparer.Ordinal);
    });

    /// <summary>The columns schema.sql declares for an exported table: what every engine's loader reads and validates.</summary>
    public static IReadOnlyList<TableColumn> Of(string table) => Declared.Value[table];

    public static List<TableColumn> Read(SqliteConnection connection, string table)
    {
        var columns = DbValues.Query(connection,
            $"SELECT name, type, \"notnull\", pk FROM pragma_table_info('{table}') ORDER BY cid",
            row => new TableColumn(
                row.GetString(0),
                KindOf(row.GetString(1)),
                IsRequired: row.GetInt64(2) != 0,
                IsPrimaryKey: row.GetInt64(3) != 0,
                Derived.GetValueOrDefault((table, row.GetString(0)))));
        return columns.Count > 0 ? columns : throw new InvalidOperationException($"the schema has no table {table}");
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
}
