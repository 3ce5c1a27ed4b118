using System.Runtime.InteropServices;
using Workbook.Core;

namespace Workbook.Arr;

/// <summary>
/// accounts.csv, read once: every row's id, its parent_id as written, and the text of every other input column, so
/// the output repeats the input's columns and row order exactly. Account numbers are row numbers: account i is the
/// i-th data row. Linking rows to their parents (and the policies for bad links) is <see cref="AccountHierarchy"/>'s.
/// </summary>
public sealed class AccountTable
{
    public const string IdColumn = "id";
    public const string ParentColumn = "parent_id";
    public const string NameColumn = "name";
    public const string UltimateParentColumn = "ultimate_parent_id";
    public const string ArrColumn = "arr";
    public const string HierarchyArrColumn = "hierarchy_arr";

    /// <summary>The challenge's accounts.csv columns, in its order.</summary>
    public static readonly IReadOnlyList<string> ChallengeHeader = [IdColumn, ParentColumn, NameColumn, UltimateParentColumn, ArrColumn, HierarchyArrColumn];

    /// <summary>The three columns the rollup fills; their input values are ignored.</summary>
    public static readonly IReadOnlyList<string> FilledColumns = [UltimateParentColumn, ArrColumn, HierarchyArrColumn];

    private readonly List<string> _ids = [];
    private readonly List<string> _parentIds = []; // empty when none
    private readonly List<string> _kept = []; // row by row, the columns other than id, parent_id and the filled ones
    private readonly List<int> _lines = [];
    private readonly Dictionary<string, int> _numbers = new(StringComparer.Ordinal); // id -> account number
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _byText;
    private readonly int[] _keptIndexOf; // input column -> index among the kept ones, or -1
    private readonly int _width;
    private readonly int _idColumn;
    private readonly int _parentColumn;
    private readonly int _nameKept;

    private AccountTable(CsvReader reader)
    {
        FileName = reader.FileName;
        Header = reader.Header;
        _idColumn = reader.Column(IdColumn);
        _parentColumn = reader.Column(ParentColumn);
        _keptIndexOf = new int[Header.Count];
        for (var column = 0; column < Header.Count; column++)
        {
            _keptIndexOf[column] = column == _idColumn || column == _parentColumn || FilledColumns.Contains(Header[column]) ? -1 : _width++;
        }

        _nameKept = reader.HasColumn(NameColumn) ? _keptIndexOf[reader.Column(NameColumn)] : -1;
        _byText = _numbers.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public string FileName { get; }

    /// <summary>The input's header, in the input's order.</summary>
    public IReadOnlyList<string> Header { get; }

    public int Count => _ids.Count;

    /// <summary>The physical line each account's row starts on, for messages.</summary>
    internal ReadOnlySpan<int> Lines => CollectionsMarshal.AsSpan(_lines);

    public ReadOnlySpan<char> Id(int account) => _ids[account];

    /// <summary>The parent_id as written (also when it names no account); empty for none.</summary>
    public ReadOnlySpan<char> ParentId(int account) => _parentIds[account];

    /// <summary>The name, or an empty span when the file has no name column.</summary>
    public ReadOnlySpan<char> Name(int account) => _nameKept < 0 ? default : _kept[account * _width + _nameKept];

    /// <summary>The input value of column <paramref name="column"/> (an index into <see cref="Header"/>); null for the filled columns.</summary>
    internal string? Field(int account, int column) =>
        column == _idColumn ? _ids[account]
        : column == _parentColumn ? _parentIds[account]
        : _keptIndexOf[column] >= 0 ? _kept[account * _width + _keptIndexOf[column]]
        : null;

    /// <summary>The id as a string (the output writes it for the account and for every account below it).</summary>
    internal string IdText(int account) => _ids[account];

    /// <summary>The account number of an id, or -1.</summary>
    public int Find(ReadOnlySpan<char> id) => _byText.TryGetValue(id, out var account) ? account : -1;

    /// <summary>
    /// Reads the whole table. Account rows are never skipped, even leniently, because the output repeats every row:
    /// an empty or repeated id, or a row with the wrong number of fields, stops the run with the file and line.
    /// </summary>
    internal static AccountTable Read(CsvReader reader, IProgress<long>? bytesRead = null)
    {
        var table = new AccountTable(reader);
        while (reader.Read())
        {
            table.Add(reader);
            if ((table.Count & 0xFFFF) == 0 && reader.BytesRead is { } position)
            {
                bytesRead?.Report(position);
            }
        }

        return table;
    }

    private void Add(CsvReader reader)
    {
        var id = reader[_idColumn];
        if (id.IsEmpty)
        {
            throw reader.Error(_idColumn, "the account id is empty");
        }

        var text = id.ToString();
        if (!_numbers.TryAdd(text, Count))
        {
            throw reader.Error(_idColumn, $"duplicate account id '{text}' (first on line {_lines[_numbers[text]]})");
        }

        _ids.Add(text);
        _lines.Add((int)reader.LineNumber);

        // A parent already read shares its id's string.
        var parent = reader[_parentColumn];
        _parentIds.Add(parent.IsEmpty ? "" : _byText.TryGetValue(parent, out var known) ? _ids[known] : parent.ToString());
        for (var column = 0; column < _keptIndexOf.Length; column++)
        {
            if (_keptIndexOf[column] >= 0)
            {
                _kept.Add(reader.GetString(column));
            }
        }
    }
}
