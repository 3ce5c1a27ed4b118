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
internal sealed class ExportTableLoader
{
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintPrimaryKey = 1555;

    private readonly SqliteConnection _connection;
    private readonly string _table;
    private readonly IReadOnlyList<TableColumn> _columns;

    private ExportTableLoader(SqliteConnection connection, string table)
    {
        _connection = connection;
        _table = table;
        _columns = TableColumn.Read(connection, table);
    }

    /// <summary>Loads <paramref name="path"/> into <paramref name="table"/> and returns the number of rows.</summary>
    public static long Load(SqliteConnection connection, string table, string path, Action<long>? bytesRead = null) =>
        new ExportTableLoader(connection, table).Load(path, bytesRead);

    private long Load(string path, Action<long>? bytesRead)
    {
        if (!File.Exists(path))
        {
            throw new InputDataException(path, 0, null, "file not found");
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        using var csv = new CsvReader(new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, 1 << 16), path);

        var fromFile = _columns.Where(c => c.Derivation is null).ToList();
        var cellIndex = fromFile.ToDictionary(c => c.Name, c => csv.Column(c.Name), StringComparer.Ordinal);
        var keyColumn = _columns.Single(c => c.IsPrimaryKey);

        using var insert = InsertCommand(_table, _columns);
        using var aliasInsert = _table == "customer" ? AliasInsertCommand() : null;
        long rows = 0;
        while (csv.Read())
        {
            for (var i = 0; i < _columns.Count; i++)
            {
                var column = _columns[i];
                insert.Parameters[i].Value = column.Derivation is { } derivation
                    ? Derive(csv, derivation, cellIndex)
                    : Cell(csv, column, cellIndex[column.Name]);
            }

            Execute(insert, csv, cellIndex[keyColumn.Name], $"duplicate {keyColumn.Name} '{csv.GetString(cellIndex[keyColumn.Name])}': an earlier row has the same one");
            if (aliasInsert is not null)
            {
                InsertAliases(aliasInsert, csv, cellIndex["id"], cellIndex["ingest_aliases"]);
            }

            if ((++rows & 0xFFF) == 0)
            {
                bytesRead?.Invoke(stream.Position);
            }
        }

        bytesRead?.Invoke(stream.Length);
        return rows;
    }

    private static object Cell(CsvReader csv, TableColumn column, int index)
    {
        var text = csv[index];
        if (text.IsEmpty)
        {
            return column.IsRequired ? throw csv.Error(index, "a value is required") : DBNull.Value;
        }

        return column.Kind switch
        {
            ColumnKind.Integer => csv.GetInt64(index),
            ColumnKind.Real => (double)csv.GetDecimal(index),
            ColumnKind.Timestamp => ExportTimestamp.TryNormalize(text, out var stored)
                ? stored
                : throw csv.Error(index, $"'{text}' is not a timestamp (expected e.g. 2024-03-13 00:57:44.673000 UTC, 2024-02-29 0:00:00 or ISO-8601)"),
            ColumnKind.Json => ValidJson(csv, index),
            _ => text.ToString(),
        };
    }

    private static string ValidJson(CsvReader csv, int index)
    {
        var text = csv.GetString(index);
        try
        {
            using var _ = JsonDocument.Parse(text);
            return text;
        }
        catch (JsonException error)
        {
            throw csv.Error(index, $"not valid JSON: {error.Message}");
        }
    }

    private static object Derive(CsvReader csv, Derivation derivation, IReadOnlyDictionary<string, int> cellIndex)
    {
        var source = cellIndex[derivation.SourceColumn];
        if (csv[source].IsEmpty)
        {
            return DBNull.Value;
        }

        try
        {
            return derivation.Compute(csv.GetString(source));
        }
        catch (FormatException error)
        {
            throw csv.Error(source, error.Message);
        }
    }

    /// <summary>customer.ingest_aliases is a JSON array of strings; each alias belongs to one customer.</summary>
    private static void InsertAliases(SqliteCommand insert, CsvReader csv, int idIndex, int aliasesIndex)
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
                insert.Parameters[0].Value = alias;
                insert.Parameters[1].Value = csv.GetString(idIndex);
                Execute(insert, csv, aliasesIndex, $"the alias '{alias}' already belongs to another customer");
            }
        }
    }

    private static void Execute(SqliteCommand command, CsvReader csv, int keyIndex, string duplicateMessage)
    {
        try
        {
            command.ExecuteNonQuery();
        }
        catch (SqliteException error) when (error.SqliteErrorCode == SqliteConstraint && error.SqliteExtendedErrorCode == SqliteConstraintPrimaryKey)
        {
            throw csv.Error(keyIndex, duplicateMessage);
        }
    }

    private SqliteCommand InsertCommand(string table, IReadOnlyList<TableColumn> columns)
    {
        var command = _connection.CreateCommand();
        command.CommandText =
            $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) " +
            $"VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i))})";
        for (var i = 0; i < columns.Count; i++)
        {
            command.Parameters.Add(new SqliteParameter("$p" + i, DBNull.Value));
        }

        command.Prepare();
        return command;
    }

    private SqliteCommand AliasInsertCommand()
    {
        var command = _connection.CreateCommand();
        command.CommandText = "INSERT INTO customer_ingest_alias (alias, customer_id) VALUES ($alias, $customer)";
        command.Parameters.Add(new SqliteParameter("$alias", DBNull.Value));
        command.Parameters.Add(new SqliteParameter("$customer", DBNull.Value));
        command.Prepare();
        return command;
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

    public static IReadOnlyList<TableColumn> Read(SqliteConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT name, type, \"notnull\", pk FROM pragma_table_info('{table}') ORDER BY cid";
        using var reader = command.ExecuteReader();
        var columns = new List<TableColumn>();
        while (reader.Read())
        {
            var name = reader.GetString(0);
            columns.Add(new TableColumn(
                name,
                KindOf(reader.GetString(1)),
                IsRequired: reader.GetInt64(2) != 0,
                IsPrimaryKey: reader.GetInt64(3) != 0,
                Derived.GetValueOrDefault((table, name))));
        }

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
