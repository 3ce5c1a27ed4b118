using FsCheck;
using FsCheck.Fluent;
using Workbook.Arr;

namespace Workbook.Tests.Arr;

/// <summary>Properties of the rollup on random forests and random parent graphs (FsCheck, 100 cases each).</summary>
public class ArrPropertyTests
{
    private static readonly DateOnly AsOf = ArrGenerators.AsOf;

    [Fact]
    public void Every_ultimate_parent_is_a_root()
    {
        Prop.ForAll(ArrGenerators.Forests(), data =>
        {
            var result = data.Rollup(AsOf);
            return Enumerable.Range(0, result.Count).All(account =>
                result.UltimateParent(account) is var top and >= 0 && result.Inputs.Accounts.ParentId(top).IsEmpty);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Hierarchy_arr_is_the_sum_of_its_members_arr()
    {
        Prop.ForAll(ArrGenerators.Forests(), data =>
        {
            var result = data.Rollup(AsOf);
            var members = Enumerable.Range(0, result.Count).GroupBy(result.UltimateParent);
            return members.All(hierarchy =>
                hierarchy.All(member => result.HierarchyArr(member) == hierarchy.Sum(result.Arr)));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Roots_hierarchy_arr_adds_up_to_the_total_arr()
    {
        Prop.ForAll(ArrGenerators.Forests(), data =>
        {
            var result = data.Rollup(AsOf);
            var roots = Enumerable.Range(0, result.Count).Where(account => result.UltimateParent(account) == account);
            return roots.Sum(root => result.HierarchyArr(root)!.Value) == result.Summary.TotalArr
                && result.Summary.TotalArr == Enumerable.Range(0, result.Count).Sum(result.Arr);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Result_does_not_depend_on_row_order()
    {
        Prop.ForAll(ArrGenerators.Graphs(), ArbMap.Default.ArbFor<int>(), (data, seed) =>
        {
            var before = ById(data.Rollup(AsOf));
            var after = ById(data.Reordered(new Random(seed)).Rollup(AsOf));
            return before.Count == after.Count && before.All(row => after[row.Key] == row.Value);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Agrees_with_the_naive_implementation_on_forests()
    {
        Prop.ForAll(ArrGenerators.Forests(), data => AgreesWithNaive(data)).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Agrees_with_the_naive_implementation_on_graphs_with_cycles_self_and_dangling_parents()
    {
        Prop.ForAll(ArrGenerators.Graphs(), data => AgreesWithNaive(data)).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Month_end_series_equals_the_rollup_on_each_month_end()
    {
        Prop.ForAll(ArrGenerators.Graphs(), data =>
        {
            var inputs = data.Load();
            var series = ArrTimeline.MonthEnds(inputs, AsOf.AddMonths(-18), AsOf.AddMonths(6));
            return series.Count == 25 && series.All(point =>
            {
                var summary = ArrRollup.Compute(inputs, point.Date).Summary;
                return point.TotalArr == summary.TotalArr && point.ActiveSubscriptions == summary.ActiveSubscriptions;
            });
        }).QuickCheckThrowOnFailure();
    }

    private static bool AgreesWithNaive(ArrData data)
    {
        var engine = data.Rollup(AsOf);
        var naive = NaiveRollup.Compute(data, AsOf);
        return Enumerable.Range(0, engine.Count).All(account =>
        {
            var expected = naive[engine.Inputs.Accounts.Id(account).ToString()];
            var top = engine.UltimateParent(account);
            return (top >= 0 ? engine.Inputs.Accounts.Id(top).ToString() : null) == expected.UltimateParent
                && engine.Arr(account) == expected.Arr
                && engine.HierarchyArr(account) == expected.HierarchyArr;
        });
    }

    private static Dictionary<string, AccountArr> ById(ArrResult result) => result.Rows().ToDictionary(row => row.Id);
}
