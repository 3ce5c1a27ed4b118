using FsCheck;
using FsCheck.Fluent;
using Workbook.Arr;

namespace Workbook.Tests.Arr;

/// <summary>Properties of ARR movements on random forests and parent graphs (FsCheck, 100 cases each).</summary>
public class ArrMovementsPropertyTests
{
    private static readonly DateOnly From = ArrGenerators.AsOf.AddMonths(-12);
    private static readonly DateOnly To = ArrGenerators.AsOf.AddMonths(8);

    [Fact]
    public void Agrees_with_the_naive_implementation_on_every_entity_month_of_forests_by_hierarchy()
    {
        Prop.ForAll(ArrGenerators.Forests(), data => Agrees(data, ArrLevel.Hierarchy)).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Agrees_with_the_naive_implementation_on_every_entity_month_of_forests_by_account()
    {
        Prop.ForAll(ArrGenerators.Forests(), data => Agrees(data, ArrLevel.Account)).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Agrees_with_the_naive_implementation_on_graphs_with_cycles_self_and_dangling_parents()
    {
        Prop.ForAll(ArrGenerators.Graphs(), data => Agrees(data, ArrLevel.Hierarchy)).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Bridge_identity_holds_on_every_month_at_both_levels()
    {
        Prop.ForAll(ArrGenerators.Graphs(), data =>
        {
            var inputs = data.Load();
            return new[] { ArrLevel.Hierarchy, ArrLevel.Account }.All(level =>
                ArrMovements.Compute(inputs, From, To, level).Bridge.All(MovementsCheck.IdentityHolds));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Account_and_hierarchy_closings_agree_in_total_and_equal_the_rollup()
    {
        Prop.ForAll(ArrGenerators.Graphs(), data =>
        {
            var inputs = data.Load();
            var accounts = ArrMovements.Compute(inputs, From, To, ArrLevel.Account).Bridge;
            var hierarchies = ArrMovements.Compute(inputs, From, To, ArrLevel.Hierarchy).Bridge;
            return accounts.Zip(hierarchies).All(pair =>
                pair.First.ClosingArr == pair.Second.ClosingArr
                && pair.First.ClosingArr == ArrRollup.Compute(inputs, pair.First.Month).Summary.TotalArr);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void A_subscription_moving_to_a_sibling_is_flat_by_hierarchy_and_churn_plus_new_by_account()
    {
        var transfers =
            from quantity in Gen.Choose(1, 50)
            from price in Gen.Choose(1, 1000)
            from startDay in Gen.Choose(0, 400)
            from length in Gen.Choose(40, 700)
            select (quantity, price, startDay, length);
        Prop.ForAll(transfers.ToArbitrary(), t =>
        {
            var start = new DateOnly(2023, 1, 1).AddDays(t.startDay);
            var handover = start.AddDays(t.length);
            var data = new ArrData(
                [new TestAccount("parent", "", "Parent"), new TestAccount("left", "parent", "Left"), new TestAccount("right", "parent", "Right")],
                [new TestSubscription("s1", "left", start, handover), new TestSubscription("s2", "right", handover.AddDays(1), handover.AddDays(365))],
                [
                    new TestItem("i1", "s1", t.quantity, t.price, 0m, start, handover),
                    new TestItem("i2", "s2", t.quantity, t.price, 0m, handover.AddDays(1), handover.AddDays(365)),
                ]);
            var (from, to) = (new DateOnly(2022, 12, 1), new DateOnly(2027, 12, 1));
            var hierarchy = ArrMovements.Compute(data.Load(), from, to, ArrLevel.Hierarchy).Movements;
            var accounts = ArrMovements.Compute(data.Load(), from, to, ArrLevel.Account).Movements;
            var handoverMonth = ArrTimeline.MonthEnd(ArrTimeline.MonthNumber(handover.AddDays(1)));
            var transferred = accounts.Where(m => m.Month == handoverMonth).Select(m => m.Kind).Order().ToList();
            return hierarchy.Select(m => m.Kind).SequenceEqual([ArrMovementKind.New, ArrMovementKind.Churn])
                && transferred.SequenceEqual([ArrMovementKind.New, ArrMovementKind.Churn]);
        }).QuickCheckThrowOnFailure();
    }

    private static bool Agrees(ArrData data, ArrLevel level)
    {
        var differences = MovementsCheck.Differences(data, From, To, level);
        Assert.True(differences.Count == 0, string.Join("\n", differences.Take(10)) + "\n" + data);
        return true;
    }
}
