using System.Globalization;
using System.Text;

namespace Workbook.Reporting.Charts;

/// <summary>
/// Draws a <see cref="Chart"/> as a self-contained SVG: white background (readable in dark editor themes too),
/// title, legend for several series, grid lines on nice ticks, axis titles, and a tooltip title per bar.
/// Text widths are estimated (no font metrics here), so long category labels are shortened with an ellipsis.
/// Coordinates are written with at most two decimals, invariant culture: the same chart gives the same bytes.
/// </summary>
internal static class ChartSvg
{
    // Okabe–Ito colours: distinguishable with the common colour-vision deficiencies, and on white.
    private static readonly string[] Palette = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000"];

    private const double CharWidth = 7; // 12px sans-serif, average glyph
    private const double Pad = 12;
    private const int MaxLabelChars = 32;

    public static string Render(Chart chart)
    {
        var svg = new StringBuilder();
        var values = chart.Kind == ChartKind.Waterfall
            ? WaterfallBars(chart).SelectMany(bar => new[] { bar.From, bar.To }).DefaultIfEmpty(0m).ToList()
            : chart.Series.SelectMany(s => s.Values).DefaultIfEmpty(0m).ToList();
        var scale = NiceScale.For(values.Min(), values.Max());
        var top = Pad + 20 + CaptionHeight(chart) + (chart.Series.Count > 1 ? 22 : 0) + 10;
        var height = chart.Kind == ChartKind.HorizontalBar
            ? HorizontalBars(svg, chart, scale, top)
            : Vertical(svg, chart, scale, top);
        return Frame(chart, height, svg.ToString());
    }

    public static string Color(int seriesIndex) => Palette[seriesIndex % Palette.Length];

    private static string Frame(Chart chart, double height, string body)
    {
        var w = N(chart.Width);
        var h = N(height);
        var svg = new StringBuilder();
        svg.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" ")
            .Append($"font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\" role=\"img\" aria-label=\"{Escape.Xml(chart.Title)}\">\n");
        svg.Append($"<title>{Escape.Xml(chart.Title)}</title>\n");
        svg.Append($"<rect width=\"{w}\" height=\"{h}\" fill=\"#ffffff\"/>\n");
        svg.Append($"<text class=\"chart-title\" x=\"{N(Pad)}\" y=\"{N(Pad + 14)}\" font-size=\"15\" font-weight=\"bold\" fill=\"#222222\">{Escape.Xml(chart.Title)}</text>\n");
        var captionLines = CaptionLines(chart);
        for (var i = 0; i < captionLines.Count; i++)
        {
            svg.Append($"<text class=\"chart-caption\" x=\"{N(Pad)}\" y=\"{N(Pad + 34 + i * CaptionLineHeight)}\" fill=\"#555555\">{Escape.Xml(captionLines[i])}</text>\n");
        }

        if (chart.Series.Count > 1)
        {
            Legend(svg, chart);
        }

        svg.Append(body);
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private const double CaptionLineHeight = 16;

    private static double CaptionHeight(Chart chart) => CaptionLines(chart).Count * CaptionLineHeight;

    /// <summary>The caption wrapped at word boundaries to the chart's width (estimated, as every text width here).</summary>
    private static List<string> CaptionLines(Chart chart)
    {
        var lines = new List<string>();
        if (string.IsNullOrWhiteSpace(chart.Caption))
        {
            return lines;
        }

        var maxChars = (int)((chart.Width - 2 * Pad) / CharWidth);
        var line = new StringBuilder();
        foreach (var word in chart.Caption.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > maxChars)
            {
                lines.Add(line.ToString());
                line.Clear();
            }

            line.Append(line.Length > 0 ? " " : "").Append(word);
        }

        lines.Add(line.ToString());
        return lines;
    }

    private static void Legend(StringBuilder svg, Chart chart)
    {
        var x = Pad;
        var y = Pad + 32 + CaptionHeight(chart);
        for (var i = 0; i < chart.Series.Count; i++)
        {
            var name = Shorten(chart.Series[i].Name, 24);
            svg.Append($"<g class=\"legend-item\"><rect x=\"{N(x)}\" y=\"{N(y - 9)}\" width=\"10\" height=\"10\" fill=\"{Color(i)}\"/>")
                .Append($"<text x=\"{N(x + 14)}\" y=\"{N(y)}\" fill=\"#222222\">{Escape.Xml(name)}</text></g>\n");
            x += 14 + name.Length * CharWidth + 18;
        }
    }

    /// <summary>Bars and lines: categories along x, values up y. Returns the drawing's height.</summary>
    private static double Vertical(StringBuilder svg, Chart chart, NiceScale scale, double top)
    {
        const double height = 420;
        var tickLabels = scale.Ticks.Select(t => (Tick: t, Text: Compact(t, chart.ValueFormat))).ToList();
        var left = Pad + (chart.ValueTitle is null ? 0 : 20) + tickLabels.Max(t => t.Text.Length) * CharWidth + 8;
        var bottom = Pad + 18 + (chart.CategoryTitle is null ? 0 : 22) + 8;
        var (x0, x1, y0, y1) = (left, chart.Width - 20.0, top, height - bottom);
        double Y(decimal v) => y1 - scale.Fraction(v) * (y1 - y0);

        foreach (var (tick, text) in tickLabels)
        {
            svg.Append($"<line class=\"grid\" x1=\"{N(x0)}\" x2=\"{N(x1)}\" y1=\"{N(Y(tick))}\" y2=\"{N(Y(tick))}\" stroke=\"#e3e3e3\"/>")
                .Append($"<text class=\"tick\" x=\"{N(x0 - 6)}\" y=\"{N(Y(tick))}\" dy=\"0.32em\" text-anchor=\"end\" fill=\"#444444\">{Escape.Xml(text)}</text>\n");
        }

        var n = chart.Categories.Count;
        var band = n == 0 ? x1 - x0 : (x1 - x0) / n;
        double Center(int i) => x0 + band * (i + 0.5);

        if (chart.Kind == ChartKind.Waterfall)
        {
            var bars = WaterfallBars(chart);
            for (var i = 0; i < n; i++)
            {
                var (from, to) = bars[i];
                var (yTop, yEnd) = (Math.Min(Y(from), Y(to)), Math.Max(Y(from), Y(to)));
                var total = i == 0 || i == n - 1;
                var color = total ? Palette[0] : to >= from ? Palette[2] : Palette[3];
                svg.Append($"<rect class=\"bar\" x=\"{N(x0 + band * i + band * 0.15)}\" y=\"{N(yTop)}\" width=\"{N(band * 0.7)}\" height=\"{N(Math.Max(yEnd - yTop, 1))}\" fill=\"{color}\">")
                    .Append($"<title>{Escape.Xml(Tooltip(chart, chart.Series[0], i))}</title></rect>\n");
                var label = Compact(total ? to : to - from, chart.ValueFormat);
                svg.Append($"<text class=\"bar-label\" x=\"{N(Center(i))}\" y=\"{N(yTop - 5)}\" text-anchor=\"middle\" fill=\"#222222\">{Escape.Xml(total || to < from ? label : "+" + label)}</text>\n");
                if (i + 1 < n)
                {
                    svg.Append($"<line class=\"connector\" x1=\"{N(x0 + band * i + band * 0.85)}\" x2=\"{N(x0 + band * (i + 1) + band * 0.15)}\" y1=\"{N(Y(to))}\" y2=\"{N(Y(to))}\" stroke=\"#999999\" stroke-dasharray=\"3 2\"/>\n");
                }
            }
        }
        else if (chart.Kind == ChartKind.Bar)
        {
            var barWidth = band * 0.8 / chart.Series.Count;
            for (var s = 0; s < chart.Series.Count; s++)
            {
                var series = chart.Series[s];
                for (var i = 0; i < n; i++)
                {
                    var v = series.Values[i];
                    var (yTop, yEnd) = (Math.Min(Y(v), Y(0)), Math.Max(Y(v), Y(0)));
                    svg.Append($"<rect class=\"bar\" x=\"{N(x0 + band * i + band * 0.1 + s * barWidth)}\" y=\"{N(yTop)}\" width=\"{N(barWidth)}\" height=\"{N(yEnd - yTop)}\" fill=\"{Color(s)}\">")
                        .Append($"<title>{Escape.Xml(Tooltip(chart, series, i))}</title></rect>\n");
                }
            }
        }
        else
        {
            for (var s = 0; s < chart.Series.Count; s++)
            {
                var series = chart.Series[s];
                var points = string.Join(" ", Enumerable.Range(0, n).Select(i => $"{N(Center(i))},{N(Y(series.Values[i]))}"));
                svg.Append($"<polyline class=\"series\" fill=\"none\" stroke=\"{Color(s)}\" stroke-width=\"2\" points=\"{points}\"><title>{Escape.Xml(series.Name)}</title></polyline>\n");
                for (var i = 0; i < n && n <= 60; i++)
                {
                    svg.Append($"<circle class=\"point\" cx=\"{N(Center(i))}\" cy=\"{N(Y(series.Values[i]))}\" r=\"3\" fill=\"{Color(s)}\"><title>{Escape.Xml(Tooltip(chart, series, i))}</title></circle>\n");
                }
            }
        }

        // Axes on top of the bars: the baseline at zero and the value axis.
        svg.Append($"<line class=\"axis\" x1=\"{N(x0)}\" x2=\"{N(x1)}\" y1=\"{N(Y(0))}\" y2=\"{N(Y(0))}\" stroke=\"#333333\"/>\n");
        svg.Append($"<line class=\"axis\" x1=\"{N(x0)}\" x2=\"{N(x0)}\" y1=\"{N(y0)}\" y2=\"{N(y1)}\" stroke=\"#333333\"/>\n");

        // Bars label every category, shortened to its band; lines (days, month ends) show every k-th label in full.
        var longest = Math.Min(chart.Categories.Select(c => c.Length).DefaultIfEmpty(1).Max(), MaxLabelChars);
        var wanted = chart.Kind == ChartKind.Bar ? Math.Min(longest, 6) : longest;
        var fit = (int)Math.Max(1, Math.Floor((x1 - x0) / (wanted * CharWidth + 10)));
        var every = (int)Math.Ceiling(n / (double)fit);
        var labelChars = Math.Max(4, (int)((band * every - 10) / CharWidth));
        for (var i = 0; i < n; i += every)
        {
            svg.Append($"<text class=\"category\" x=\"{N(Center(i))}\" y=\"{N(y1 + 18)}\" text-anchor=\"middle\" fill=\"#444444\">{Escape.Xml(Shorten(chart.Categories[i], labelChars))}</text>\n");
        }

        if (chart.ValueTitle is { } valueTitle)
        {
            var mid = (y0 + y1) / 2;
            svg.Append($"<text class=\"axis-title\" x=\"{N(Pad + 4)}\" y=\"{N(mid)}\" transform=\"rotate(-90 {N(Pad + 4)} {N(mid)})\" text-anchor=\"middle\" fill=\"#222222\">{Escape.Xml(valueTitle)}</text>\n");
        }

        if (chart.CategoryTitle is { } categoryTitle)
        {
            svg.Append($"<text class=\"axis-title\" x=\"{N((x0 + x1) / 2)}\" y=\"{N(y1 + 40)}\" text-anchor=\"middle\" fill=\"#222222\">{Escape.Xml(categoryTitle)}</text>\n");
        }

        return height;
    }

    /// <summary>Horizontal bars: one row per category, values along x. Returns the drawing's height.</summary>
    private static double HorizontalBars(StringBuilder svg, Chart chart, NiceScale scale, double top)
    {
        const double rowHeight = 26;
        var n = chart.Categories.Count;
        var single = chart.Series.Count == 1;
        var labelChars = Math.Min(chart.Categories.Select(c => c.Length).DefaultIfEmpty(1).Max(), MaxLabelChars);
        var left = Pad + (chart.CategoryTitle is null ? 0 : 20) + labelChars * CharWidth + 10;
        var right = 20 + (single ? 60 : 0);
        var bottom = Pad + 18 + (chart.ValueTitle is null ? 0 : 22) + 8;
        var (x0, x1, y0) = (left, chart.Width - right, top);
        var y1 = y0 + Math.Max(n, 1) * rowHeight;
        var height = y1 + bottom;
        double X(decimal v) => x0 + scale.Fraction(v) * (x1 - x0);

        foreach (var tick in scale.Ticks)
        {
            svg.Append($"<line class=\"grid\" x1=\"{N(X(tick))}\" x2=\"{N(X(tick))}\" y1=\"{N(y0)}\" y2=\"{N(y1)}\" stroke=\"#e3e3e3\"/>")
                .Append($"<text class=\"tick\" x=\"{N(X(tick))}\" y=\"{N(y1 + 16)}\" text-anchor=\"middle\" fill=\"#444444\">{Escape.Xml(Compact(tick, chart.ValueFormat))}</text>\n");
        }

        var barHeight = rowHeight * 0.7 / chart.Series.Count;
        for (var i = 0; i < n; i++)
        {
            var rowTop = y0 + rowHeight * i;
            svg.Append($"<text class=\"category\" x=\"{N(x0 - 8)}\" y=\"{N(rowTop + rowHeight / 2)}\" dy=\"0.32em\" text-anchor=\"end\" fill=\"#222222\">{Escape.Xml(Shorten(chart.Categories[i], MaxLabelChars))}</text>\n");
            for (var s = 0; s < chart.Series.Count; s++)
            {
                var series = chart.Series[s];
                var v = series.Values[i];
                var (xStart, xEnd) = (Math.Min(X(v), X(0)), Math.Max(X(v), X(0)));
                var y = rowTop + rowHeight * 0.15 + s * barHeight;
                svg.Append($"<rect class=\"bar\" x=\"{N(xStart)}\" y=\"{N(y)}\" width=\"{N(xEnd - xStart)}\" height=\"{N(barHeight)}\" fill=\"{Color(s)}\">")
                    .Append($"<title>{Escape.Xml(Tooltip(chart, series, i))}</title></rect>\n");
                if (single)
                {
                    // Right of the bar's end; for a negative bar, right of the zero line (its left end may touch the category labels).
                    svg.Append($"<text class=\"value\" x=\"{N(xEnd + 4)}\" y=\"{N(y + barHeight / 2)}\" dy=\"0.32em\" fill=\"#444444\">{Escape.Xml(Compact(v, chart.ValueFormat))}</text>\n");
                }
            }
        }

        svg.Append($"<line class=\"axis\" x1=\"{N(X(0))}\" x2=\"{N(X(0))}\" y1=\"{N(y0)}\" y2=\"{N(y1)}\" stroke=\"#333333\"/>\n");
        svg.Append($"<line class=\"axis\" x1=\"{N(x0)}\" x2=\"{N(x1)}\" y1=\"{N(y1)}\" y2=\"{N(y1)}\" stroke=\"#333333\"/>\n");

        if (chart.ValueTitle is { } valueTitle)
        {
            svg.Append($"<text class=\"axis-title\" x=\"{N((x0 + x1) / 2)}\" y=\"{N(y1 + 38)}\" text-anchor=\"middle\" fill=\"#222222\">{Escape.Xml(valueTitle)}</text>\n");
        }

        if (chart.CategoryTitle is { } categoryTitle)
        {
            var mid = (y0 + y1) / 2;
            svg.Append($"<text class=\"axis-title\" x=\"{N(Pad + 4)}\" y=\"{N(mid)}\" transform=\"rotate(-90 {N(Pad + 4)} {N(mid)})\" text-anchor=\"middle\" fill=\"#222222\">{Escape.Xml(categoryTitle)}</text>\n");
        }

        return height;
    }

    /// <summary>Each waterfall bar's bottom-to-top span: totals from zero, changes from the running total.</summary>
    private static (decimal From, decimal To)[] WaterfallBars(Chart chart)
    {
        var values = chart.Series[0].Values;
        var bars = new (decimal From, decimal To)[values.Count];
        var running = 0m;
        for (var i = 0; i < values.Count; i++)
        {
            var total = i == 0 || i == values.Count - 1;
            bars[i] = total ? (0m, values[i]) : (running, running + values[i]);
            running = bars[i].To;
        }

        return bars;
    }

    private static string Tooltip(Chart chart, ChartSeries series, int i)
    {
        var value = chart.ValueFormat == ValueFormat.Dollars
            ? Core.Numbers.DollarsDisplay(series.Values[i])
            : Core.Numbers.Plain(series.Values[i]);
        return chart.Series.Count > 1 ? $"{chart.Categories[i]}, {series.Name}: {value}" : $"{chart.Categories[i]}: {value}";
    }

    /// <summary>Axis and bar labels: 1.5M, 250K, 12.5 (with a $ for dollars); exact for nice ticks.</summary>
    internal static string Compact(decimal value, ValueFormat format)
    {
        var magnitude = Math.Abs(value);
        var (divisor, suffix) = magnitude >= 1_000_000_000m ? (1_000_000_000m, "B")
            : magnitude >= 1_000_000m ? (1_000_000m, "M")
            : magnitude >= 1_000m ? (1_000m, "K")
            : (1m, "");
        var rounded = Math.Round(magnitude / divisor, 2, MidpointRounding.AwayFromZero);
        // Whole numbers stay short ("$500"); a dollar amount with cents shows both digits ("$55.30", not "$55.3").
        var pattern = rounded == decimal.Truncate(rounded) ? "0" : format == ValueFormat.Dollars && suffix.Length == 0 ? "0.00" : "0.##";
        var number = rounded.ToString(pattern, CultureInfo.InvariantCulture);
        var sign = value < 0 ? "-" : "";
        return format == ValueFormat.Dollars ? $"{sign}${number}{suffix}" : $"{sign}{number}{suffix}";
    }

    private static string Shorten(string text, int maxChars) =>
        text.Length <= maxChars ? text : string.Concat(text.AsSpan(0, Math.Max(1, maxChars - 1)), "…");

    /// <summary>A coordinate: at most two decimals, invariant, never "-0".</summary>
    private static string N(double value)
    {
        var text = Math.Round(value, 2, MidpointRounding.AwayFromZero).ToString("0.##", CultureInfo.InvariantCulture);
        return text == "-0" ? "0" : text;
    }
}
