using System.Globalization;
using System.Text.RegularExpressions;
using Workbook.Core;
using Workbook.Egress;

namespace Workbook.Tests.Egress;

/// <summary>
/// The three questions on a generated export, against values computed here independently from the generated
/// CSV files (plain string handling, no SQL, no loader), plus the generator's own contract.
/// </summary>
public class GeneratedExportTests : IClassFixture<GeneratedExportTests.Generated>
{
    public sealed class Generated : IDisposable
    {
        private readonly TempDir _dir = new();

        public Generated()
        {
            Totals = EgressGenerator.Write(Folder, new EgressGeneratorOptions(Customers: 60, Seed: 7, EventsPerCustomer: 60));
            Database = EgressDatabase.Load(Folder);
            Answers = EgressAnswers.Query(Database.Connection);
        }

        public string Folder => _dir.Path;

        public GeneratedEgressData Totals { get; }

        public EgressDatabase Database { get; }

        public EgressAnswers Answers { get; }

        public List<Dictionary<string, string>> Rows(string table)
        {
            using var csv = CsvReader.Open(Path.Combine(Folder, EgressExport.FileName(table)));
            var rows = new List<Dictionary<string, string>>();
            while (csv.Read())
            {
                rows.Add(csv.Header.Select((name, i) => (name, value: csv.GetString(i))).ToDictionary(x => x.name, x => x.value));
            }

            return rows;
        }

        public void Dispose()
        {
            Database.Dispose();
            _dir.Dispose();
        }
    }

    private readonly Generated _generated;

    public GeneratedExportTests(Generated generated) => _generated = generated;

    private static DateTime EventTime(string text) =>
        DateTime.ParseExact(text, "yyyy-MM-dd HH:mm:ss.ffffff 'UTC'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    private static DateTime InvoiceTime(string text) =>
        DateTime.ParseExact(text, "yyyy-MM-dd H:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    private static string Property(string properties, string key) => Regex.Match(properties, $@"[{{ ]{Regex.Escape(key)}=([^,}}]*)").Groups[1].Value;

    [Fact]
    public void A_images_by_size_match_the_events()
    {
        var from = new DateTime(2024, 3, 10, 0, 0, 0, DateTimeKind.Utc);
        var to = new DateTime(2024, 3, 26, 0, 0, 0, DateTimeKind.Utc);
        var expected = _generated.Rows("events")
            .Where(e => e["event_type"] == "image_modeler" && EventTime(e["timestamp"]) >= from && EventTime(e["timestamp"]) < to)
            .GroupBy(e => Property(e["properties"], "image_size").Replace('×', 'x'))
            .ToDictionary(g => g.Key, g => g.Sum(e => decimal.Parse(Property(e["properties"], "num_images"), CultureInfo.InvariantCulture)));

        Assert.Equal(expected.OrderBy(x => x.Key), _generated.Answers.ImagesBySize.ToDictionary(x => x.ImageSize!, x => x.NumImages).OrderBy(x => x.Key));
        Assert.Contains("2048x2048", expected.Keys); // a size no metric prices is counted, not dropped
        Assert.Equal(["256x256", "512x512", "1024x1024", "2048x2048"], _generated.Answers.ImagesBySize.Select(x => x.ImageSize));
    }

    [Fact]
    public void B_a1_march_invoice_quantities_are_a1s_march_events_and_add_up_to_the_invoice_total()
    {
        var march = (From: new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc), To: new DateTime(2024, 4, 1, 0, 0, 0, DateTimeKind.Utc));
        var a1Events = _generated.Rows("events")
            .Where(e => e["customer_id"] == "a1_company" && e["event_type"] == "usage_events"
                        && EventTime(e["timestamp"]) >= march.From && EventTime(e["timestamp"]) < march.To)
            .Select(e => e["properties"])
            .ToList();
        var expected = a1Events
            .GroupBy(p => $"CPU hours ({Property(p, "instanceType")})")
            .Select(g => (g.Key, Quantity: g.Sum(p => decimal.Parse(Property(p, "cpu_hours"), CultureInfo.InvariantCulture))))
            .Concat(a1Events
                .GroupBy(p => $"Storage GB-Hours ({Property(p, "region")})")
                .Select(g => (g.Key, Quantity: g.Sum(p => decimal.Parse(Property(p, "storage_gb-hours"), CultureInfo.InvariantCulture)))))
            .OrderBy(x => x.Key, StringComparer.Ordinal)
            .ToList();

        var rows = _generated.Answers.A1MarchInvoice;
        var charges = rows.Where(r => r.Kind == InvoiceRowKind.Charge).ToList();
        Assert.Equal(20, charges.Count); // every instance type and region, by construction of A1's events
        Assert.Equal(expected, charges.Select(r => (r.Description, r.Quantity!.Value)).OrderBy(x => x.Description, StringComparer.Ordinal));
        Assert.All(charges, r => Assert.Equal(r.TotalUsd, Math.Round(r.Quantity!.Value * r.UnitPriceUsd!.Value, 10)));

        var a1 = _generated.Rows("customer").Single(c => c["name"] == "A1 Company")["id"];
        var billed = _generated.Rows("invoice").Single(i => i["customer_id"] == a1 && i["status"] == "FINALIZED" && InvoiceTime(i["start_timestamp"]) == march.From);
        Assert.Equal(decimal.Parse(billed["total"], CultureInfo.InvariantCulture) / 100m, rows.Single(r => r.Kind == InvoiceRowKind.InvoiceTotal).TotalUsd);
        Assert.Equal(charges.Sum(r => r.TotalUsd), rows.Single(r => r.Kind == InvoiceRowKind.InvoiceTotal).TotalUsd);
        Assert.Null(_generated.Answers.A1MarchInvoiceDiscrepancy());
    }

    [Fact]
    public void C_billings_by_plan_match_the_invoice_file_and_skip_void_and_draft()
    {
        var invoices = _generated.Rows("invoice");
        Assert.Contains(invoices, i => i["status"] == "VOID");
        Assert.Contains(invoices, i => i["status"] == "DRAFT");

        IEnumerable<PlanBilling> Expected(string column) => invoices
            .Where(i => i["status"] == "FINALIZED" && i[column] != "" && InvoiceTime(i[column]) is { Year: 2024, Month: 3 })
            .GroupBy(i => i["plan_name"])
            .Select(g => new PlanBilling(g.Key, g.Count(), g.Select(i => i["customer_id"]).Distinct().Count(),
                g.Sum(i => decimal.Parse(i["total"], CultureInfo.InvariantCulture)) / 100m))
            .OrderByDescending(p => p.TotalUsd);

        Assert.Equal(Expected("start_timestamp"), _generated.Answers.BillingsByPlan);
        Assert.Equal(Expected("issued_at"), _generated.Answers.BillingsByPlanIssued);
    }

    [Fact]
    public void Reconciliation_holds_by_construction_for_every_finalized_sub_line()
    {
        var finalized = _generated.Rows("invoice").Where(i => i["status"] == "FINALIZED").Select(i => i["id"]).ToHashSet();
        var lines = _generated.Rows("line_item").Where(l => finalized.Contains(l["invoice_id"])).Select(l => l["id"]).ToHashSet();
        var subLines = _generated.Rows("sub_line_item").Count(s => lines.Contains(s["line_item_id"]));

        Assert.Equal(subLines, _generated.Answers.Reconciliation.Count);
        Assert.All(_generated.Answers.Reconciliation, row => Assert.Equal(ReconciliationRow.Match, row.Status));
    }

    [Fact]
    public void Rating_the_loaded_export_reproduces_every_finalized_invoice()
    {
        var connection = _generated.Database.Connection;
        var prices = ChargePrices.Load(connection);
        Assert.Equal(31, prices.Count); // every charge was billed, so every price is known
        foreach (var invoice in _generated.Rows("invoice").Where(i => i["status"] == "FINALIZED"))
        {
            var lines = InvoiceRating.Rate(
                prices.Where(p => p.PlanId == invoice["plan_id"]),
                MeteredUsage.ForPeriod(connection, invoice["customer_id"], InvoiceTime(invoice["start_timestamp"]), InvoiceTime(invoice["end_timestamp"])));
            Assert.Equal(decimal.Parse(invoice["total"], CultureInfo.InvariantCulture), InvoiceRating.Total(lines, CreditType.UsdCents).Amount);
        }
    }

    [Fact]
    public void Generated_files_have_the_exercise_headers_and_quirks()
    {
        foreach (var table in EgressExport.Tables)
        {
            var generated = File.ReadAllText(Path.Combine(_generated.Folder, EgressExport.FileName(table)));
            var exerciseHeader = File.ReadLines(Path.Combine(SharedData.EgressDir, EgressExport.FileName(table))).First();
            Assert.Equal(exerciseHeader, generated[..generated.IndexOf("\r\n", StringComparison.Ordinal)]);
            Assert.DoesNotContain("\n", generated.Replace("\r\n", "", StringComparison.Ordinal)); // CRLF only
            Assert.False(generated.EndsWith('\n'), $"{table} ends with a newline");
        }

        var events = File.ReadAllText(Path.Combine(_generated.Folder, EgressExport.FileName("events")));
        Assert.Contains("image_size=256×256", events);
        Assert.Contains("image_size=1024x1024", events);
        Assert.Matches(@"\r\n[0-9a-f]{32},[A-Z0-9]{8},2024-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}000 UTC,", events);
        Assert.Contains(",\"[\"\"a1_company\"\"]\",", File.ReadAllText(Path.Combine(_generated.Folder, EgressExport.FileName("customer"))));
        Assert.Contains(",2024-02-29 0:00:00,2024-03-01 0:00:00,", File.ReadAllText(Path.Combine(_generated.Folder, EgressExport.FileName("invoice"))));
        Assert.Matches(@",\d+\.\d{3},", File.ReadAllText(Path.Combine(_generated.Folder, EgressExport.FileName("sub_line_item")))); // fractional cents
    }

    [Fact]
    public void The_same_seed_gives_byte_identical_files_and_another_seed_does_not()
    {
        using var again = new TempDir();
        using var other = new TempDir();
        var options = new EgressGeneratorOptions(Customers: 60, Seed: 7, EventsPerCustomer: 60);
        Assert.Equal(_generated.Totals, EgressGenerator.Write(again.Path, options));
        EgressGenerator.Write(other.Path, options with { Seed = 8 });
        foreach (var file in EgressExport.Tables.Select(EgressExport.FileName))
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(_generated.Folder, file)), File.ReadAllBytes(Path.Combine(again.Path, file)));
        }

        Assert.NotEqual(
            File.ReadAllBytes(Path.Combine(_generated.Folder, EgressExport.FileName("events"))),
            File.ReadAllBytes(Path.Combine(other.Path, EgressExport.FileName("events"))));
    }
}
