using FsCheck;
using FsCheck.Fluent;
using Workbook.Reporting.Charts;

namespace Workbook.Tests.Reporting;

public class NiceScaleTests
{
    [Theory]
    [InlineData(0, 9.5, 0, 10, 2)]
    [InlineData(0, 1_500_000, 0, 1_500_000, 500_000)]
    [InlineData(0, 1_650_000, 0, 2_000_000, 500_000)]
    [InlineData(-1, 9, -5, 10, 5)]
    [InlineData(3, 3, 0, 3, 1)]
    [InlineData(0, 0, 0, 1, 0.2)]
    [InlineData(0, 0.37, 0, 0.4, 0.1)]
    public void Known_ranges_get_round_ticks(decimal min, decimal max, decimal axisMin, decimal axisMax, decimal step)
    {
        var scale = NiceScale.For(min, max);

        Assert.Equal((axisMin, axisMax, step), (scale.Min, scale.Max, scale.Step));
    }

    [Fact]
    public void Ticks_cover_the_data_and_zero_in_at_most_six_steps_of_one_two_or_five_times_a_power_of_ten()
    {
        var values = Gen.Choose(-1_000_000, 1_000_000).Select(v => v / 100m);
        Prop.ForAll(values.ToArbitrary(), values.ToArbitrary(), (a, b) =>
        {
            var (low, high) = (Math.Min(a, b), Math.Max(a, b));
            var scale = NiceScale.For(low, high);
            var ticks = scale.Ticks;
            var mantissa = scale.Step;
            while (mantissa >= 10m)
            {
                mantissa /= 10m;
            }

            while (mantissa < 1m)
            {
                mantissa *= 10m;
            }

            return scale.Min <= Math.Min(0m, low)
                && scale.Max >= Math.Max(0m, high)
                && ticks.Count <= 6
                && ticks[0] == scale.Min && ticks[^1] == scale.Max
                && ticks.Contains(0m)
                && mantissa is 1m or 2m or 5m
                && ticks.All(t => t % scale.Step == 0m);
        }).QuickCheckThrowOnFailure();
    }
}
