using Microsoft.Data.Sqlite;
using Workbook.Core;
using Workbook.Sql;

namespace Workbook.Egress;

/// <summary>Plan charge prices from a loaded export (Sql/charge_prices.sql: subtotal / quantity of what was billed).</summary>
public static class ChargePrices
{
    /// <summary>Every plan's charges with a known price, ordered by plan id, then charge name.</summary>
    public static IReadOnlyList<ChargePrice> Load(SqliteConnection connection) =>
        SqlDatabase.Query(connection, EgressSql.Text(EgressSql.ChargePrices), row => new ChargePrice(
            PlanId: row.GetString(0),
            ChargeId: row.GetString(1),
            ChargeName: DbValues.OptionalString(row, 2) ?? row.GetString(1),
            ProductId: DbValues.OptionalString(row, 3) ?? "",
            ProductName: DbValues.OptionalString(row, 4) ?? "",
            BillableMetricId: DbValues.OptionalString(row, 5) ?? "",
            BillableMetricName: DbValues.OptionalString(row, 6) ?? "",
            CreditType: new CreditType(DbValues.OptionalString(row, 7) ?? "", DbValues.OptionalString(row, 8) ?? ""),
            UnitPrice: DbValues.Decimal(row, 9) / DbValues.Decimal(row, 10)));

    /// <summary>The charges of one plan with a known price.</summary>
    public static IReadOnlyList<ChargePrice> ForPlan(SqliteConnection connection, string planId) =>
        [.. Load(connection).Where(charge => charge.PlanId == planId)];
}
