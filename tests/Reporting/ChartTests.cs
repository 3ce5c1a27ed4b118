using System.Globalization;
using System.Xml.Linq;
using Workbook.Reporting.Charts;

namespace Workbook.Tests.Reporting;

public class ChartTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private sealed record Hierarchy(string Name, decimal Arr);

    private sealed record DailyImages(string Day, string Size, long Images);

    private static readonly Hierarchy[] Top =
    [
        new("Acme Holdings", 1_500_000m),
        new("Globex <Group> & Co", 750_000m),
        new("Initech", 300_000m),
    ];

    private static XElement Parse(Chart chart) => XDocument.Parse(chart.ToSvg()).Root!;

    private static IEnumerable<XElement> WithClass(XElement svg, string name, string className) =>
        svg.Descendants(Svg + name).Where(e => (string?)e.Attribute("class") == className);

    private static double Number(XElement element, string attribute) =>
        double.Parse((string)element.Attribute(attribute)!, CultureInfo.InvariantCulture);

    [Fact]
    public void Horizontal_bars_are_valid_svg_with_one_bar_and_label_per_category_and_lengths_in_proportion()
    {
        var chart = Chart.HorizontalBar("Top hierarchies by ARR", Top, h => h.Name, h => h.Arr, "Hierarchy", "ARR (USD)", ValueFormat.Dollars);

        var svg = Parse(chart);

        Assert.Equal("svg", svg.Name.LocalName);
        var bars = WithClass(svg, "rect", "bar").ToList();
        Assert.Equal(3, bars.Count);
        Assert.Equal(["Acme Holdings", "Globex <Group> & Co", "Initech"], WithClass(svg, "text", "category").Select(t => t.Value));
        var widths = bars.Select(b => Number(b, "width")).ToList();
        Assert.Equal(0.5, widths[1] / widths[0], 2);
        Assert.Equal(0.2, widths[2] / widths[0], 2);
        // All bars start at the zero line.
        Assert.Single(bars.Select(b => Number(b, "x")).Distinct());
        Assert.Equal(["$1.5M", "$750K", "$300K"], WithClass(svg, "text", "value").Select(t => t.Value));
        Assert.Contains("$1.5M", WithClass(svg, "text", "tick").Select(t => t.Value));
        Assert.Equal(["ARR (USD)", "Hierarchy"], WithClass(svg, "text", "axis-title").Select(t => t.Value));
        Assert.Equal("Top hierarchies by ARR", WithClass(svg, "text", "chart-title").Single().Value);
        Assert.Equal("Globex <Group> & Co: $750,000.00", bars[1].Element(Svg + "title")!.Value);
    }

    [Fact]
    public void Vertical_bars_rise_from_the_baseline_with_heights_in_proportion_and_negative_values_go_below_it()
    {
        var chart = Chart.Bar("March invoice", new[] { ("Images", 400m), ("Storage", 100m), ("Credit", -200m) }, r => r.Item1, r => r.Item2);

        var bars = WithClass(Parse(chart), "rect", "bar").ToList();

        Assert.Equal(3, bars.Count);
        var heights = bars.Select(b => Number(b, "height")).ToList();
        Assert.Equal(0.25, heights[1] / heights[0], 2);
        Assert.Equal(0.5, heights[2] / heights[0], 2);
        var baseline = Number(bars[0], "y") + heights[0];
        Assert.Equal(baseline, Number(bars[1], "y") + heights[1], 2);
        Assert.Equal(baseline, Number(bars[2], "y"), 2);
    }

    [Fact]
    public void A_waterfall_floats_each_change_from_the_running_total_between_two_totals()
    {
        var steps = new[] { ("Opening", 1_000m), ("New", 400m), ("Churn", -200m), ("Closing", 1_200m) };
        var chart = Chart.Waterfall("ARR bridge", steps, r => r.Item1, r => r.Item2, valueTitle: "ARR (USD)", format: ValueFormat.Dollars);

        var svg = Parse(chart);
        var bars = WithClass(svg, "rect", "bar").ToList();

        Assert.Equal(4, bars.Count);
        double Top(int i) => Number(bars[i], "y");
        double Bottom(int i) => Number(bars[i], "y") + Number(bars[i], "height");
        var perDollar = (Bottom(0) - Top(0)) / 1_000;
        Assert.Equal(Bottom(0), Bottom(3), 1); // the totals stand on the baseline
        Assert.Equal(Top(0), Bottom(1), 1); // New rises from the opening total
        Assert.Equal(400 * perDollar, Bottom(1) - Top(1), 1);
        Assert.Equal(Top(1), Top(2), 1); // Churn hangs from the running total, 1,400, down to 1,200
        Assert.Equal(Top(3), Bottom(2), 1);
        Assert.Equal(["#0072B2", "#009E73", "#D55E00", "#0072B2"], bars.Select(b => (string)b.Attribute("fill")!));
        Assert.Equal(["$1K", "+$400", "-$200", "$1.2K"], WithClass(svg, "text", "bar-label").Select(t => t.Value));
        Assert.Equal(3, WithClass(svg, "line", "connector").Count());
        Assert.Equal("Churn: -$200.00", bars[2].Element(Svg + "title")!.Value);
    }

    [Fact]
    public void Several_series_pivot_from_long_rows_with_a_legend_and_one_line_per_series()
    {
        var rows = new List<DailyImages>();
        foreach (var day in new[] { "2024-03-01", "2024-03-02", "2024-03-03" })
        {
            rows.Add(new(day, "small", 10));
            rows.Add(new(day, "medium", 5));
            if (day != "2024-03-02")
            {
                rows.Add(new(day, "large", 2));
            }
        }

        var chart = Chart.Lines("Images per day by size", rows, r => r.Day, r => r.Size, r => r.Images, "Day", "Images");
        var svg = Parse(chart);

        Assert.Equal(["small", "medium", "large"], chart.Series.Select(s => s.Name));
        Assert.Equal([2m, 0m, 2m], chart.Series[2].Values);
        var lines = WithClass(svg, "polyline", "series").ToList();
        Assert.Equal(3, lines.Count);
        Assert.All(lines, l => Assert.Equal(3, ((string)l.Attribute("points")!).Split(' ').Length));
        Assert.Equal(9, WithClass(svg, "circle", "point").Count());
        Assert.Equal(["small", "medium", "large"], WithClass(svg, "g", "legend-item").Select(g => g.Value));
        Assert.Equal(3, lines.Select(l => (string)l.Attribute("stroke")!).Distinct().Count());
    }

    [Fact]
    public void A_single_series_has_no_legend()
    {
        var svg = Parse(Chart.Line("ARR at month ends", Top, h => h.Name, h => h.Arr));

        Assert.Empty(WithClass(svg, "g", "legend-item"));
        Assert.Single(WithClass(svg, "polyline", "series"));
    }

    [Fact]
    public void Many_categories_get_thinned_labels_but_every_point()
    {
        var days = Enumerable.Range(1, 31).Select(d => (Day: $"2024-03-{d:00}", Count: (decimal)d)).ToList();

        var svg = Parse(Chart.Line("Images per day", days, d => d.Day, d => d.Count));

        var labels = WithClass(svg, "text", "category").Select(t => t.Value).ToList();
        Assert.InRange(labels.Count, 4, 15);
        Assert.Equal("2024-03-01", labels[0]);
        Assert.Equal(31, ((string)WithClass(svg, "polyline", "series").Single().Attribute("points")!).Split(' ').Length);
    }

    [Fact]
    public void Grouped_bars_draw_one_bar_per_category_and_series()
    {
        var rows = new[] { ("Jan", "new", 3m), ("Jan", "churn", 1m), ("Feb", "new", 4m), ("Feb", "churn", 2m) };

        var svg = Parse(Chart.GroupedBars("Movements", rows, r => r.Item1, r => r.Item2, r => r.Item3));

        Assert.Equal(4, WithClass(svg, "rect", "bar").Count());
    }

    [Fact]
    public void The_same_chart_gives_the_same_bytes_and_plain_text_lists_the_data()
    {
        var first = Chart.HorizontalBar("Top", Top, h => h.Name, h => h.Arr, format: ValueFormat.Dollars);
        var second = Chart.HorizontalBar("Top", Top, h => h.Name, h => h.Arr, format: ValueFormat.Dollars);

        Assert.Equal(first.ToSvg(), second.ToSvg());
        Assert.Equal(
            "Top\n"
            + "Category                     Value\n"
            + "-------------------  -------------\n"
            + "Acme Holdings        $1,500,000.00\n"
            + "Globex <Group> & Co    $750,000.00\n"
            + "Initech                $300,000.00\n",
            first.ToPlainText());
    }

    [Fact]
    public void A_series_must_have_a_value_per_category()
    {
        var error = Assert.Throws<ArgumentException>(() => new Chart(ChartKind.Bar, "x", ["a", "b"], [new ChartSeries("s", [1m])]));
        Assert.Contains("1 values for 2 categories", error.Message);
    }

    [Theory]
    [InlineData(1_500_000, ValueFormat.Dollars, "$1.5M")]
    [InlineData(250_000, ValueFormat.Dollars, "$250K")]
    [InlineData(0, ValueFormat.Dollars, "$0")]
    [InlineData(-2_000, ValueFormat.Dollars, "-$2K")]
    [InlineData(12.5, ValueFormat.Number, "12.5")]
    [InlineData(55.3, ValueFormat.Dollars, "$55.30")]
    [InlineData(500, ValueFormat.Dollars, "$500")]
    [InlineData(1_850, ValueFormat.Dollars, "$1.85K")]
    [InlineData(3_000_000_000, ValueFormat.Number, "3B")]
    public void Axis_labels_are_compact(decimal value, ValueFormat format, string expected) =>
        Assert.Equal(expected, ChartSvg.Compact(value, format));

    [Fact]
    public void A_caption_is_drawn_under_the_title_wrapped_to_the_width_and_moves_the_plot_down()
    {
        var chart = Chart.HorizontalBar("Top hierarchies by ARR", Top, h => h.Name, h => h.Arr);
        var caption = "Generated accounts and subscriptions, not customer data: one-year terms that do not renew, "
            + "so ARR runs off as terms end and nothing replaces it.";

        var captioned = Parse(chart.WithCaption(caption));

        var lines = WithClass(captioned, "text", "chart-caption").Select(t => t.Value).ToList();
        Assert.Equal(2, lines.Count);
        Assert.Equal(caption, string.Join(' ', lines));
        Assert.True(Number(WithClass(captioned, "rect", "bar").First(), "y") > Number(WithClass(Parse(chart), "rect", "bar").First(), "y"));
        Assert.StartsWith($"Top hierarchies by ARR\n{caption}\n", chart.WithCaption(caption).ToPlainText());
        Assert.Empty(WithClass(Parse(chart), "text", "chart-caption"));
    }
}
