using System.Runtime.CompilerServices;
using Workbook.Core;

namespace Workbook.Arr;

/// <summary>
/// accounts.csv, read once: every row's id and parent_id, interned into one table of id text (so each UUID is
/// stored once however often it is mentioned, and parents are linked without a second pass of lookups), plus the
/// text of every other input column, so the output repeats the input's columns and row order exactly.
/// Account numbers are row numbers: account i is the i-th data row.
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

    private readonly IdIndex _ids; // every id mentioned: account ids and parent ids (a dangling parent has no row)
    private readonly int[] _idKey; // row -> its id in _ids
    private readonly int[] _parentKey; // row -> its parent_id in _ids, -1 when empty
    private readonly int[] _rowOfKey; // id in _ids -> row + 1, 0 when no row has that id
    private readonly TextColumns _kept; // the columns other than id, parent_id and the filled ones
    private readonly int[] _keptIndexOf; // input column -> index in _kept, or -1
    private readonly int _idColumn;
    private readonly int _parentColumn;
    private readonly int _nameKept;

    private AccountTable(string fileName, IReadOnlyList<string> header, int idColumn, int parentColumn, int nameColumn, int[] keptIndexOf, Rows rows)
    {
        FileName = fileName;
        Header = header;
        Count = rows.Count;
        _idColumn = idColumn;
        _parentColumn = parentColumn;
        _keptIndexOf = keptIndexOf;
        _nameKept = nameColumn >= 0 ? keptIndexOf[nameColumn] : -1;
        _ids = rows.Ids;
        _idKey = rows.IdKey;
        _parentKey = rows.ParentKey;
        _rowOfKey = rows.RowOfKey;
        _kept = rows.Kept;
        Lines = rows.Lines;
        Parent = new int[Count];
        Flags = new AccountFlags[Count];
    }

    public string FileName { get; }

    /// <summary>The input's header, in the input's order.</summary>
    public IReadOnlyList<string> Header { get; }

    public int Count { get; }

    /// <summary>The physical line each account's row starts on, for messages.</summary>
    internal int[] Lines { get; }

    /// <summary>The parent's account number; -1 for a root (no parent, itself as parent, or a parent that does not exist).</summary>
    internal int[] Parent { get; }

    /// <summary>SelfParent and DanglingParent, found while linking parents; Cycle and BelowCycle, found by the hierarchy.</summary>
    internal AccountFlags[] Flags { get; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<char> Id(int account) => _ids[_idKey[account]];

    /// <summary>The parent_id as written (also when it names no account); empty for none.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<char> ParentId(int account) => _parentKey[account] is var key and >= 0 ? _ids[key] : default;

    /// <summary>The name, or an empty span when the file has no name column.</summary>
    public ReadOnlySpan<char> Name(int account) => _nameKept < 0 ? default : _kept[account, _nameKept];

    /// <summary>The input value of column <paramref name="column"/> (an index into <see cref="Header"/>); empty for the filled columns.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<char> Field(int account, int column) =>
        column == _idColumn ? Id(account)
        : column == _parentColumn ? ParentId(account)
        : _keptIndexOf[column] >= 0 ? _kept[account, _keptIndexOf[column]]
        : default;

    /// <summary>The account number of an id, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Find(ReadOnlySpan<char> id) => _ids.Find(id) is var key and >= 0 ? _rowOfKey[key] - 1 : -1;

    /// <summary>
    /// Reads the whole table. Account rows are never skipped, even leniently, because the output repeats every row:
    /// an empty or repeated id, or a row with the wrong number of fields, stops the run with the file and line.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static AccountTable Read(CsvReader reader, long sizeHint, IProgress<long>? bytesRead = null)
    {
        var header = reader.Header;
        var idColumn = reader.Column(IdColumn);
        var parentColumn = reader.Column(ParentColumn);
        var nameColumn = reader.HasColumn(NameColumn) ? reader.Column(NameColumn) : -1;
        var keptIndexOf = new int[header.Count];
        var width = 0;
        for (var column = 0; column < header.Count; column++)
        {
            keptIndexOf[column] = column == idColumn || column == parentColumn || FilledColumns.Contains(header[column]) ? -1 : width++;
        }

        var rows = new Rows(width, sizeHint);
        while (reader.Read())
        {
            var id = reader[idColumn];
            if (id.IsEmpty)
            {
                throw reader.Error(idColumn, "the account id is empty");
            }

            var row = rows.Count;
            var key = rows.Ids.GetOrAdd(id);
            rows.EnsureKeys();
            if (rows.RowOfKey[key] != 0)
            {
                throw reader.Error(idColumn, $"duplicate account id '{id}' (first on line {rows.Lines[rows.RowOfKey[key] - 1]})");
            }

            rows.RowOfKey[key] = row + 1;
            var parent = reader[parentColumn];
            var parentKey = parent.IsEmpty ? -1 : rows.Ids.GetOrAdd(parent);
            rows.EnsureKeys();
            rows.Append(key, parentKey, (int)reader.LineNumber);
            for (var column = 0; column < keptIndexOf.Length; column++)
            {
                if (keptIndexOf[column] >= 0)
                {
                    rows.Kept.Append(reader[column]);
                }
            }

            if ((row & 0xFFFF) == 0 && reader.BytesRead is { } position)
            {
                bytesRead?.Report(position);
            }
        }

        return new AccountTable(reader.FileName, header, idColumn, parentColumn, nameColumn, keptIndexOf, rows);
    }

    /// <summary>Links each row to its parent's row, applying the self-parent and dangling-parent policies.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void LinkParents(ArrIssueLog issues)
    {
        for (var account = 0; account < Count; account++)
        {
            var key = _parentKey[account];
            var parent = key < 0 ? -1 : _rowOfKey[key] - 1;
            if (key >= 0 && parent == account)
            {
                parent = -1;
                Flags[account] |= AccountFlags.SelfParent;
                issues.Add(ArrIssueKind.SelfParent, account, a => $"{FileName}:{Lines[a]}: account '{Id(a)}' names itself as parent");
            }
            else if (key >= 0 && parent < 0)
            {
                Flags[account] |= AccountFlags.DanglingParent;
                issues.Add(ArrIssueKind.DanglingParent, account, a => $"{FileName}:{Lines[a]}: parent_id '{ParentId(a)}' of account '{Id(a)}' names no account");
            }

            Parent[account] = parent;
        }
    }

    /// <summary>The growing per-row arrays of a read in progress.</summary>
    private sealed class Rows
    {
        public Rows(int width, long sizeHint)
        {
            // Generous guesses from the file size (a UUID-keyed row is about 90 bytes): arrays that are never
            // touched cost no memory, while regrowing a large array costs a copy and both arrays at once.
            // The hash table is the exception (it is touched all over), so it is sized for the likely count.
            var rows = (int)Math.Clamp(sizeHint / 48, 16, 1 << 27);
            var chars = (int)Math.Clamp(sizeHint / 2, 256, Array.MaxLength / 2);
            Ids = new IdIndex((int)Math.Clamp(sizeHint / 90, 16, 1 << 27), chars);
            IdKey = new int[rows];
            ParentKey = new int[rows];
            Lines = new int[rows];
            RowOfKey = new int[rows];
            Kept = new TextColumns(width, rows, chars);
        }

        public IdIndex Ids { get; }

        public TextColumns Kept { get; }

        public int Count { get; private set; }

        public int[] IdKey { get; private set; }

        public int[] ParentKey { get; private set; }

        public int[] Lines { get; private set; }

        public int[] RowOfKey { get; private set; }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void EnsureKeys()
        {
            if (Ids.Count > RowOfKey.Length)
            {
                var rowOfKey = RowOfKey;
                Array.Resize(ref rowOfKey, RowOfKey.Length * 2);
                RowOfKey = rowOfKey;
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Append(int key, int parentKey, int line)
        {
            if (Count == IdKey.Length)
            {
                var (idKey, parent, lines) = (IdKey, ParentKey, Lines);
                Array.Resize(ref idKey, Count * 2);
                Array.Resize(ref parent, Count * 2);
                Array.Resize(ref lines, Count * 2);
                (IdKey, ParentKey, Lines) = (idKey, parent, lines);
            }

            IdKey[Count] = key;
            ParentKey[Count] = parentKey;
            Lines[Count] = line;
            Count++;
        }
    }
}
