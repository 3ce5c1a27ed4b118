using Workbook.Arr;
using Workbook.Core;

namespace Workbook.Tests.Arr;

/// <summary>The month-end ARR series and the notebook-facing conveniences, on the Umbrella example.</summary>
public class ArrTimelineTests
{
    private static ArrInputs Example() =>
        ArrInputs.LoadFolder(Path.Combine(RepoPaths.TryFindRoot()!, "arr-data", "example"));

    [Fact]
    public void Month_ends_run_from_the_first_month_to_the_last_inclusive()
    {
        Assert.Equal(
            [new DateOnly(2023, 11, 30), new DateOnly(2023, 12, 31), new DateOnly(2024, 1, 31), new DateOnly(2024, 2, 29)],
            ArrTimeline.MonthEndDates(new DateOnly(2023, 11, 15), new DateOnly(2024, 2, 1)));
    }

    [Fact]
    public void Umbrella_series_matches_the_hand_computed_totals()
    {
        var series = ArrTimeline.MonthEnds(Example(), new DateOnly(2023, 1, 1), new DateOnly(2024, 12, 31)).ToDictionary(p => p.Date);

        Assert.Equal(24, series.Count);
        Assert.Equal(31_350m, series[new DateOnly(2023, 1, 31)].TotalArr); // USA 30,000 + Japan 100 × 15 × 0.9
        Assert.Equal(45_000m, series[new DateOnly(2023, 5, 31)].TotalArr); // Japan ended 05-29; Medical starts on the month end itself
        Assert.Equal(45_086.625m, series[new DateOnly(2023, 6, 30)].TotalArr); // + Acme from 06-30
        Assert.Equal(45_181.125m, series[new DateOnly(2023, 12, 31)].TotalArr); // + Europe 94.50 from 12-01
        Assert.Equal(94.5m, series[new DateOnly(2024, 6, 30)].TotalArr); // Medical ended 05-30, Acme 06-29
        Assert.Equal(0m, series[new DateOnly(2024, 12, 31)].TotalArr);
        Assert.Equal(3, series[new DateOnly(2023, 6, 30)].ActiveSubscriptions);
    }

    [Fact]
    public void Summary_prints_as_the_command_does_and_top_hierarchies_rank_by_arr()
    {
        var result = ArrRollup.Compute(Example(), new DateOnly(2023, 6, 30));

        Assert.StartsWith("ARR rollup as of 2023-06-30\n", result.Summary.ToString());
        Assert.Equal(
            [new HierarchyTotal("umb-corp", "Umbrella Corporation", 8, 45_000m), new HierarchyTotal("acme", "Acme, Inc.", 1, 86.625m)],
            result.TopHierarchies(5));
        Assert.Equal(new AccountArr("paraguas", "Paraguas Line Company", "umb-corp", 0m, 0m, 45_000m, 2, AccountFlags.None), result.Row(2));
    }
}
