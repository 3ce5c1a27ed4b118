namespace Workbook.Reporting.Charts;

/// <summary>
/// A value axis with "nice" ticks: steps of 1, 2 or 5 times a power of ten, covering the data and zero
/// (bars start at zero, and a line chart of money reads wrongly from an arbitrary floor).
/// Exact in decimal, so tick labels never show 0.30000000000000004.
/// </summary>
public sealed record NiceScale(decimal Min, decimal Max, decimal Step)
{
    public static NiceScale For(decimal dataMin, decimal dataMax, int maxTicks = 6)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTicks, 2);
        var low = Math.Min(0m, dataMin);
        var high = Math.Max(0m, dataMax);
        if (low == high)
        {
            return new NiceScale(0m, 1m, 0.2m);
        }

        var step = NiceStep((high - low) / (maxTicks - 1));
        var min = Math.Floor(low / step) * step;
        var max = Math.Ceiling(high / step) * step;
        // Rounding the range up can need one tick more than asked for: widen the step until it fits.
        while ((max - min) / step > maxTicks - 1)
        {
            step = NiceStep(step * 1.5m);
            min = Math.Floor(low / step) * step;
            max = Math.Ceiling(high / step) * step;
        }

        return new NiceScale(min, max, step);
    }

    public IReadOnlyList<decimal> Ticks
    {
        get
        {
            var ticks = new List<decimal>();
            for (var tick = Min; tick <= Max; tick += Step)
            {
                ticks.Add(tick);
            }

            return ticks;
        }
    }

    /// <summary>Where a value falls on the axis, from 0 (Min) to 1 (Max).</summary>
    public double Fraction(decimal value) => (double)((value - Min) / (Max - Min));

    /// <summary>The smallest of 1, 2, 5 × 10^k that is at least <paramref name="rough"/>.</summary>
    internal static decimal NiceStep(decimal rough)
    {
        var power = 1m;
        while (power * 10m <= rough)
        {
            power *= 10m;
        }

        while (power > rough && power > 0.0000000001m)
        {
            power /= 10m;
        }

        foreach (var factor in new[] { 1m, 2m, 5m, 10m })
        {
            if (factor * power >= rough)
            {
                return factor * power;
            }
        }

        return 10m * power;
    }
}
