using Workbook.Core;

namespace Workbook.Arr;

/// <summary>
/// The row-level rules of the subscriptions and items loaders. A bad row is an error naming file, line and column,
/// or, when lenient, a skipped row that is counted and reported; either way without an exception per skipped row,
/// so a file with many bad rows reads as fast as a clean one.
/// </summary>
internal sealed class RowChecks(CsvReader reader, ArrIssueLog issues, bool lenient)
{
    /// <summary>Data rows seen, skipped ones included.</summary>
    public int RowsRead { get; private set; }

    /// <summary>Advances to the next row that has the header's width.</summary>
    public bool Next()
    {
        while (ReadRow())
        {
            RowsRead++;
            if (reader.HasHeaderWidth)
            {
                return true;
            }

            Reject(null, reader.RowProblem);
        }

        return false;
    }

    /// <summary>A quoted field left open runs to the end of the file: under --lenient that last row is skipped too.</summary>
    private bool ReadRow()
    {
        try
        {
            return reader.ReadRow();
        }
        catch (InputDataException error) when (lenient && error.Line > 0)
        {
            RowsRead++;
            issues.AddSkipped(error.File, error.Line, error.Message);
            return false;
        }
    }

    /// <summary>The row is bad: an error, or under --lenient a skipped row.</summary>
    public void Reject(int? column, string problem)
    {
        if (!lenient)
        {
            throw column is { } c ? reader.Error(c, problem) : reader.Error(problem);
        }

        issues.AddSkipped(reader.FileName, reader.LineNumber,
            InputDataException.Describe(reader.FileName, reader.LineNumber, column is { } i ? reader.Header[i] : null, problem));
    }

    /// <summary>A non-empty id; false (rejected) when empty.</summary>
    public bool Id(int column, string what)
    {
        if (reader[column].IsEmpty)
        {
            Reject(column, $"the {what} id is empty");
            return false;
        }

        return true;
    }

    /// <summary>A term of two yyyy-MM-dd dates, both inclusive, as day numbers; an end before the start is rejected.</summary>
    public bool Term(int startColumn, int endColumn, out int start, out int end)
    {
        start = end = 0;
        if (!Date(startColumn, out var first) || !Date(endColumn, out var last))
        {
            return false;
        }

        (start, end) = (first.DayNumber, last.DayNumber);
        if (end < start)
        {
            Reject(endColumn, $"end_date {reader[endColumn]} is before start_date {reader[startColumn]}");
            return false;
        }

        return true;
    }

    /// <summary>A decimal within [min, max] (max null: unbounded).</summary>
    public bool Decimal(int column, decimal min, decimal? max, out decimal value)
    {
        if (!CsvReader.TryParseDecimal(reader[column], out value))
        {
            Reject(column, $"'{reader[column]}' is not a number");
            return false;
        }

        if (value < min || value > max)
        {
            var range = max is { } top ? $"between {Numbers.Plain(min)} and {Numbers.Plain(top)}" : $"at least {Numbers.Plain(min)}";
            Reject(column, $"{Numbers.Plain(value)} is out of range: expected a number {range}");
            return false;
        }

        return true;
    }

    /// <summary>
    /// An item's ARR (<see cref="ItemTable.ItemArr"/>), at most <see cref="MaxItemArr"/> so that any sum of items stays
    /// exact in <see cref="decimal"/> (2^31 items of it are 2.1e27, under decimal's 7.9e28); larger, or beyond decimal
    /// itself, is rejected on the quantity's column.
    /// </summary>
    public bool ItemArr(int quantityColumn, decimal quantity, decimal listPrice, decimal discount, out decimal value)
    {
        const decimal Small = 1_000_000_000m; // two factors below this make a product below the bound: no check needed
        if (quantity < Small && listPrice < Small)
        {
            value = ItemTable.ItemArr(quantity, listPrice, discount);
            return true;
        }

        try
        {
            value = ItemTable.ItemArr(quantity, listPrice, discount);
            if (value <= MaxItemArr)
            {
                return true;
            }
        }
        catch (OverflowException)
        {
        }

        value = 0m;
        Reject(quantityColumn, $"quantity × list_price × (1 − discount) is over {Numbers.Plain(MaxItemArr)}, the largest item ARR taken");
        return false;
    }

    /// <summary>The largest item ARR taken, in dollars: a quintillion.</summary>
    public const decimal MaxItemArr = 1_000_000_000_000_000_000m;

    private bool Date(int column, out DateOnly value)
    {
        if (CsvReader.TryParseDate(reader[column], out value))
        {
            return true;
        }

        Reject(column, $"'{reader[column]}' is not a date (expected yyyy-MM-dd)");
        return false;
    }
}
