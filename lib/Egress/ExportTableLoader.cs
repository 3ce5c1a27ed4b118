using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Workbook.Core;

namespace Workbook.Egress;

/// <summary>
/// Loads one exported CSV file into its table. The table's columns and their kinds come from the schema
/// (PRAGMA table_info), so schema.sql is the one place that lists them: every column must be in the file (extra
/// file columns are ignored), and each cell is parsed by its declared type, with errors naming file, line and column.
/// </summary>
internal static class ExportTableLoader
{
    /// <summary>Loads <paramref name="path"/> into <paramref name="table"/> and returns the number of rows.</summary>
    public static long Load(SqliteConnection connection, string table, string path, Action<long>? bytesRead = null)
    {
        var columns = TableColumn.Read(connection, table);
        if (!File.Exists(path))
        {
            throw new InputDataException(path, 0, null, "file not found");
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        using var csv = new CsvReader(new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, 1 << 16), path);

        var cells = columns.Select(c => csv.Column(c.Derivation?.SourceColumn ?? c.Name)).ToArray();
        var key = columns.FindIndex(c => c.IsPrimaryKey);
        using var insert = new SqliteInsert(connection,
            $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) VALUES ({string.Join(", ", columns.Select(_ => "?"))})");
        using var aliasInsert = table == "customer" ? new SqliteInsert(connection, "INSERT INTO customer_ingest_alias (alias, customer_id) VALUES (?, ?)") : null;
        long rows = 0;
        while (csv.Read())
        {
            for (var i = 0; i < columns.Count; i++)
            {
                if (columns[i].Derivation is { } derivation)
                {
                    BindDerived(insert, i, csv, cells[i], derivation);
                }
                else
                {
                    BindCell(insert, i, csv, columns[i], cells[i]);
                }
            }

            if (insert.Execute() == SqliteInsert.PrimaryKeyViolation)
            {
                throw csv.Error(cells[key], $"duplicate {columns[key].Name} '{csv.GetString(cells[key])}': an earlier row has the same one");
            }

            if (aliasInsert is not null)
            {
                InsertAliases(aliasInsert, csv, csv.Column("id"), csv.Column("ingest_aliases"));
            }

            if ((++rows & 0xFFF) == 0)
            {
                bytesRead?.Invoke(stream.Position);
            }
        }

        bytesRead?.Invoke(stream.Length);
        return rows;
    }

    private static void BindCell(SqliteInsert insert, int position, CsvReader csv, TableColumn column, int index)
    {
        var text = csv[index];
        if (text.IsEmpty)
        {
            if (column.IsRequired)
            {
                throw csv.Error(index, "a value is required");
            }

            insert.BindNull(position);
            return;
        }

        switch (column.Kind)
        {
            case ColumnKind.Integer:
                insert.BindInteger(position, csv.GetInt64(index));
                break;
            case ColumnKind.Real:
                insert.BindReal(position, (double)csv.GetDecimal(index));
                break;
            case ColumnKind.Timestamp:
                insert.BindText(position, ExportTimestamp.TryNormalize(text, out var stored)
                    ? stored
                    : throw csv.Error(index, $"'{text}' is not a timestamp (expected e.g. 2024-03-13 00:57:44.673000 UTC, 2024-02-29 0:00:00 or ISO-8601)"));
                break;
            case ColumnKind.Json:
                EnsureJson(csv, index);
                insert.BindText(position, text);
                break;
            default:
                insert.BindText(position, text);
                break;
        }
    }

    private static void EnsureJson(CsvReader csv, int index)
    {
        try
        {
            using var _ = JsonDocument.Parse(csv.GetString(index));
        }
        catch (JsonException error)
        {
            throw csv.Error(index, $"not valid JSON: {error.Message}");
        }
    }

    private static void BindDerived(SqliteInsert insert, int position, CsvReader csv, int source, Derivation derivation)
    {
        if (csv[source].IsEmpty)
        {
            insert.BindNull(position);
            return;
        }

        try
        {
            insert.BindText(position, derivation.Compute(csv.GetString(source)));
        }
        catch (FormatException error)
        {
            throw csv.Error(source, error.Message);
        }
    }

    /// <summary>customer.ingest_aliases is a JSON array of strings; each alias belongs to one customer.</summary>
    private static void InsertAliases(SqliteInsert insert, CsvReader csv, int idIndex, int aliasesIndex)
    {
        if (csv[aliasesIndex].IsEmpty)
        {
            return;
        }

        using var aliases = JsonDocument.Parse(csv.GetString(aliasesIndex));
        if (aliases.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw csv.Error(aliasesIndex, "expected a JSON array of aliases");
        }

        var own = new HashSet<string>(StringComparer.Ordinal);
        foreach (var element in aliases.RootElement.EnumerateArray())
        {
            if (element.ValueKind != JsonValueKind.String || element.GetString() is not { Length: > 0 } alias)
            {
                throw csv.Error(aliasesIndex, "expected a JSON array of non-empty strings");
            }

            if (own.Add(alias))
            {
                insert.BindText(0, alias);
                insert.BindText(1, csv[idIndex]);
                if (insert.Execute() == SqliteInsert.PrimaryKeyViolation)
                {
                    throw csv.Error(aliasesIndex, $"the alias '{alias}' already belongs to another customer");
                }
            }
        }
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

    public static List<TableColumn> Read(SqliteConnection connection, string table)
    {
        var columns = SqliteValues.Query(connection,
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
