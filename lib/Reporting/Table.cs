using System.Collections;
using System.Reflection;
using System.Text;

namespace Workbook.Reporting;

/// <summary>A table column: its header, whether it holds numbers (right-aligned) and whether they are US dollars.</summary>
public sealed record TableColumn(string Name, bool Numeric, bool Money);

/// <summary>
/// A table ready to show: headers from property names (or SQL column names), cells formatted with
/// <see cref="ValueText"/>, at most <c>maxRows</c> rows kept and the rest counted for an "N more rows" note.
/// Renders as plain-tag HTML (GitHub strips style attributes, so alignment uses <c>align="right"</c>) and as
/// fixed-width plain text. In a notebook: <c>display(rows.ToTable())</c>, or return it as the cell's last expression.
/// </summary>
[TypeFormatterSource(typeof(ReportFormatterSource), PreferredMimeTypes = [MimeTypes.Html, MimeTypes.PlainText])]
public sealed class Table : IRendersAs
{
    /// <summary>The row cap of Polyglot Notebooks' own tables.</summary>
    public const int DefaultMaxRows = 20;

    private Table(IReadOnlyList<TableColumn> columns, IReadOnlyList<IReadOnlyList<ValueText.Cell>> rows, int totalRows)
    {
        Columns = columns;
        Rows = rows;
        TotalRows = totalRows;
    }

    public IReadOnlyList<TableColumn> Columns { get; }

    /// <summary>The rows shown (at most the cap), already formatted.</summary>
    public IReadOnlyList<IReadOnlyList<ValueText.Cell>> Rows { get; }

    /// <summary>Every row of the source, shown or not.</summary>
    public int TotalRows { get; }

    public int MoreRows => TotalRows - Rows.Count;

    /// <summary>One row per item, one column per public property of <typeparamref name="T"/> (a single "value" column for scalars).</summary>
    public static Table From<T>(IEnumerable<T> rows, int maxRows = DefaultMaxRows, params string[] moneyColumns) =>
        FromSequence(rows, typeof(T), maxRows, moneyColumns);

    /// <summary>Like <see cref="From{T}"/> for a sequence whose element type is known only at run time.</summary>
    public static Table FromSequence(IEnumerable rows, Type? elementType = null, int maxRows = DefaultMaxRows, params string[] moneyColumns)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var (shown, total) = Take(rows.Cast<object?>(), maxRows);
        var type = elementType ?? ElementTypeOf(rows.GetType());
        if (type == typeof(object) || type.IsInterface || type.IsAbstract)
        {
            type = shown.FirstOrDefault(item => item is not null)?.GetType() ?? typeof(object);
        }

        if (IsScalar(type))
        {
            return Build(["value"], shown.Select(item => (IReadOnlyList<object?>)[item]).ToList(), total, [type], moneyColumns);
        }

        var properties = ReadableProperties(type);
        var values = shown.Select(item => (IReadOnlyList<object?>)properties.Select(p => ValueOf(p, item)).ToArray()).ToList();
        return Build(properties.Select(p => p.Name).ToList(), values, total, properties.Select(p => p.PropertyType).ToList(), moneyColumns);
    }

    /// <summary>A table from column names and rows of values (e.g. a SQL result set); column types are read from the values.</summary>
    public static Table FromRows(IReadOnlyList<string> columnNames, IEnumerable<IReadOnlyList<object?>> rows, int maxRows = DefaultMaxRows, params string[] moneyColumns)
    {
        var (shown, total) = Take(rows, maxRows);
        return Build(columnNames, shown, total, null, moneyColumns);
    }

    /// <summary>One object as a two-column "property | value" table, as notebooks show a single record.</summary>
    public static Table FromProperties(object record, params string[] moneyColumns)
    {
        ArgumentNullException.ThrowIfNull(record);
        var properties = ReadableProperties(record.GetType());
        var rows = properties.Select(p =>
        {
            var value = ValueOf(p, record);
            var money = value is Core.Money || (ValueText.IsNumber(value) && IsMoney(p.Name, moneyColumns));
            return (IReadOnlyList<ValueText.Cell>)[new ValueText.Cell(p.Name, false), ValueText.Display(value, money, MoneyColumns.Decimals(p.Name))];
        }).ToList();
        return new Table([new TableColumn("property", false, false), new TableColumn("value", false, false)], rows, rows.Count);
    }

    public string ToHtml()
    {
        var html = new StringBuilder();
        html.Append("<table>\n<thead>\n<tr>");
        foreach (var column in Columns)
        {
            html.Append(column.Numeric ? "<th align=\"right\">" : "<th>").Append(Escape.Html(column.Name)).Append("</th>");
        }

        html.Append("</tr>\n</thead>\n<tbody>\n");
        foreach (var row in Rows)
        {
            html.Append("<tr>");
            foreach (var cell in row)
            {
                html.Append(cell.Numeric ? "<td align=\"right\">" : "<td>").Append(Escape.Html(cell.Text)).Append("</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
        if (Footnote() is { } note)
        {
            html.Append("<p><em>").Append(Escape.Html(note)).Append("</em></p>\n");
        }

        return html.ToString();
    }

    public string ToPlainText()
    {
        var widths = Columns.Select((c, i) => Rows.Select(r => OneLine(r[i].Text).Length).Append(c.Name.Length).Max()).ToArray();
        var text = new StringBuilder();
        WriteLine(text, Columns.Select((c, i) => Pad(c.Name, widths[i], c.Numeric)));
        WriteLine(text, widths.Select(w => new string('-', w)));
        foreach (var row in Rows)
        {
            WriteLine(text, row.Select((cell, i) => Pad(OneLine(cell.Text), widths[i], cell.Numeric)));
        }

        if (Footnote() is { } note)
        {
            text.Append('(').Append(note).Append(")\n");
        }

        return text.ToString();
    }

    string? IRendersAs.Render(string mimeType) => mimeType switch
    {
        MimeTypes.Html => ToHtml(),
        MimeTypes.PlainText => ToPlainText(),
        _ => null,
    };

    public override string ToString() => ToPlainText();

    private string? Footnote() =>
        TotalRows == 0 ? "no rows"
        : MoreRows > 0 ? $"{MoreRows} more rows, {TotalRows} in all"
        : null;

    private static Table Build(IReadOnlyList<string> names, IReadOnlyList<IReadOnlyList<object?>> rows, int total, IReadOnlyList<Type>? types, string[] moneyColumns)
    {
        var columns = names.Select((name, i) =>
        {
            var type = types is null ? null : Nullable.GetUnderlyingType(types[i]) ?? types[i];
            var numeric = type is not null && type != typeof(object)
                ? ValueText.IsNumberType(type)
                : rows.Any(r => r[i] is not null and not DBNull) && rows.All(r => r[i] is null or DBNull || ValueText.IsNumber(r[i]));
            var money = type == typeof(Core.Money) || (numeric && IsMoney(name, moneyColumns));
            return new TableColumn(name, numeric, money);
        }).ToList();

        var cells = rows.Select(r => (IReadOnlyList<ValueText.Cell>)r.Select((value, i) => ValueText.Display(value, columns[i].Money, MoneyColumns.Decimals(columns[i].Name))).ToArray()).ToList();
        return new Table(columns, cells, total);
    }

    private static bool IsMoney(string name, string[] moneyColumns) =>
        MoneyColumns.IsMoneyName(name) || moneyColumns.Contains(name, StringComparer.OrdinalIgnoreCase);

    private static (List<T> Shown, int Total) Take<T>(IEnumerable<T> rows, int maxRows)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxRows);
        var shown = new List<T>(Math.Min(maxRows, 1024));
        var total = 0;
        foreach (var row in rows)
        {
            if (total++ < maxRows)
            {
                shown.Add(row);
            }
        }

        return (shown, total);
    }

    private static Type ElementTypeOf(Type sequenceType)
    {
        if (sequenceType.IsArray)
        {
            return sequenceType.GetElementType()!;
        }

        var enumerable = sequenceType.IsGenericType && sequenceType.GetGenericTypeDefinition() == typeof(IEnumerable<>)
            ? sequenceType
            : sequenceType.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
        return enumerable?.GetGenericArguments()[0] ?? typeof(object);
    }

    /// <summary>Values shown as one cell rather than as a row of properties.</summary>
    internal static bool IsScalar(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(DateOnly) || t == typeof(DateTime)
            || t == typeof(DateTimeOffset) || t == typeof(TimeSpan) || t == typeof(Guid) || t == typeof(Core.Money) || t == typeof(object);
    }

    private static PropertyInfo[] ReadableProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0)
            .ToArray();

    private static object? ValueOf(PropertyInfo property, object? item)
    {
        if (item is null)
        {
            return null;
        }

        // Items of a mixed sequence may lack the property of the first item: leave the cell blank.
        var own = property.DeclaringType!.IsInstanceOfType(item) ? property : item.GetType().GetProperty(property.Name);
        return own?.GetValue(item);
    }

    private static string OneLine(string text) => text.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\n', ' ').Replace('\r', ' ');

    private static string Pad(string text, int width, bool right) => right ? text.PadLeft(width) : text.PadRight(width);

    private static void WriteLine(StringBuilder text, IEnumerable<string> cells) =>
        text.Append(string.Join("  ", cells).TrimEnd()).Append('\n');
}

/// <summary>Tables from sequences: <c>accounts.ToTable()</c> in a notebook.</summary>
public static class TableExtensions
{
    public static Table ToTable<T>(this IEnumerable<T> rows, int maxRows = Table.DefaultMaxRows, params string[] moneyColumns) =>
        Table.From(rows, maxRows, moneyColumns);
}
