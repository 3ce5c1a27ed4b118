using System.Data.Common;
using Microsoft.Data.Sqlite;
using Workbook.Core;
using Workbook.Sql;
using static Workbook.Egress.DbValues;

namespace Workbook.Egress;

/// <summary>(a) One image size and the images generated in it.</summary>
public sealed record ImageCount(string? ImageSize, decimal NumImages);

/// <summary>(a) by day: the images of one size generated on one UTC day.</summary>
public sealed record DailyImageCount(string Day, string? ImageSize, decimal NumImages);

public enum InvoiceRowKind
{
    /// <summary>A sub-line item: one charge with quantity, unit price and total.</summary>
    Charge,

    /// <summary>The sum of one product's charges.</summary>
    ProductSubtotal,

    /// <summary>The invoice total as billed (invoice.total).</summary>
    InvoiceTotal,
}

/// <summary>(b) One row of the recreated invoice. Dollars are unrounded; the CSV rounds them.</summary>
public sealed record InvoiceRow(string? Product, string Description, decimal? Quantity, decimal? UnitPriceUsd, decimal TotalUsd)
{
    /// <summary>Read off the row's shape: the total row has no product, a subtotal row no quantity.</summary>
    public InvoiceRowKind Kind =>
        Product is null ? InvoiceRowKind.InvoiceTotal : Quantity is null ? InvoiceRowKind.ProductSubtotal : InvoiceRowKind.Charge;
}

/// <summary>(c) One plan's billings.</summary>
public sealed record PlanBilling(string PlanName, long Invoices, long Customers, decimal TotalUsd);

/// <summary>One billable metric of one FINALIZED invoice: quantity billed against quantity metered from events.</summary>
public sealed record ReconciliationRow(
    string CustomerName,
    string PeriodStart,
    string PeriodEnd,
    string? Product,
    string? BillableMetric,
    decimal BilledQuantity,
    decimal MeteredQuantity,
    decimal Difference,
    string Status)
{
    public const string Match = "match";

    public bool Matches => Status == Match;
}

/// <summary>The Part 2 answers, each the result of its SQL file (see <see cref="EgressSql"/>) on a loaded export.</summary>
public sealed record EgressAnswers(
    IReadOnlyList<ImageCount> ImagesBySize,
    IReadOnlyList<InvoiceRow> A1MarchInvoice,
    IReadOnlyList<PlanBilling> BillingsByPlan,
    IReadOnlyList<PlanBilling> BillingsByPlanIssued,
    IReadOnlyList<ReconciliationRow> Reconciliation)
{
    /// <summary>The answers from a loaded export on SQLite (the notebooks' engine).</summary>
    public static EgressAnswers Query(SqliteConnection connection) => Query(connection, SqlEngine.Sqlite);

    /// <summary>The answers from an export loaded into <paramref name="engine"/> (see <see cref="EgressLoad"/>).</summary>
    public static EgressAnswers Query(DbConnection connection, SqlEngine engine) => new(
        QueryImagesBySize(connection, engine),
        QueryA1MarchInvoice(connection, engine),
        QueryBillings(connection, EgressSql.BillingsByPlan, engine),
        QueryBillings(connection, EgressSql.BillingsByPlanIssued, engine),
        QueryReconciliation(connection, engine));

    public static IReadOnlyList<ImageCount> QueryImagesBySize(DbConnection connection, SqlEngine engine = SqlEngine.Sqlite) =>
        SqlDatabase.Query(connection, EgressSql.Text(EgressSql.ImagesBySize, engine), row => new ImageCount(OptionalString(row, 0), Decimal(row, 1)));

    public static IReadOnlyList<DailyImageCount> QueryImagesPerDay(DbConnection connection, SqlEngine engine = SqlEngine.Sqlite) =>
        SqlDatabase.Query(connection, EgressSql.Text(EgressSql.ImagesPerDay, engine), row => new DailyImageCount(String(row, 0), OptionalString(row, 1), Decimal(row, 2)));

    public static IReadOnlyList<InvoiceRow> QueryA1MarchInvoice(DbConnection connection, SqlEngine engine = SqlEngine.Sqlite) =>
        SqlDatabase.Query(connection, EgressSql.Text(EgressSql.A1MarchInvoice, engine), row => new InvoiceRow(
            OptionalString(row, 0), String(row, 1), OptionalDecimal(row, 2), OptionalDecimal(row, 3), Decimal(row, 4)));

    public static IReadOnlyList<PlanBilling> QueryBillings(DbConnection connection, string sqlFile, SqlEngine engine = SqlEngine.Sqlite) =>
        SqlDatabase.Query(connection, EgressSql.Text(sqlFile, engine), row => new PlanBilling(
            OptionalString(row, 0) ?? "(no plan)", Int64(row, 1), Int64(row, 2), Decimal(row, 3)));

    public static IReadOnlyList<ReconciliationRow> QueryReconciliation(DbConnection connection, SqlEngine engine = SqlEngine.Sqlite) =>
        SqlDatabase.Query(connection, EgressSql.Text(EgressSql.Reconciliation, engine), row => new ReconciliationRow(
            String(row, 0), String(row, 1), String(row, 2), OptionalString(row, 3), OptionalString(row, 4),
            Decimal(row, 5), Decimal(row, 6), Decimal(row, 7), String(row, 8)));

    /// <summary>
    /// Null when the recreated invoice adds up (its charges sum to the product subtotals, and those to the invoice
    /// total as billed, exactly in decimal); otherwise what does not. An empty result is reported too.
    /// </summary>
    public string? A1MarchInvoiceDiscrepancy()
    {
        var totals = A1MarchInvoice.Where(row => row.Kind == InvoiceRowKind.InvoiceTotal).ToList();
        if (totals.Count != 1)
        {
            return totals.Count == 0
                ? "no FINALIZED March 2024 invoice for A1 Company in this export"
                : $"A1 Company has {totals.Count} FINALIZED invoices starting in March 2024, so their lines are listed together";
        }

        var total = totals[0];

        foreach (var subtotal in A1MarchInvoice.Where(row => row.Kind == InvoiceRowKind.ProductSubtotal))
        {
            var charges = A1MarchInvoice.Where(row => row.Kind == InvoiceRowKind.Charge && row.Product == subtotal.Product).Sum(row => row.TotalUsd);
            if (charges != subtotal.TotalUsd)
            {
                return $"the {subtotal.Product} charges add up to {charges} USD, not its subtotal {subtotal.TotalUsd} USD";
            }
        }

        var products = A1MarchInvoice.Where(row => row.Kind == InvoiceRowKind.ProductSubtotal).Sum(row => row.TotalUsd);
        return products == total.TotalUsd
            ? null
            : $"the CPU Hours and Storage subtotals add up to {products} USD, but invoice.total is {total.TotalUsd} USD";
    }
}
