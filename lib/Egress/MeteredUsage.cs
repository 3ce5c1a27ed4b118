using Microsoft.Data.Sqlite;

namespace Workbook.Egress;

/// <summary>Usage read from the metered_usage table of a loaded export: the input of <see cref="InvoiceRating"/>.</summary>
public static class MeteredUsage
{
    /// <summary>A customer's (customer.id) usage per billable metric over the billing period [start, end).</summary>
    public static IReadOnlyList<UsageQuantity> ForPeriod(SqliteConnection connection, string customerId, DateTimeOffset start, DateTimeOffset end)
    {
        using var command = connection.CreateCommand();
        command.CommandText = EgressSql.Text(EgressSql.MeteredUsageForPeriod);
        command.Parameters.AddWithValue("$customer_id", customerId);
        command.Parameters.AddWithValue("$start", ExportTimestamp.Format(start));
        command.Parameters.AddWithValue("$end", ExportTimestamp.Format(end));
        using var reader = command.ExecuteReader();
        var usage = new List<UsageQuantity>();
        while (reader.Read())
        {
            usage.Add(new UsageQuantity(reader.GetString(0), DbValues.Decimal(reader, 1)));
        }

        return usage;
    }
}
