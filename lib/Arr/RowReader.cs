using Workbook.Core;

namespace Workbook.Arr;

/// <summary>The row-level rules shared by the subscriptions and items loaders.</summary>
internal static class RowReader
{
    /// <summary>
    /// Advances to the next row, counting every row in <paramref name="rowsRead"/>. A row with the wrong number of
    /// fields is an error, or, when lenient, a skipped row (the reader has already moved past it, so reading on is safe).
    /// </summary>
    public static bool Next(CsvReader reader, ArrIssueLog issues, bool lenient, ref int rowsRead)
    {
        while (true)
        {
            try
            {
                if (!reader.Read())
                {
                    return false;
                }

                rowsRead++;
                return true;
            }
            catch (InputDataException error) when (lenient && error.Line > 0)
            {
                rowsRead++;
                issues.Add(ArrIssueKind.SkippedRow, error.Message);
            }
        }
    }

    /// <summary>A term of two yyyy-MM-dd dates, both inclusive, as day numbers; an end before the start is an error.</summary>
    public static (int Start, int End) Term(CsvReader reader, int startColumn, int endColumn)
    {
        var start = reader.GetDate(startColumn).DayNumber;
        var end = reader.GetDate(endColumn).DayNumber;
        if (end < start)
        {
            throw reader.Error(endColumn, $"end_date {reader[endColumn]} is before start_date {reader[startColumn]}");
        }

        return (start, end);
    }

    /// <summary>A decimal within [min, max] (max null: unbounded).</summary>
    public static decimal Decimal(CsvReader reader, int column, decimal min, decimal? max)
    {
        var value = reader.GetDecimal(column);
        if (value < min || value > max)
        {
            var range = max is { } top ? $"between {Numbers.Plain(min)} and {Numbers.Plain(top)}" : $"at least {Numbers.Plain(min)}";
            throw reader.Error(column, $"{Numbers.Plain(value)} is out of range: expected a number {range}");
        }

        return value;
    }
}
