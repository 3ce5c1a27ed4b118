using System.Data.Common;
using System.Globalization;

namespace Workbook.Egress;

/// <summary>
/// Reads query results into the workbook's types, the same way from every engine, so the three engines' answers
/// are the same values: numbers become decimals, dates text.
/// </summary>
internal static class DbValues
{
    public static decimal Decimal(DbDataReader reader, int ordinal) =>
        OptionalDecimal(reader, ordinal) ?? throw new InvalidOperationException($"column {reader.GetName(ordinal)} is NULL");

    /// <summary>
    /// A number as a decimal: exact from PostgreSQL's NUMERIC and DuckDB's DECIMAL. SQLite sums money as REAL, and
    /// DuckDB divides DECIMALs in DOUBLE: a double converts keeping 15 significant digits, which drops the binary
    /// noise (810127.20500000005 → 810127.205) because every figure of the export has fewer significant digits than
    /// that. Rounding to the cent happens after, in decimal.
    /// </summary>
    public static decimal? OptionalDecimal(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal)
            ? null
            : reader.GetValue(ordinal) switch
            {
                decimal exact => exact,
                double real => (decimal)real,
                float real => (decimal)real,
                string text => decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
                var other => Convert.ToDecimal(other, CultureInfo.InvariantCulture),
            };

    public static long Int64(DbDataReader reader, int ordinal) => Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    /// <summary>Text; a DATE (what date() gives on PostgreSQL and DuckDB) as yyyy-MM-dd, as SQLite's date() writes it.</summary>
    public static string? OptionalString(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal)
            ? null
            : reader.GetValue(ordinal) switch
            {
                string text => text,
                DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                DateTime day when day.TimeOfDay == TimeSpan.Zero => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                var other => Convert.ToString(other, CultureInfo.InvariantCulture),
            };

    public static string String(DbDataReader reader, int ordinal) =>
        OptionalString(reader, ordinal) ?? throw new InvalidOperationException($"column {reader.GetName(ordinal)} is NULL");
}
