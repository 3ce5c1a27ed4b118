using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;

namespace Workbook.Reporting;

/// <summary>
/// A table column: its name (a property or SQL column name, kept for machines), whether it holds numbers
/// (right-aligned) and whether they are US dollars. <see cref="Header"/> is what a reader sees.
/// </summary>
public sealed record TableColumn(string Name, bool Numeric, bool Money)
{
    public string Header => ColumnHeaders.Readable(Name);
}

/// <summary>
/// A table ready to show: readable headers from property names (or SQL column names, see <see cref="ColumnHeaders"/>),
/// cells formatted with <see cref="ValueText"/> (money with <c>$</c>, thousands separators and cents, empty for null),
/// every row unless a cap is given, in which case a note says how many rows there are and <see cref="WithNote"/>
/// where the rest is. Optional: a caption above (where the data comes from) and a total row; rows labelled as totals
/// are bold.
/// Renders as plain-tag HTML, text left and numbers right: Jupyter's stylesheets (nbconvert, JupyterLab) right-align
/// every cell, which only a style attribute overrides, and GitHub strips style attributes but keeps <c>align</c>, so
/// text cells carry both. All inside an element
/// MathJax skips, as fixed-width plain text, and as CSV with the exact, undecorated values.
/// In a notebook: <c>display(rows.ToTable())</c>, or return it as the cell's last expression.
/// </summary>
[TypeFormatterSource(typeof(ReportFormatterSource), PreferredMimeTypes = [MimeTypes.Html, MimeTypes.PlainText])]
public sealed class Table : IRendersAs
{
    /// <summary>No cap: every row is shown.</summary>
    public const int AllRows = int.MaxValue;

    private Table(IReadOnlyList<TableColumn> columns, IReadOnlyList<IReadOnlyList<object?>> values, IReadOnlyList<IReadOnlyList<ValueText.Cell>> rows, int totalRows)
    {
        Columns = columns;
        Values = values;
        Rows = rows;
        TotalRows = totalRows;
    }

    public IReadOnlyList<TableColumn> Columns { get; }

    /// <summary>The rows shown (at most the cap), already formatted.</summary>
    public IReadOnlyList<IReadOnlyList<ValueText.Cell>> Rows { get; }

    /// <summary>The values of the rows shown, unformatted (the CSV twin writes them exactly).</summary>
    public IReadOnlyList<IReadOnlyList<object?>> Values { get; }

    /// <summary>Every row of the source, shown or not (a total row is not counted).</summary>
    public int TotalRows { get; }

    public int MoreRows => TotalRows - Rows.Count + (HasTotalRow ? 1 : 0);

    /// <summary>Shown above the table: what the rows are and where the data comes from.</summary>
    public string? Caption { get; private init; }

    /// <summary>Shown below the table, e.g. where the rows not shown are.</summary>
    public string? Note { get; private init; }

    /// <summary>Whether the last row is a total row (shown in bold).</summary>
    public bool HasTotalRow { get; private init; }

    public Table WithCaption(string caption) => Copy(caption: caption);

    public Table WithNote(string note) => Copy(note: note);

    /// <summary>
    /// Adds a bold last row: <paramref name="label"/> in the first column, and in each of <paramref name="sumColumns"/>
    /// (by name) the exact sum of the rows shown; other columns are left empty. Only for a table that shows every row.
    /// </summary>
    public Table WithTotalRow(string label, params string[] sumColumns)
    {
        if (HasTotalRow || Rows.Count != TotalRows)
        {
            throw new InvalidOperationException("a total row needs every row shown, and only one total row");
        }

        var indexes = sumColumns.Select(name =>
        {
            var index = Columns.ToList().FindIndex(c => c.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
            return index >= 0 && Columns[index].Numeric ? index : throw new ArgumentException($"no numeric column '{name}'", nameof(sumColumns));
        }).ToHashSet();
        var totals = Columns.Select((column, i) => i == 0 ? label
            : indexes.Contains(i) ? Values.Sum(row => ValueText.ToDecimal(row[i]))
            : (object?)null).ToArray();
        var cells = totals.Select((value, i) => ValueText.Display(value, Columns[i].Money, MoneyColumns.Decimals(Columns[i].Name))).ToArray();
        return new Table(Columns, [.. Values, totals], [.. Rows, cells], TotalRows)
        {
            Caption = Caption,
            Note = Note,
            HasTotalRow = true,
        };
    }

    private Table Copy(string? caption = null, string? note = null) => new(Columns, Values, Rows, TotalRows)
    {
        Caption = caption ?? Caption,
        Note = note ?? Note,
        HasTotalRow = HasTotalRow,
    };

    /// <summary>One row per item, one column per public property of <typeparamref name="T"/> (a single "value" column for scalars).</summary>
    public static Table From<T>(IEnumerable<T> rows, int maxRows = AllRows, params string[] moneyColumns) =>
        FromSequence(rows, typeof(T), maxRows, moneyColumns);

    /// <summary>Like <see cref="From{T}"/> for a sequence whose element type is known only at run time.</summary>
    public static Table FromSequence(IEnumerable rows, Type? elementType = null, int maxRows = AllRows, params string[] moneyColumns)
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

    /// <summary>
    /// A SQL result set, every row: the workbook's notebook extension (<c>#!connect sqlite</c>) shows its results
    /// through this method. The extension cannot reference the library (the library's package build references the
    /// extension), so it calls this by name with plain arrays.
    /// </summary>
    public static Table FromSqlResult(string[] columnNames, object?[][] rows) => FromRows(columnNames, rows);

    /// <summary>A table from column names and rows of values (e.g. a SQL result set); column types are read from the values.</summary>
    public static Table FromRows(IReadOnlyList<string> columnNames, IEnumerable<IReadOnlyList<object?>> rows, int maxRows = AllRows, params string[] moneyColumns)
    {
        var (shown, total) = Take(rows, maxRows);
        return Build(columnNames, shown, total, null, moneyColumns);
    }

    /// <summary>
    /// The first <paramref name="maxRows"/> records of a CSV file as it was written, and how many it holds: a sample of
    /// a deliverable. Fields that read as invariant numbers are shown as numbers (so money columns get their <c>$</c>).
    /// </summary>
    public static Table FromCsvFile(string path, int maxRows)
    {
        using var csv = Core.CsvReader.Open(path);
        var shown = new List<IReadOnlyList<object?>>();
        var total = 0;
        while (csv.Read())
        {
            if (total++ < maxRows)
            {
                shown.Add(Enumerable.Range(0, csv.FieldCount).Select(i => CsvValue(csv.GetString(i))).ToArray());
            }
        }

        return Build(csv.Header, shown, total, null, []);
    }

    private static object? CsvValue(string field) =>
        field.Length == 0 ? null
        : decimal.TryParse(field, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number) ? number
        : field;

    /// <summary>One object as a two-column "property | value" table, as notebooks show a single record.</summary>
    public static Table FromProperties(object record, params string[] moneyColumns)
    {
        ArgumentNullException.ThrowIfNull(record);
        var properties = ReadableProperties(record.GetType());
        var rows = properties.Select(p =>
        {
            var value = ValueOf(p, record);
            var money = value is Core.Money || (ValueText.IsNumber(value) && IsMoney(p.Name, moneyColumns));
            return (IReadOnlyList<ValueText.Cell>)[new ValueText.Cell(ColumnHeaders.Readable(p.Name), false), ValueText.Display(value, money, MoneyColumns.Decimals(p.Name))];
        }).ToList();
        var values = properties.Select(p => (IReadOnlyList<object?>)[p.Name, ValueOf(p, record)]).ToList();
        return new Table([new TableColumn("property", false, false), new TableColumn("value", false, false)], values, rows, rows.Count);
    }

    public string ToHtml()
    {
        var html = new StringBuilder();
        if (Caption is { } caption)
        {
            html.Append("<p><strong>").Append(Escape.Html(caption)).Append("</strong></p>\n");
        }

        html.Append("<table>\n<thead>\n<tr>");
        foreach (var column in Columns)
        {
            html.Append(column.Numeric ? "<th align=\"right\">" : "<th align=\"left\" style=\"text-align: left\">").Append(Escape.Html(column.Header)).Append("</th>");
        }

        html.Append("</tr>\n</thead>\n<tbody>\n");
        for (var r = 0; r < Rows.Count; r++)
        {
            var bold = (HasTotalRow && r == Rows.Count - 1) || Rows[r].Any(c => !c.Numeric && IsTotalLabel(c.Text));
            html.Append("<tr>");
            for (var i = 0; i < Columns.Count; i++)
            {
                var cell = Rows[r][i];
                var text = Escape.Html(cell.Text);
                var right = cell.Numeric || (text.Length == 0 && Columns[i].Numeric); // an empty cell aligns with its column
                html.Append(right ? "<td align=\"right\">" : "<td align=\"left\" style=\"text-align: left\">")
                    .Append(bold && text.Length > 0 ? $"<strong>{text}</strong>" : text).Append("</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
        foreach (var line in Footnotes())
        {
            html.Append("<p><em>").Append(Escape.Html(line)).Append("</em></p>\n");
        }

        return MathJaxIgnore.Wrap(html.ToString());
    }

    public string ToPlainText()
    {
        var widths = Columns.Select((c, i) => Rows.Select(r => OneLine(r[i].Text).Length).Append(c.Header.Length).Max()).ToArray();
        var text = new StringBuilder();
        if (Caption is { } caption)
        {
            text.Append(caption).Append('\n');
        }

        WriteLine(text, Columns.Select((c, i) => Pad(c.Header, widths[i], c.Numeric)));
        WriteLine(text, widths.Select(w => new string('-', w)));
        foreach (var row in Rows)
        {
            WriteLine(text, row.Select((cell, i) => Pad(OneLine(cell.Text), widths[i], cell.Numeric)));
        }

        foreach (var line in Footnotes())
        {
            text.Append('(').Append(line).Append(")\n");
        }

        return text.ToString();
    }

    /// <summary>RFC 4180 CSV of the rows shown: the raw column names and the exact values (no $, no separators).</summary>
    public string ToCsv()
    {
        var csv = new StringBuilder();
        csv.AppendJoin(',', Columns.Select(c => CsvField(c.Name))).Append("\r\n");
        foreach (var row in Values)
        {
            csv.AppendJoin(',', row.Select(v => CsvField(ValueText.Raw(v)))).Append("\r\n");
        }

        return csv.ToString();
    }

    string? IRendersAs.Render(string mimeType) => mimeType switch
    {
        MimeTypes.Html => ToHtml(),
        MimeTypes.PlainText => ToPlainText(),
        MimeTypes.Csv => ToCsv(),
        _ => null,
    };

    public override string ToString() => ToPlainText();

    private IEnumerable<string> Footnotes()
    {
        if (TotalRows == 0)
        {
            yield return "no rows";
        }
        else if (MoreRows > 0)
        {
            yield return $"The first {Rows.Count - (HasTotalRow ? 1 : 0):N0} of {TotalRows:N0} rows.";
        }

        if (Note is { } note)
        {
            yield return note;
        }
    }

    /// <summary>A row labelled as a total ("Total", "Subtotal", "Invoice total") is shown in bold, as finance expects.</summary>
    private static bool IsTotalLabel(string text) =>
        text.Equals("Total", StringComparison.OrdinalIgnoreCase) || text.Equals("Subtotal", StringComparison.OrdinalIgnoreCase)
        || text.EndsWith(" total", StringComparison.OrdinalIgnoreCase);

    private static string CsvField(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") < 0 ? text : $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

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

        // A column that is not all numbers (ids, codes) shows its numbers as written, without separators.
        var cells = rows.Select(r => (IReadOnlyList<ValueText.Cell>)r.Select((value, i) => columns[i].Numeric
            ? ValueText.Display(value, columns[i].Money, MoneyColumns.Decimals(columns[i].Name))
            : new ValueText.Cell(ValueText.Raw(value), false)).ToArray()).ToList();
        return new Table(columns, rows, cells, total);
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
    public static Table ToTable<T>(this IEnumerable<T> rows, int maxRows = Table.AllRows, params string[] moneyColumns) =>
        Table.From(rows, maxRows, moneyColumns);
}
