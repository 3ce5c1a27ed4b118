using System.Runtime.CompilerServices;
using Workbook.Core;

namespace Workbook.Arr;

/// <summary>
/// accounts.csv, read once: every row's id (interned to a dense account number), its resolved parent, and the
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

    private readonly TextColumns _kept;
    private readonly int[] _keptIndexOf; // input column -> index in _kept, or -1 for the id and the filled columns
    private readonly int _parentKept;
    private readonly int _nameKept;

    private AccountTable(string fileName, IReadOnlyList<string> header, int idColumn, int[] keptIndexOf, TextColumns kept, IdIndex ids, int[] lines, int parentColumn, int nameColumn)
    {
        FileName = fileName;
        Header = header;
        IdColumnIndex = idColumn;
        _keptIndexOf = keptIndexOf;
        _kept = kept;
        Ids = ids;
        Lines = lines;
        _parentKept = keptIndexOf[parentColumn];
        _nameKept = nameColumn >= 0 ? keptIndexOf[nameColumn] : -1;
        Parent = new int[ids.Count];
        Flags = new AccountFlags[ids.Count];
    }

    public string FileName { get; }

    /// <summary>The input's header, in the input's order.</summary>
    public IReadOnlyList<string> Header { get; }

    public int Count => Ids.Count;

    internal int IdColumnIndex { get; }

    internal IdIndex Ids { get; }

    /// <summary>The physical line each account's row starts on, for messages.</summary>
    internal int[] Lines { get; }

    /// <summary>The parent's account number; -1 for a root (no parent, itself as parent, or a parent that does not exist).</summary>
    internal int[] Parent { get; }

    /// <summary>SelfParent and DanglingParent, found while resolving parents.</summary>
    internal AccountFlags[] Flags { get; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<char> Id(int account) => Ids[account];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<char> ParentId(int account) => _kept[account, _parentKept];

    /// <summary>The name, or an empty span when the file has no name column.</summary>
    public ReadOnlySpan<char> Name(int account) => _nameKept < 0 ? default : _kept[account, _nameKept];

    /// <summary>The input value of column <paramref name="column"/> (an index into <see cref="Header"/>); empty for the filled columns.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<char> Field(int account, int column) =>
        column == IdColumnIndex ? Ids[account]
        : _keptIndexOf[column] >= 0 ? _kept[account, _keptIndexOf[column]]
        : default;

    /// <summary>The account number of an id, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Find(ReadOnlySpan<char> id) => Ids.Find(id);

    /// <summary>
    /// Reads the whole table. Account rows are never skipped, even leniently, because the output repeats every row:
    /// an empty or repeated id, or a row with the wrong number of fields, stops the run with the file and line.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static AccountTable Read(CsvReader reader, ArrIssueLog issues, long sizeHint, IProgress<long>? bytesRead = null)
    {
        var header = reader.Header;
        var idColumn = reader.Column(IdColumn);
        var parentColumn = reader.Column(ParentColumn);
        var nameColumn = reader.HasColumn(NameColumn) ? reader.Column(NameColumn) : -1;

        var keptIndexOf = new int[header.Count];
        var width = 0;
        for (var column = 0; column < header.Count; column++)
        {
            keptIndexOf[column] = column == idColumn || FilledColumns.Contains(header[column]) ? -1 : width++;
        }

        // A UUID-keyed accounts row is about 100 bytes; these hints only save regrowth, they are not limits.
        var expectedRows = (int)Math.Min(sizeHint / 90, 1 << 26);
        var ids = new IdIndex(expectedRows, expectedRows * 36);
        var kept = new TextColumns(width, expectedRows, (int)Math.Min(sizeHint * 2 / 3, 1 << 30));
        var lines = new int[Math.Max(16, expectedRows)];

        while (reader.Read())
        {
            var id = reader[idColumn];
            if (id.IsEmpty)
            {
                throw reader.Error(idColumn, "the account id is empty");
            }

            var account = ids.Add(id);
            if (account < 0)
            {
                throw reader.Error(idColumn, $"duplicate account id '{id}' (first on line {lines[~account]})");
            }

            if (account == lines.Length)
            {
                Array.Resize(ref lines, lines.Length * 2);
            }

            lines[account] = (int)reader.LineNumber;
            for (var column = 0; column < keptIndexOf.Length; column++)
            {
                if (keptIndexOf[column] >= 0)
                {
                    kept.Append(reader[column]);
                }
            }

            if ((account & 0xFFFF) == 0 && reader.BytesRead is { } position)
            {
                bytesRead?.Report(position);
            }
        }

        var table = new AccountTable(reader.FileName, header, idColumn, keptIndexOf, kept, ids, lines, parentColumn, nameColumn);
        table.ResolveParents(issues);
        return table;
    }

    /// <summary>Turns each parent_id into an account number, applying the self-parent and dangling-parent policies.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ResolveParents(ArrIssueLog issues)
    {
        for (var account = 0; account < Count; account++)
        {
            var parentId = ParentId(account);
            if (parentId.IsEmpty)
            {
                Parent[account] = -1;
                continue;
            }

            var parent = Ids.Find(parentId);
            if (parent == account)
            {
                Parent[account] = -1;
                Flags[account] |= AccountFlags.SelfParent;
                issues.Add(ArrIssueKind.SelfParent, account, a => $"{FileName}:{Lines[a]}: account '{Id(a)}' names itself as parent");
            }
            else if (parent < 0)
            {
                Parent[account] = -1;
                Flags[account] |= AccountFlags.DanglingParent;
                issues.Add(ArrIssueKind.DanglingParent, account, a => $"{FileName}:{Lines[a]}: parent_id '{ParentId(a)}' of account '{Id(a)}' names no account");
            }
            else
            {
                Parent[account] = parent;
            }
        }
    }
}
