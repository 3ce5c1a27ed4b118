using System.Runtime.CompilerServices;
using System.Text;
using Workbook.Core;

namespace Workbook.Arr;

/// <summary>
/// accounts.csv, read once: every row's id (numbered by row in an <see cref="IdIndex"/>, so each UUID is parsed once
/// and stored in 16 bytes), its parent_id as written (linked to a row once all rows are in), and the UTF-8 text of
/// every other input column, so the output repeats the input's columns and row order exactly.
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

    private readonly IdIndex _ids; // row i has id number i
    private readonly IdList _parentIds; // row i's parent_id, empty when none
    private readonly TextColumns _kept; // the columns other than id, parent_id and the filled ones
    private readonly int[] _keptIndexOf; // input column -> index in _kept, or -1
    private readonly int _idColumn;
    private readonly int _parentColumn;
    private readonly int _nameKept;

    private AccountTable(string fileName, IReadOnlyList<string> header, int idColumn, int parentColumn, int nameColumn, int[] keptIndexOf, IdIndex ids, Rows rows)
    {
        FileName = fileName;
        Header = header;
        Count = ids.Count;
        _idColumn = idColumn;
        _parentColumn = parentColumn;
        _keptIndexOf = keptIndexOf;
        _nameKept = nameColumn >= 0 ? keptIndexOf[nameColumn] : -1;
        _ids = ids;
        _parentIds = rows.ParentIds;
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

    public ReadOnlySpan<char> Id(int account) => _ids[account];

    /// <summary>The parent_id as written (also when it names no account); empty for none.</summary>
    public ReadOnlySpan<char> ParentId(int account) => _parentIds[account];

    /// <summary>The name, or an empty span when the file has no name column.</summary>
    public ReadOnlySpan<char> Name(int account) => _nameKept < 0 ? default : Encoding.UTF8.GetString(_kept[account, _nameKept]);

    /// <summary>The account's id as UTF-8; a UUID is written into <paramref name="uuid"/> (36 bytes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ReadOnlySpan<byte> IdUtf8(int account, Span<byte> uuid) => _ids.Utf8(account, uuid);

    /// <inheritdoc cref="Name"/>
    internal ReadOnlySpan<byte> NameUtf8(int account) => _nameKept < 0 ? default : _kept[account, _nameKept];

    /// <inheritdoc cref="ParentId"/>
    internal ReadOnlySpan<byte> ParentIdUtf8(int account, Span<byte> uuid) => _parentIds.Utf8(account, uuid);

    /// <summary>
    /// The input value of column <paramref name="column"/> (an index into <see cref="Header"/>) as UTF-8; empty for the
    /// filled columns. An id column's UUID is written into <paramref name="uuid"/> (36 bytes).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ReadOnlySpan<byte> Field(int account, int column, Span<byte> uuid) =>
        column == _idColumn ? IdUtf8(account, uuid)
        : column == _parentColumn ? ParentIdUtf8(account, uuid)
        : _keptIndexOf[column] >= 0 ? _kept[account, _keptIndexOf[column]]
        : default;

    /// <summary>The account number of an id, or -1.</summary>
    public int Find(ReadOnlySpan<char> id) => _ids.Find(id);

    /// <inheritdoc cref="Find(ReadOnlySpan{char})"/>
    internal int Find(in IdKey id) => _ids.Find(id);

    /// <summary>
    /// Reads the whole table. Account rows are never skipped, even leniently, because the output repeats every row:
    /// an empty or repeated id, or a row with the wrong number of fields, stops the run with the file and line.
    /// </summary>
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
        try
        {
            while (reader.Read())
            {
                var id = reader.Utf8(idColumn);
                if (id.IsEmpty)
                {
                    throw reader.Error(idColumn, "the account id is empty");
                }

                var row = rows.Ids.Add(id);
                rows.ParentIds.Add(reader.Utf8(parentColumn));
                rows.AddLine(row, (int)reader.LineNumber);
                for (var column = 0; column < keptIndexOf.Length; column++)
                {
                    if (keptIndexOf[column] >= 0)
                    {
                        rows.Kept.Append(reader.Utf8(column));
                    }
                }

                if ((row & 0xFFFF) == 0 && reader.BytesRead is { } position)
                {
                    bytesRead?.Report(position);
                }
            }
        }
        catch (InputDataException)
        {
            // A repeated id above the bad row is the file's first problem: report it, as a row-by-row check would.
            Index(rows, reader.FileName, header[idColumn]);
            throw;
        }

        var index = Index(rows, reader.FileName, header[idColumn]);
        return new AccountTable(reader.FileName, header, idColumn, parentColumn, nameColumn, keptIndexOf, index, rows);
    }

    /// <summary>
    /// Indexes the ids once all rows are in (see <see cref="IdIndex(IdList)"/>: several times faster than while
    /// parsing); a repeated id is an error naming both lines.
    /// </summary>
    private static IdIndex Index(Rows rows, string fileName, string idColumn)
    {
        var index = new IdIndex(rows.Ids);
        if (index.Repeat is (var repeat, var first))
        {
            throw new InputDataException(fileName, rows.Lines[repeat], idColumn, $"duplicate account id '{index[repeat]}' (first on line {rows.Lines[first]})");
        }

        return index;
    }

    /// <summary>
    /// Links each row to its parent's row, applying the self-parent and dangling-parent policies. The lookups come
    /// first, on every core (each is independent and the table is only read), in tight loops whose cache misses the
    /// processor overlaps; then the policies, in row order.
    /// </summary>
    internal void LinkParents(ArrIssueLog issues)
    {
        const int Named = -2; // a parent_id that names no row
        void FindParents(int part, int parts)
        {
            for (var account = (int)((long)Count * part / parts); account < (long)Count * (part + 1) / parts; account++)
            {
                var key = _parentIds.Key(account);
                Parent[account] = key.IsEmpty ? -1 : _ids.Find(key) is var row and >= 0 ? row : Named;
            }
        }

        var parts = Environment.ProcessorCount;
        var others = Enumerable.Range(1, parts - 1).Select(part => Task.Run(() => FindParents(part, parts))).ToArray();
        FindParents(0, parts);
        Task.WaitAll(others);

        for (var account = 0; account < Count; account++)
        {
            if (Parent[account] == account)
            {
                Parent[account] = -1;
                Flags[account] |= AccountFlags.SelfParent;
                issues.Add(ArrIssueKind.SelfParent, account, a => $"{FileName}:{Lines[a]}: account '{Id(a)}' names itself as parent");
            }
            else if (Parent[account] == Named)
            {
                Parent[account] = -1;
                Flags[account] |= AccountFlags.DanglingParent;
                issues.Add(ArrIssueKind.DanglingParent, account, a => $"{FileName}:{Lines[a]}: parent_id '{ParentId(a)}' of account '{Id(a)}' names no account");
            }
        }
    }

    /// <summary>The growing per-row data of a read in progress.</summary>
    private sealed class Rows
    {
        public Rows(int width, long sizeHint)
        {
            // Generous guesses from the file size (a UUID-keyed row is about 90 bytes): arrays that are never
            // touched cost no memory, while regrowing a large array costs a copy and both arrays at once.
            var rows = (int)Math.Clamp(sizeHint / 48, 16, 1 << 27);
            Ids = new IdList(rows);
            ParentIds = new IdList(rows);
            Lines = new int[rows];
            Kept = new TextColumns(width, rows, (int)Math.Clamp(sizeHint / 2, 256, Array.MaxLength));
        }

        public IdList Ids { get; }

        public IdList ParentIds { get; }

        public TextColumns Kept { get; }

        public int[] Lines { get; private set; }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void AddLine(int row, int line)
        {
            if (row == Lines.Length)
            {
                var lines = Lines;
                Array.Resize(ref lines, row * 2);
                Lines = lines;
            }

            Lines[row] = line;
        }
    }
}
