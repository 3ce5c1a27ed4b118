using FsCheck;
using FsCheck.Fluent;
using Workbook.Arr;

namespace Workbook.Tests.Arr;

/// <summary>The notebook's validation (<see cref="ArrInvariants"/>): it holds on any graph, and it catches a broken result.</summary>
public class ArrInvariantsTests
{
    [Fact]
    public void Hold_on_random_graphs_with_cycles_self_and_dangling_parents()
    {
        Prop.ForAll(ArrGenerators.Graphs(), data => ArrInvariants.Check(data.Rollup(ArrGenerators.AsOf)).AllHold).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Hold_on_the_umbrella_example_with_its_total()
    {
        var example = Path.Combine(Workbook.Core.RepoPaths.TryFindRoot()!, "arr-data", "example");
        var invariants = ArrInvariants.Check(ArrRollup.Compute(ArrInputs.LoadFolder(example), new DateOnly(2023, 6, 30)));
        Assert.Equal(new ArrInvariants(true, true, true, 45_086.625m), invariants);
    }

    [Fact]
    public void Each_broken_property_is_caught()
    {
        var result = ArrRollup.Compute(ArrInputs.Read(
            new StringReader("id,parent_id,name\np,,P\nc,p,C\n"),
            new StringReader("id,account_id,start_date,end_date\ns,c,2023-01-01,2023-12-31\n"),
            new StringReader("id,subscription_id,product_name,quantity,list_price,discount,start_date,end_date\ni,s,X,1,100,0,2023-01-01,2023-12-31\n")),
            new DateOnly(2023, 6, 30));
        var rows = result.Rows().ToList();
        Assert.Equal(new ArrInvariants(true, true, true, 100m), ArrInvariants.Check(rows, 100m));

        var childPointsAtChild = rows.Select(r => r.Id == "p" ? r with { UltimateParentId = "c" } : r).ToList();
        Assert.False(ArrInvariants.Check(childPointsAtChild, 100m).UltimateParentsAreRoots);

        var wrongHierarchyArr = rows.Select(r => r.Id == "c" ? r with { HierarchyArr = 99m } : r).ToList();
        Assert.False(ArrInvariants.Check(wrongHierarchyArr, 100m).HierarchyArrIsSumOfMembers);

        Assert.False(ArrInvariants.Check(rows, 101m).RootsAddUpToTotalArr);
    }
}
