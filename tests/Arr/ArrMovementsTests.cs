using Workbook.Arr;
using Workbook.Core;

namespace Workbook.Tests.Arr;

/// <summary>ARR movements on the Umbrella example (checked by hand), the rollup's hostile inputs, and generated sets against the naive implementation.</summary>
public class ArrMovementsTests
{
    private static readonly string Example = Path.Combine(RepoPaths.TryFindRoot() ?? throw new InvalidOperationException("run the tests inside the checkout"), "arr-data", "example");

    private static string Csv(Action<Stream> write)
    {
        using var stream = new MemoryStream();
        write(stream);
        return AtomicFile.Utf8.GetString(stream.ToArray());
    }

    [Fact]
    public void Umbrella_example_by_hierarchy()
    {
        // Umbrella Japan's $1,350 (100 × $15 less 10%) starts 2022-05-30 and ends 2023-05-29; USA's $30,000 runs through
        // 2023; Medical's $15,000 starts 2023-05-31 and ends 2024-05-30; Europe's $94.50 runs 2023-12-01 to 2024-11-30;
        // Acme's $86.625 from 2023-06-30 to 2024-06-29. All but Acme are one hierarchy, Umbrella Corporation.
        var result = ArrMovements.Compute(ArrInputs.LoadFolder(Example), new DateOnly(2022, 5, 1), new DateOnly(2024, 12, 1));

        Assert.Equal(
            "month,entity_id,entity_name,movement,opening_arr,closing_arr,change\n"
            + "2022-05,umb-corp,Umbrella Corporation,new,0.00,1350.00,1350.00\n"
            + "2023-01,umb-corp,Umbrella Corporation,expansion,1350.00,31350.00,30000.00\n"
            + "2023-05,umb-corp,Umbrella Corporation,expansion,31350.00,45000.00,13650.00\n"
            + "2023-06,acme,\"Acme, Inc.\",new,0.00,86.63,86.63\n"
            + "2023-12,umb-corp,Umbrella Corporation,expansion,45000.00,45094.50,94.50\n"
            + "2024-01,umb-corp,Umbrella Corporation,contraction,45094.50,15094.50,-30000.00\n"
            + "2024-05,umb-corp,Umbrella Corporation,contraction,15094.50,94.50,-15000.00\n"
            + "2024-06,acme,\"Acme, Inc.\",churn,86.63,0.00,-86.63\n"
            + "2024-12,umb-corp,Umbrella Corporation,churn,94.50,0.00,-94.50\n",
            Csv(stream => ArrMovementsOutput.WriteMovements(result, stream)));

        var bridge = Csv(stream => ArrMovementsOutput.WriteBridge(result, stream)).Split('\n');
        Assert.Equal(32 + 2, bridge.Length); // header, 32 months, the last line's end
        // Twelve months after Japan's $1,350, the same hierarchy pays $45,000: 33.3333 net, capped at 1 gross.
        Assert.Equal("2023-05,31350.00,0.00,0.00,13650.00,0.00,0.00,45000.00,1,1,0,0,33.3333,1.0000,1.0000", bridge[13]);
        Assert.Equal("2023-06,45000.00,86.63,0.00,0.00,0.00,0.00,45086.63,1,2,1,0,33.3333,1.0000,1.0000", bridge[14]);
        // A year after June 2023: Umbrella keeps $94.50 of $45,000 and Acme churned: 94.50 / 45,086.625.
        Assert.Equal("2024-06,181.13,0.00,0.00,0.00,0.00,86.63,94.50,2,1,0,1,0.0021,0.0021,1.0000", bridge[26]);
        Assert.Equal("2024-12,94.50,0.00,0.00,0.00,0.00,94.50,0.00,1,0,0,1,0.0000,0.0000,", bridge[32]);
        Assert.Equal(1, result.Bridge[^2].EntitiesHoldingHalf);
    }

    [Fact]
    public void Umbrella_example_over_its_last_twelve_months_as_bridge_steps_and_a_headline()
    {
        var result = ArrMovements.Compute(ArrInputs.LoadFolder(Example), new DateOnly(2022, 5, 1), new DateOnly(2024, 12, 1));

        Assert.Equal(
            [
                new("Opening ARR", 45_181.125m), new("New", 0m), new("Reactivation", 0m), new("Expansion", 0m),
                new("Contraction", -45_000m), new("Churn", -181.125m), new ArrBridgeStep("Closing ARR", 0m),
            ],
            result.BridgeSteps(12));
        Assert.Equal(
            "In the 12 months to 2024-12-31, ARR went from $45,181.13 to $0.00: $0.00 new, $0.00 reactivated and $0.00 expansion, "
            + "against $45,000.00 contraction and $181.13 churn. Net revenue retention over the twelve months to 2024-12-31 is 0.0% "
            + "and gross 0.0%; the ten largest hierarchies hold n/a of ARR, and 0 of 0 hold half of it.",
            ArrMovementsOutput.Headline(result));
    }

    [Fact]
    public void Umbrella_example_by_account_shows_the_moves_inside_the_hierarchy()
    {
        var result = ArrMovements.Compute(ArrInputs.LoadFolder(Example), new DateOnly(2023, 5, 1), new DateOnly(2023, 5, 1), ArrLevel.Account);

        Assert.Equal(
            [("umb-med", ArrMovementKind.New, 15_000m), ("umb-jp", ArrMovementKind.Churn, -1_350m)],
            result.Movements.Select(m => (result.EntityId(m.Entity), m.Kind, m.Change)));
        var may = result.Bridge.Single();
        Assert.Equal((31_350m, 15_000m, 1_350m, 45_000m, 2, 2), (may.OpeningArr, may.NewArr, may.ChurnedArr, may.ClosingArr, may.EntitiesOpening, may.EntitiesClosing));
        Assert.Equal((0m, 0m), (may.NetRevenueRetention, may.GrossRevenueRetention)); // only Japan paid at the end of May 2022, and it churned
    }

    [Fact]
    public void Reactivation_is_a_return_after_a_month_end_without_arr()
    {
        var data = new ArrData(
            [new TestAccount("a", "", "A")],
            [new TestSubscription("s1", "a", new(2022, 1, 1), new(2022, 12, 31)), new TestSubscription("s2", "a", new(2023, 3, 15), new(2024, 3, 14))],
            [new TestItem("i1", "s1", 1, 1_000, 0m, new(2022, 1, 1), new(2022, 12, 31)), new TestItem("i2", "s2", 2, 1_000, 0.25m, new(2023, 3, 15), new(2024, 3, 14))]);

        var result = ArrMovements.Compute(data.Load(), new DateOnly(2023, 1, 1), new DateOnly(2024, 3, 1));

        Assert.Equal(
            [("2023-01", ArrMovementKind.Churn, -1_000m), ("2023-03", ArrMovementKind.Reactivation, 1_500m), ("2024-03", ArrMovementKind.Churn, -1_500m)],
            result.Movements.Select(m => (ArrMovementsOutput.MonthText(m.Month), m.Kind, m.Change)));
        Assert.Equal(0m, result.Bridge[0].NewArr);
        Assert.Equal(1.5m, result.Bridge[11].NetRevenueRetention); // Dec 2023 against Dec 2022: 1,500 / 1,000
        Assert.Equal(1m, result.Bridge[11].GrossRevenueRetention);
        Assert.Null(result.Bridge[12].NetRevenueRetention); // Jan 2024 against Jan 2023, when nobody paid: empty
        Assert.Empty(MovementsCheck.Differences(data, new DateOnly(2023, 1, 1), new DateOnly(2024, 3, 1), ArrLevel.Hierarchy));
    }

    [Fact]
    public void Accounts_on_or_below_a_cycle_are_one_unresolved_entity_never_dropped()
    {
        var inputs = ArrCases.Cycle.Read();
        var result = ArrMovements.Compute(inputs, new DateOnly(2023, 1, 1), new DateOnly(2024, 1, 1));

        Assert.Equal(
            [("2023-01", "(unresolved)", ArrMovementKind.New, 200m), ("2023-01", "e", ArrMovementKind.New, 100m),
             ("2024-01", "(unresolved)", ArrMovementKind.Churn, -200m), ("2024-01", "e", ArrMovementKind.Churn, -100m)],
            result.Movements.Select(m => (ArrMovementsOutput.MonthText(m.Month), result.EntityId(m.Entity), m.Kind, m.Change)));
        Assert.Equal("(unresolved)", result.EntityName(inputs.Accounts.Count));
        Assert.All(result.Bridge.Take(12), month => Assert.Equal(300m, month.ClosingArr));
        Assert.Equal(1, result.Bridge[0].EntitiesHoldingHalf);
        Assert.Contains("3 in 1 cycle on a parent cycle", ArrMovementsOutput.FormatSummary(result));
    }

    [Fact]
    public void A_million_deep_chain_is_one_hierarchy()
    {
        var result = ArrMovements.Compute(ArrCases.Chain(1_000_000).Read(), new DateOnly(2023, 1, 1), new DateOnly(2024, 1, 1));

        Assert.Equal(
            [("n0", ArrMovementKind.New, 200m), ("n0", ArrMovementKind.Churn, -200m)],
            result.Movements.Select(m => (result.EntityId(m.Entity), m.Kind, m.Change)));
    }

    [Fact]
    public void Lenient_skips_leave_only_the_good_rows()
    {
        var result = ArrMovements.Compute(ArrCases.LenientSkips.Read(), new DateOnly(2023, 1, 1), new DateOnly(2023, 1, 1));

        Assert.Equal(250m, result.Bridge[0].NewArr); // i1 $100 and i4 2 × $100 less 25%; i2 and i3 skipped
        Assert.Contains("bad row", ArrMovementsOutput.FormatSummary(result));
    }

    [Fact]
    public void Header_only_files_give_an_empty_bridge()
    {
        var result = ArrMovements.Compute(ArrCases.HeaderOnly.Read(), new DateOnly(2023, 1, 1), new DateOnly(2023, 3, 1));

        Assert.Equal(3, result.Bridge.Count);
        Assert.All(result.Bridge, month => Assert.Equal((0m, 0, (decimal?)null, (decimal?)null), (month.ClosingArr, month.EntitiesClosing, month.NetRevenueRetention, month.Top10Share)));
        Assert.Empty(result.Movements);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_generated_set_agrees_with_the_naive_implementation_on_every_entity_month(int seed)
    {
        using var dir = new TempDir();
        ArrGenerator.Write(dir.Path, 3_000, seed);
        var data = GeneratedData.Read(dir.Path);

        foreach (var level in new[] { ArrLevel.Hierarchy, ArrLevel.Account })
        {
            var differences = MovementsCheck.Differences(data, new DateOnly(2023, 1, 1), new DateOnly(2025, 12, 1), level);
            Assert.True(differences.Count == 0, string.Join("\n", differences.Take(10)));
        }
    }
}
