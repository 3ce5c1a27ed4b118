using System.Text.Json;
using Workbook.Core;

namespace Workbook.Egress;

/// <summary>
/// The validation layer of the export loaders: reads one exported CSV file as typed rows, in the columns
/// schema.sql declares for its table (extra file columns are ignored). Every engine's loader writes these rows
/// through its own bulk path, so all of them accept and refuse exactly the same input, with errors naming file,
/// line and column. A row's values are, by <see cref="ColumnKind"/>: Text and Json a string, Integer a long, Real
/// a decimal (exact as written), Timestamp a UTC DateTime truncated to the millisecond; null for an empty cell.
/// </summary>
internal sealed class ExportTableReader : IDisposable
{
    private readonly CsvReader _csv;
    private readonly int[] _cells;
    private readonly int _key;
    private readonly HashSet<string> _keys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>? _aliasOwners; // customer only: alias -> customer id
    private readonly List<string> _aliases = [];

    public ExportTableReader(string table, string path, IReadOnlyList<TableColumn> columns)
    {
        Table = table;
        Columns = columns;
        _csv = CsvReader.Open(path);
        try
        {
            _cells = [.. columns.Select(c => _csv.Column(c.Derivation?.SourceColumn ?? c.Name))];
        }
        catch
        {
            _csv.Dispose();
            throw;
        }

        _key = columns.ToList().FindIndex(c => c.IsPrimaryKey);
        Values = new object?[columns.Count];
        _aliasOwners = table == "customer" ? new Dictionary<string, string>(StringComparer.Ordinal) : null;
    }

    public string Table { get; }

    public IReadOnlyList<TableColumn> Columns { get; }

    /// <summary>The current row's values, one per column (the array is reused from row to row).</summary>
    public object?[] Values { get; }

    /// <summary>For a customer row, the ingest aliases it owns (customer_ingest_alias rows); otherwise empty.</summary>
    public IReadOnlyList<string> Aliases => _aliases;

    /// <summary>Bytes of the file read so far (for progress), when known.</summary>
    public long? BytesRead => _csv.BytesRead;

    /// <summary>Reads and validates the next row; false at the end of the file.</summary>
    public bool Read()
    {
        if (!_csv.Read())
        {
            return false;
        }

        for (var i = 0; i < Columns.Count; i++)
        {
            Values[i] = Columns[i].Derivation is { } derivation ? Derive(_cells[i], derivation) : Cell(Columns[i], _cells[i]);
        }

        if (_key >= 0 && !_keys.Add((string)Values[_key]!))
        {
            throw _csv.Error(_cells[_key], $"duplicate {Columns[_key].Name} '{Values[_key]}': an earlier row has the same one");
        }

        if (_aliasOwners is not null)
        {
            ReadAliases(_csv.Column("id"), _csv.Column("ingest_aliases"));
        }

        return true;
    }

    /// <summary>An input error at the current row, in the column of <paramref name="column"/> (an index into <see cref="Columns"/>).</summary>
    public InputDataException Error(int column, string problem) => _csv.Error(_cells[column], problem);

    public void Dispose() => _csv.Dispose();

    private object? Cell(TableColumn column, int index)
    {
        var text = _csv[index];
        if (text.IsEmpty)
        {
            return column.IsRequired ? throw _csv.Error(index, "a value is required") : null;
        }

        switch (column.Kind)
        {
            case ColumnKind.Integer:
                return _csv.GetInt64(index);
            case ColumnKind.Real:
                return _csv.GetDecimal(index);
            case ColumnKind.Timestamp:
                return ExportTimestamp.TryParseUtc(text, out var utc)
                    ? utc
                    : throw _csv.Error(index, $"'{text}' is not a timestamp (expected e.g. 2024-03-13 00:57:44.673000 UTC, 2024-02-29 0:00:00 or ISO-8601)");
            case ColumnKind.Json:
                var json = _csv.GetString(index);
                try
                {
                    using var _ = JsonDocument.Parse(json);
                }
                catch (JsonException error)
                {
                    throw _csv.Error(index, $"not valid JSON: {error.Message}");
                }

                return json;
            default:
                return _csv.GetString(index);
        }
    }

    private string? Derive(int source, Derivation derivation)
    {
        if (_csv[source].IsEmpty)
        {
            return null;
        }

        try
        {
            return derivation.Compute(_csv.GetString(source));
        }
        catch (FormatException error)
        {
            throw _csv.Error(source, error.Message);
        }
    }

    /// <summary>customer.ingest_aliases is a JSON array of strings; each alias belongs to one customer.</summary>
    private void ReadAliases(int idIndex, int aliasesIndex)
    {
        _aliases.Clear();
        if (_csv[aliasesIndex].IsEmpty)
        {
            return;
        }

        using var aliases = JsonDocument.Parse(_csv.GetString(aliasesIndex));
        if (aliases.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw _csv.Error(aliasesIndex, "expected a JSON array of aliases");
        }

        var id = _csv.GetString(idIndex);
        foreach (var element in aliases.RootElement.EnumerateArray())
        {
            if (element.ValueKind != JsonValueKind.String || element.GetString() is not { Length: > 0 } alias)
            {
                throw _csv.Error(aliasesIndex, "expected a JSON array of non-empty strings");
            }

            if (_aliasOwners!.TryAdd(alias, id))
            {
                _aliases.Add(alias);
            }
            else if (_aliasOwners[alias] != id)
            {
                throw _csv.Error(aliasesIndex, $"the alias '{alias}' already belongs to another customer");
            }
        }
    }
}
