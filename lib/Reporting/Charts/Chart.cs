using System.Text;

namespace Workbook.Reporting.Charts;

public enum ChartKind
{
    /// <summary>Vertical bars, one group per category (one bar per series).</summary>
    Bar,

    /// <summary>Horizontal bars: long category names (hierarchies, products) stay readable.</summary>
    HorizontalBar,

    /// <summary>Lines over evenly spaced categories (days, month ends), one line per series.</summary>
    Line,

    /// <summary>
    /// A bridge: the first and last categories are totals (bars from zero), those between are changes, each a bar
    /// floating from the running total (increases green, decreases vermillion). One series.
    /// </summary>
    Waterfall,
}

/// <summary>How values are written on the value axis and on bar labels.</summary>
public enum ValueFormat
{
    Number,

    /// <summary>US dollars: "$1.5M", "$250K", "$12.50".</summary>
    Dollars,
}

/// <summary>One named series: a value per category, in category order.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<decimal> Values);

/// <summary>
/// A chart as data, rendered to a static SVG (GitHub shows no JavaScript, and no charting package is available).
/// Build one with the factories — <c>Chart.HorizontalBar("Top hierarchies by ARR", rows, r =&gt; r.Name, r =&gt; r.Arr,
/// valueTitle: "ARR", format: ValueFormat.Dollars)</c> — and display it: both Polyglot Notebooks and the workbook runner
/// show it as <c>image/svg+xml</c>, with the same picture as <c>text/html</c> and a <c>text/plain</c> data listing beside it.
/// </summary>
/// <remarks>
/// Why text/html too: renderers that sanitize HTML (GitHub, nbviewer, nbconvert) inline an <c>image/svg+xml</c> output
/// and strip its elements or attributes, leaving a blank or black box (jupyter/nbconvert#1849, #1894), while they prefer
/// <c>text/html</c> and keep an <c>&lt;img&gt;</c> whose source is a data URI, which no sanitizer has to look inside.
/// </remarks>
[TypeFormatterSource(typeof(ReportFormatterSource), PreferredMimeTypes = [MimeTypes.Svg, MimeTypes.Html, MimeTypes.PlainText])]
public sealed class Chart : IRendersAs
{
    public Chart(ChartKind kind, string title, IReadOnlyList<string> categories, IReadOnlyList<ChartSeries> series)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(categories);
        ArgumentNullException.ThrowIfNull(series);
        if (series.Count == 0)
        {
            throw new ArgumentException("a chart needs at least one series", nameof(series));
        }

        foreach (var s in series)
        {
            if (s.Values.Count != categories.Count)
            {
                throw new ArgumentException($"series '{s.Name}' has {s.Values.Count} values for {categories.Count} categories", nameof(series));
            }
        }

        Kind = kind;
        Title = title;
        Categories = categories;
        Series = series;
    }

    public ChartKind Kind { get; }

    public string Title { get; }

    public IReadOnlyList<string> Categories { get; }

    public IReadOnlyList<ChartSeries> Series { get; }

    /// <summary>
    /// A line under the title saying where the data comes from and what it assumes ("Generated accounts: ..."),
    /// wrapped to the chart's width.
    /// </summary>
    public string? Caption { get; init; }

    /// <summary>Title of the category axis (x for bars and lines, y for horizontal bars).</summary>
    public string? CategoryTitle { get; init; }

    /// <summary>Title of the value axis.</summary>
    public string? ValueTitle { get; init; }

    public ValueFormat ValueFormat { get; init; }

    /// <summary>Width of the drawing in pixels; the height follows from the kind and the number of bars.</summary>
    public int Width { get; init; } = 760;

    public static Chart Bar<T>(string title, IEnumerable<T> rows, Func<T, string> category, Func<T, decimal> value,
        string? categoryTitle = null, string? valueTitle = null, ValueFormat format = ValueFormat.Number) =>
        Single(ChartKind.Bar, title, rows, category, value, categoryTitle, valueTitle, format);

    public static Chart HorizontalBar<T>(string title, IEnumerable<T> rows, Func<T, string> category, Func<T, decimal> value,
        string? categoryTitle = null, string? valueTitle = null, ValueFormat format = ValueFormat.Number) =>
        Single(ChartKind.HorizontalBar, title, rows, category, value, categoryTitle, valueTitle, format);

    public static Chart Line<T>(string title, IEnumerable<T> rows, Func<T, string> category, Func<T, decimal> value,
        string? categoryTitle = null, string? valueTitle = null, ValueFormat format = ValueFormat.Number) =>
        Single(ChartKind.Line, title, rows, category, value, categoryTitle, valueTitle, format);

    /// <summary>A bridge from a total to a total: <paramref name="rows"/> are the opening total, the changes (signed), the closing total.</summary>
    public static Chart Waterfall<T>(string title, IEnumerable<T> rows, Func<T, string> category, Func<T, decimal> value,
        string? categoryTitle = null, string? valueTitle = null, ValueFormat format = ValueFormat.Number) =>
        Single(ChartKind.Waterfall, title, rows, category, value, categoryTitle, valueTitle, format);

    /// <summary>
    /// Several lines from "long" rows (one row per category and series, as SQL returns them): categories and series
    /// in the order they first appear; a category missing for a series counts as 0.
    /// </summary>
    public static Chart Lines<T>(string title, IEnumerable<T> rows, Func<T, string> category, Func<T, string> series, Func<T, decimal> value,
        string? categoryTitle = null, string? valueTitle = null, ValueFormat format = ValueFormat.Number) =>
        Pivot(ChartKind.Line, title, rows, category, series, value, categoryTitle, valueTitle, format);

    /// <summary>Grouped bars from "long" rows, like <see cref="Lines{T}"/>.</summary>
    public static Chart GroupedBars<T>(string title, IEnumerable<T> rows, Func<T, string> category, Func<T, string> series, Func<T, decimal> value,
        string? categoryTitle = null, string? valueTitle = null, ValueFormat format = ValueFormat.Number) =>
        Pivot(ChartKind.Bar, title, rows, category, series, value, categoryTitle, valueTitle, format);

    /// <summary>The same chart with a <see cref="Caption"/>: <c>Chart.Line(...).WithCaption("Generated data: ...")</c>.</summary>
    public Chart WithCaption(string caption) => new(Kind, Title, Categories, Series)
    {
        CategoryTitle = CategoryTitle,
        ValueTitle = ValueTitle,
        ValueFormat = ValueFormat,
        Width = Width,
        Caption = caption,
    };

    public string ToSvg() => ChartSvg.Render(this);

    /// <summary>The SVG as an HTML image (a base64 data URI), titled for screen readers.</summary>
    public string ToHtmlImage() =>
        $"<img alt=\"{Escape.Html(Caption is null ? Title : $"{Title}. {Caption}")}\" src=\"data:{MimeTypes.Svg};base64,{Convert.ToBase64String(Encoding.UTF8.GetBytes(ToSvg()))}\">";

    /// <summary>The chart's data as text: what a reader without images (or a diff) sees.</summary>
    public string ToPlainText()
    {
        var columns = new List<string> { CategoryTitle ?? "category" };
        columns.AddRange(Series.Select(s => s.Name));
        var rows = Categories.Select((c, i) => (IReadOnlyList<object?>)[c, .. Series.Select(s => (object?)s.Values[i])]);
        var moneyColumns = ValueFormat == ValueFormat.Dollars ? Series.Select(s => s.Name).ToArray() : [];
        var text = new StringBuilder();
        text.Append(Title).Append('\n');
        if (Caption is { } caption)
        {
            text.Append(caption).Append('\n');
        }

        text.Append(Table.FromRows(columns, rows, int.MaxValue, moneyColumns).ToPlainText());
        return text.ToString();
    }

    string? IRendersAs.Render(string mimeType) => mimeType switch
    {
        MimeTypes.Svg => ToSvg(),
        MimeTypes.Html => ToHtmlImage(),
        MimeTypes.PlainText => ToPlainText(),
        _ => null,
    };

    public override string ToString() => ToPlainText();

    private static Chart Single<T>(ChartKind kind, string title, IEnumerable<T> rows, Func<T, string> category, Func<T, decimal> value,
        string? categoryTitle, string? valueTitle, ValueFormat format)
    {
        var list = rows.ToList();
        var name = valueTitle ?? "value";
        return new Chart(kind, title, list.Select(category).ToList(), [new ChartSeries(name, list.Select(value).ToList())])
        {
            CategoryTitle = categoryTitle,
            ValueTitle = valueTitle,
            ValueFormat = format,
        };
    }

    private static Chart Pivot<T>(ChartKind kind, string title, IEnumerable<T> rows, Func<T, string> category, Func<T, string> series, Func<T, decimal> value,
        string? categoryTitle, string? valueTitle, ValueFormat format)
    {
        var categories = new List<string>();
        var seriesNames = new List<string>();
        var cells = new Dictionary<(string Category, string Series), decimal>();
        foreach (var row in rows)
        {
            var c = category(row);
            var s = series(row);
            if (!categories.Contains(c))
            {
                categories.Add(c);
            }

            if (!seriesNames.Contains(s))
            {
                seriesNames.Add(s);
            }

            cells[(c, s)] = cells.GetValueOrDefault((c, s)) + value(row);
        }

        var allSeries = seriesNames.Select(s => new ChartSeries(s, categories.Select(c => cells.GetValueOrDefault((c, s))).ToList())).ToList();
        return new Chart(kind, title, categories, allSeries) { CategoryTitle = categoryTitle, ValueTitle = valueTitle, ValueFormat = format };
    }
}
