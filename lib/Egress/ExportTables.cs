using System.Text.Json;
using Microsoft.Data.Sqlite;
using Workbook.Core;
using Workbook.Sql;
using static Workbook.Egress.DbValues;
using static Workbook.Sql.SqlDatabase;

namespace Workbook.Egress;

/// <summary>A customer of the export (the customer table), aliases parsed from its JSON text.</summary>
public sealed record ExportCustomer(
    string Id,
    string Name,
    IReadOnlyList<string> IngestAliases,
    string? SalesforceAccountId,
    IReadOnlyDictionary<string, string> CustomFields,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? UpdatedAt,
    DateTimeOffset? ArchivedAt);

/// <summary>A sub-line item: one charge of a line item.</summary>
public sealed record ExportSubLineItem(string Name, decimal Quantity, decimal Subtotal, string? ChargeId);

/// <summary>A line item (one product) of an invoice, with its sub-line items.</summary>
public sealed record ExportLineItem(string Id, string Name, decimal? Quantity, decimal Total, CreditType CreditType, string? ProductId, IReadOnlyList<ExportSubLineItem> SubLineItems);

/// <summary>An invoice of the export, amounts in its credit type's unit, with its line items.</summary>
public sealed record ExportInvoice(
    string Id,
    string CustomerId,
    string Status,
    string? Label,
    decimal Total,
    CreditType CreditType,
    DateTimeOffset Start,
    DateTimeOffset End,
    DateTimeOffset? IssuedAt,
    string? PlanId,
    string? PlanName,
    IReadOnlyList<ExportLineItem> LineItems)
{
    public const string Draft = "DRAFT";
    public const string Finalized = "FINALIZED";

    public bool IsFinalized => Status == Finalized;

    public bool IsDraft => Status == Draft;

    public Money TotalMoney => new(Total, CreditType);
}

/// <summary>
/// The one owner of the loaded export's tables outside the Part 2 questions: typed queries for everything else in
/// the workbook that reads them (the Metronome sandbox, the customer-summary check, the invoice recomputation).
/// SQLite numbers become decimals through <see cref="DbValues"/> only, timestamps through
/// <see cref="ExportTimestamp"/>, and "this amount is USD" is <see cref="CreditType.IsUsdCents"/>, decided in C#,
/// never in SQL.
/// </summary>
public static class ExportTables
{
    /// <summary>Every customer, ordered by created_at then id.</summary>
    public static IReadOnlyList<ExportCustomer> Customers(SqliteConnection connection) =>
        Query(connection, """
            SELECT id, name, ingest_aliases, salesforce_account_id, custom_fields, created_at, updated_at, archived_at
            FROM customer ORDER BY created_at, id
            """, row => new ExportCustomer(
            row.GetString(0),
            row.GetString(1),
            StringArray(OptionalString(row, 2)),
            OptionalString(row, 3),
            StringMap(OptionalString(row, 4)),
            Timestamp(row, 5),
            Timestamp(row, 6),
            Timestamp(row, 7)));

    /// <summary>Every invoice with its line and sub-line items, ordered by customer, period start, id.</summary>
    public static IReadOnlyList<ExportInvoice> Invoices(SqliteConnection connection)
    {
        var subLines = Query(connection, "SELECT line_item_id, name, quantity, subtotal, charge_id FROM sub_line_item ORDER BY line_item_id, name, id",
                row => (LineId: row.GetString(0), Item: new ExportSubLineItem(OptionalString(row, 1) ?? "", Decimal(row, 2), Decimal(row, 3), OptionalString(row, 4))))
            .ToLookup(s => s.LineId, s => s.Item, StringComparer.Ordinal);
        var lines = Query(connection, """
                SELECT id, invoice_id, name, quantity, total, credit_type_id, credit_type_name, product_id
                FROM line_item ORDER BY invoice_id, name, id
                """, row => (InvoiceId: row.GetString(1), Item: new ExportLineItem(
                row.GetString(0), OptionalString(row, 2) ?? "", OptionalDecimal(row, 3), Decimal(row, 4), CreditTypeOf(row, 5),
                OptionalString(row, 7), [.. subLines[row.GetString(0)]])))
            .ToLookup(l => l.InvoiceId, l => l.Item, StringComparer.Ordinal);
        return Query(connection, """
            SELECT id, customer_id, status, invoice_label, total, credit_type_id, credit_type_name,
                   start_timestamp, end_timestamp, issued_at, plan_id, plan_name
            FROM invoice ORDER BY customer_id, start_timestamp, id
            """, row => new ExportInvoice(
            row.GetString(0), row.GetString(1), row.GetString(2), OptionalString(row, 3), Decimal(row, 4), CreditTypeOf(row, 5),
            ExportTimestamp.Parse(row.GetString(7)), ExportTimestamp.Parse(row.GetString(8)), Timestamp(row, 9),
            OptionalString(row, 10), OptionalString(row, 11), [.. lines[row.GetString(0)]]));
    }

    /// <summary>Each customer's name by id.</summary>
    public static IReadOnlyDictionary<string, string> CustomerNames(SqliteConnection connection) =>
        Query(connection, "SELECT id, name FROM customer", row => (Id: row.GetString(0), Name: row.GetString(1)))
            .ToDictionary(c => c.Id, c => c.Name, StringComparer.Ordinal);

    /// <summary>Each plan's description (null when it has none), by plan id.</summary>
    public static IReadOnlyDictionary<string, string?> PlanDescriptions(SqliteConnection connection) =>
        Query(connection, "SELECT id, description FROM plan", row => (Id: row.GetString(0), Description: OptionalString(row, 1)))
            .ToDictionary(p => p.Id, p => p.Description, StringComparer.Ordinal);

    /// <summary>The timestamp of the last event, or null when the export has none.</summary>
    public static DateTimeOffset? LastEventAt(SqliteConnection connection) =>
        Query(connection, "SELECT max(timestamp) FROM events", row => Timestamp(row, 0)).Single();

    /// <summary>A credit type from an id and a name column; an invoice without one is in USD (cents), the API's default.</summary>
    private static CreditType CreditTypeOf(System.Data.Common.DbDataReader row, int idOrdinal) =>
        OptionalString(row, idOrdinal) is { } id ? new CreditType(id, OptionalString(row, idOrdinal + 1) ?? id) : CreditType.UsdCents;

    private static DateTimeOffset? Timestamp(System.Data.Common.DbDataReader row, int ordinal) =>
        OptionalString(row, ordinal) is { } text ? ExportTimestamp.Parse(text) : null;

    /// <summary>A JSON array of strings (the loader has checked it is valid JSON); empty entries are dropped.</summary>
    private static IReadOnlyList<string> StringArray(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }

        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateArray().Select(a => a.GetString() ?? "").Where(a => a.Length > 0)];
    }

    /// <summary>A JSON object's members as text.</summary>
    private static IReadOnlyDictionary<string, string> StringMap(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return new Dictionary<string, string>(StringComparer.Ordinal);
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ToString(), StringComparer.Ordinal);
    }
}
