using Microsoft.Data.Sqlite;

namespace Workbook.Egress;

/// <summary>Reads query results into the workbook's types.</summary>
internal static class SqliteValues
{
    /// <summary>
    /// A number as a decimal. SQLite sums money as REAL (a double); the conversion keeps 15 significant digits,
    /// which drops the binary noise (810127.20500000005 → 810127.205) because every figure of the export has
    /// fewer significant digits than that. Rounding to the cent happens after, in decimal.
    /// </summary>
    public static decimal Decimal(SqliteDataReader reader, int ordinal) =>
        OptionalDecimal(reader, ordinal) ?? throw new InvalidOperationException($"column {reader.GetName(ordinal)} is NULL");

    public static decimal? OptionalDecimal(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal)
            ? null
            : reader.GetFieldType(ordinal) == typeof(long)
                ? reader.GetInt64(ordinal)
                : reader.GetFieldType(ordinal) == typeof(double)
                    ? (decimal)reader.GetDouble(ordinal)
                    : decimal.Parse(reader.GetString(ordinal), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture);

    public static string? OptionalString(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>Runs a query and maps each row.</summary>
    public static List<T> Query<T>(SqliteConnection connection, string sql, Func<SqliteDataReader, T> map)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(map(reader));
        }

        return rows;
    }
}
