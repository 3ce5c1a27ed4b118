using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Workbook.Core;

namespace Workbook.Arr;

/// <summary>
/// accounts.csv, read once: every row's id and parent_id (as <see cref="IdColumn"/>s), and the text of every other input column, so
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

    private readonly IdColumn _ids = new(); // indexed: id -> account number
    private readonly IdColumn _parentIds = new(); // empty when none
    private readonly TextArena _kept = new(); // row by row, the columns other than id, parent_id and the filled ones
    private readonly List<int> _lines = [];
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

    /// <summary>The ids, indexed: <c>Ids.FindAll(column)</c> gives the account number of every id of a column, -1 where it names no account.</summary>
    internal IdColumn Ids => _ids;

    internal IdColumn ParentIds => _parentIds;

    /// <summary>The name, or an empty span when the file has no name column.</summary>
    public ReadOnlySpan<char> Name(int account) => _nameKept < 0 ? default : _kept[account * _width + _nameKept];

    /// <summary>
    /// The input value of column <paramref name="column"/> (an index into <see cref="Header"/>); empty for the filled
    /// columns. An id column's UUID is written into <paramref name="buffer"/> (36 chars).
    /// </summary>
    internal ReadOnlySpan<char> Field(int account, int column, Span<char> buffer) =>
        column == _idColumn ? _ids.Format(account, buffer)
        : column == _parentColumn ? _parentIds.Format(account, buffer)
        : _keptIndexOf[column] >= 0 ? _kept[account * _width + _keptIndexOf[column]]
        : default;

    /// <summary>The account number of an id, or -1.</summary>
    public int Find(ReadOnlySpan<char> id) => _ids.Find(id);

    /// <summary>
    /// Reads the whole table. Account rows are never skipped, even leniently, because the output repeats every row:
    /// an empty or repeated id, or a row with the wrong number of fields, stops the run with the file and line.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // see ArrInputs: a loop over every row, run once
    internal static AccountTable Read(CsvReader reader, IProgress<long>? bytesRead = null)
    {
        var table = new AccountTable(reader);
        try
        {
            while (reader.Read())
            {
                if (reader.TakeSizeHint() is { } rows)
                {
                    table.Reserve(rows);
                }

                table.Add(reader);
                if ((table.Count & 0xFFFF) == 0 && reader.BytesRead is { } position)
                {
                    bytesRead?.Report(position);
                }
            }
        }
        catch (InputDataException)
        {
            // A repeated id above the bad row is the file's first problem: report it, as a row-by-row check would.
            table.Index(reader.Header[table._idColumn]);
            throw;
        }

        table.Index(reader.Header[table._idColumn]);
        return table;
    }

    /// <summary>
    /// Indexes the ids once all rows are in: a tight loop of independent lookups, whose cache misses the processor
    /// overlaps (measured faster than indexing between the parsing of rows). A repeated id is an error naming both lines.
    /// </summary>
    private void Index(string idColumn) => _ids.Index(FileName, idColumn, "account", account => _lines[account]);

    private void Reserve(int rows)
    {
        _ids.Reserve(rows);
        _parentIds.Reserve(rows);
        _lines.EnsureCapacity(rows);
        _kept.Reserve(rows * _width);
    }

    private void Add(CsvReader reader)
    {
        var id = reader[_idColumn];
        if (id.IsEmpty)
        {
            throw reader.Error(_idColumn, "the account id is empty");
        }

        _ids.Add(id);
        _lines.Add((int)reader.LineNumber);
        _parentIds.Add(reader[_parentColumn]);
        for (var column = 0; column < _keptIndexOf.Length; column++)
        {
            if (_keptIndexOf[column] >= 0)
            {
                _kept.Add(reader[column]);
            }
        }
    }
}
