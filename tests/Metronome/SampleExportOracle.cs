using System.Globalization;
using Workbook.Core;

namespace Workbook.Tests.Metronome;

/// <summary>
/// What the customer summary of the exercise export must say, computed straight from the CSV files with the
/// CSV reader only (no egress loader, no rating code), so the report is checked against an independent oracle.
/// </summary>
public sealed class SampleExportOracle
{
    public sealed record ExportCustomer(string Id, string Name, IReadOnlyList<string> Aliases);

    public sealed record ExportInvoice(string Id, string CustomerId, string Status, decimal Total, string Start, string End, string PlanName);

    private SampleExportOracle(
        IReadOnlyList<ExportCustomer> customers,
        IReadOnlyList<ExportInvoice> invoices,
        IReadOnlyDictionary<string, List<(string InvoiceId, string Name, decimal Quantity, decimal Subtotal)>> subLinesByInvoice,
        IReadOnlyList<(string Alias, string Timestamp, string Type, Dictionary<string, string> Properties)> events)
    {
        Customers = customers;
        Invoices = invoices;
        _subLinesByInvoice = subLinesByInvoice;
        _events = events;
    }

    private readonly IReadOnlyDictionary<string, List<(string InvoiceId, string Name, decimal Quantity, decimal Subtotal)>> _subLinesByInvoice;
    private readonly IReadOnlyList<(string Alias, string Timestamp, string Type, Dictionary<string, string> Properties)> _events;

    public IReadOnlyList<ExportCustomer> Customers { get; }

    public IReadOnlyList<ExportInvoice> Invoices { get; }

    public static SampleExportOracle Load(string folder)
    {
        string File(string table) => Path.Combine(folder, $"Metronome Sample Egress Data - {table}.csv");

        var customers = Read(File("customer"), r => new ExportCustomer(
            r.GetString(r.Column("id")),
            r.GetString(r.Column("name")),
            r.GetString(r.Column("ingest_aliases")).Trim('[', ']').Split(',', StringSplitOptions.RemoveEmptyEntries).Select(a => a.Trim().Trim('"')).ToList()));
        var invoices = Read(File("invoice"), r => new ExportInvoice(
            r.GetString(r.Column("id")),
            r.GetString(r.Column("customer_id")),
            r.GetString(r.Column("status")),
            r.GetDecimal(r.Column("total")),
            Day(r.GetString(r.Column("start_timestamp"))),
            Day(r.GetString(r.Column("end_timestamp"))),
            r.GetString(r.Column("plan_name"))));
        var invoiceOfLine = Read(File("line_item"), r => (Line: r.GetString(r.Column("id")), Invoice: r.GetString(r.Column("invoice_id"))))
            .ToDictionary(x => x.Line, x => x.Invoice);
        var subLines = Read(File("sub_line_item"), r => (
                InvoiceId: invoiceOfLine[r.GetString(r.Column("line_item_id"))],
                Name: r.GetString(r.Column("name")),
                Quantity: r.GetDecimal(r.Column("quantity")),
                Subtotal: r.GetDecimal(r.Column("subtotal"))))
            .GroupBy(s => s.InvoiceId)
            .ToDictionary(g => g.Key, g => g.ToList());
        var events = Read(File("events"), r => (
            Alias: r.GetString(r.Column("customer_id")),
            Timestamp: r.GetString(r.Column("timestamp")),
            Type: r.GetString(r.Column("event_type")),
            Properties: Properties(r.GetString(r.Column("properties")))));
        return new SampleExportOracle(customers, invoices, subLines, events);
    }

    /// <summary>
    /// The April draft of a customer, in cents: every April event's quantity times the unit price its metric was
    /// last billed at (subtotal / quantity on the customer's latest invoice that billed it). The event-to-metric
    /// rule is the export's naming: "CPU hours (&lt;instanceType&gt;)", "Images (&lt;image_size&gt;)", ...
    /// </summary>
    public decimal AprilDraftCents(string customerId)
    {
        var prices = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var invoice in Invoices.Where(i => i.CustomerId == customerId && i.Status == "FINALIZED").OrderByDescending(i => i.Start, StringComparer.Ordinal))
        {
            foreach (var sub in _subLinesByInvoice.GetValueOrDefault(invoice.Id) ?? [])
            {
                if (sub.Quantity != 0)
                {
                    prices.TryAdd(sub.Name, sub.Subtotal / sub.Quantity);
                }
            }
        }

        var aliases = Customers.Single(c => c.Id == customerId).Aliases;
        var rules = new Dictionary<string, (string Quantity, string Group, string Family)[]>
        {
            ["usage_events"] = [("cpu_hours", "instanceType", "CPU hours"), ("storage_gb-hours", "region", "Storage GB-Hours")],
            ["image_modeler"] = [("num_images", "image_size", "Images")],
            ["language_modeler"] = [("words", "model", "Language Model")],
            ["fine_tuning"] = [("words", "model", "Fine Tuning")],
        };
        var total = 0m;
        foreach (var e in _events.Where(e => aliases.Contains(e.Alias) && e.Timestamp.StartsWith("2024-04", StringComparison.Ordinal)))
        {
            foreach (var (quantity, group, family) in rules.GetValueOrDefault(e.Type) ?? [])
            {
                if (e.Properties.TryGetValue(quantity, out var amount)
                    && e.Properties.TryGetValue(group, out var value)
                    && prices.TryGetValue($"{family} ({value.Replace('×', 'x')})", out var price))
                {
                    total += decimal.Parse(amount, NumberStyles.Float, CultureInfo.InvariantCulture) * price;
                }
            }
        }

        return total;
    }

    private static List<T> Read<T>(string path, Func<CsvReader, T> map)
    {
        using var reader = CsvReader.Open(path);
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    /// <summary>"2024-02-29 0:00:00" → "2024-02-29".</summary>
    private static string Day(string timestamp) => timestamp[..10];

    /// <summary>The export's "{key=value, key=value}" property text.</summary>
    private static Dictionary<string, string> Properties(string text) =>
        text.Trim('{', '}')
            .Split(", ", StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Where(kv => kv.Length == 2)
            .ToDictionary(kv => kv[0], kv => kv[1], StringComparer.Ordinal);
}
