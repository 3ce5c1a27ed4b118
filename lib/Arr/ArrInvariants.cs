namespace Workbook.Arr;

/// <summary>
/// Three properties every rollup must have, checked on a result from its rows alone (not from the engine's
/// internals): every ultimate parent is a root (its own ultimate parent); each hierarchy's hierarchy_arr is the sum
/// of its members' arr; the roots' hierarchy_arr adds up to the total ARR. Accounts on or below a cycle have no
/// hierarchy and are left out of the first two, as they are of the output. Notebook 03 states each as a tie-out.
/// </summary>
public sealed record ArrInvariants(bool UltimateParentsAreRoots, bool HierarchyArrIsSumOfMembers, bool RootsAddUpToTotalArr, decimal TotalArr)
{
    public bool AllHold => UltimateParentsAreRoots && HierarchyArrIsSumOfMembers && RootsAddUpToTotalArr;

    public static ArrInvariants Check(ArrResult result) => Check(result.Rows(), result.Summary.TotalArr);

    /// <summary>Checks rows as they would be written, against the total ARR reported for them.</summary>
    public static ArrInvariants Check(IEnumerable<AccountArr> accounts, decimal totalArr)
    {
        var rows = accounts.ToList();
        var byId = rows.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var inHierarchy = rows.Where(r => r.UltimateParentId is not null).ToList();

        var rootsAreRoots = inHierarchy.All(r => byId[r.UltimateParentId!].UltimateParentId == r.UltimateParentId);
        var sumsMatch = inHierarchy.GroupBy(r => r.UltimateParentId!, StringComparer.Ordinal)
            .All(h => h.Sum(r => r.Arr) == byId[h.Key].HierarchyArr && h.All(r => r.HierarchyArr == byId[h.Key].HierarchyArr));
        var rootsTotal = rows.Where(r => r.UltimateParentId == r.Id).Sum(r => r.HierarchyArr ?? 0m);
        var cycleArr = rows.Where(r => r.UltimateParentId is null).Sum(r => r.Arr);
        return new ArrInvariants(rootsAreRoots, sumsMatch, rootsTotal + cycleArr == totalArr, totalArr);
    }
}
