using System.Globalization;
using Workbook.Core;

namespace Workbook.Egress;

/// <summary>What to generate.</summary>
/// <param name="EventsPerCustomer">The average for most customers; A1 and B1 Company send at least 800 events each.</param>
public sealed record EgressGeneratorOptions(int Customers = EgressGeneratorOptions.DefaultCustomers, int Seed = EgressGeneratorOptions.DefaultSeed, int EventsPerCustomer = EgressGeneratorOptions.DefaultEventsPerCustomer)
{
    public const int DefaultCustomers = 50;
    public const int DefaultSeed = 1;
    public const int DefaultEventsPerCustomer = 40;

    /// <summary>A1 Company and B1 Company are always generated: the questions name them.</summary>
    public const int MinimumCustomers = 2;
}

/// <summary>What a generator run wrote.</summary>
public readonly record struct GeneratedEgressData(int Customers, long Events, int Invoices, int FinalizedInvoices);

/// <summary>
/// Writes a synthetic Metronome data export: the nine files with the exercise's names, columns and quirks (CRLF, no
/// final newline, JSON in quoted cells, {k=v} properties, the 256×256 spelling, one-digit hours, fractional cents),
/// deterministic for a seed. Customers send events under ingest aliases; customers on a plan get a one-day
/// 29 February invoice and a March invoice (FINALIZED), an April DRAFT, and some a VOID copy. Every invoice is
/// priced from the customer's own events with <see cref="InvoiceRating"/>, so the reconciliation holds by
/// construction. Streams events, so 10,000 customers take seconds.
/// </summary>
public static class EgressGenerator
{
    private const string Environment = "SANDBOX";
    private const string CatalogCreatedAt = "2024-04-01 15:16:52";
    private const string InvoicesUpdatedAt = "2024-04-02 16:04:26";
    private const int AnchorEvents = 800;

    private static readonly DateTime EventsFrom = new(2024, 2, 29, 12, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime EventsTo = new(2024, 4, 2, 16, 0, 0, DateTimeKind.Utc);

    /// <summary>The billing periods every customer on a plan is invoiced for.</summary>
    private static readonly BillingPeriod[] Periods =
    [
        new(new DateTime(2024, 2, 29, 0, 0, 0, DateTimeKind.Utc), new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc), "FINALIZED", "2024-03-02 0:00:00"),
        new(new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2024, 4, 1, 0, 0, 0, DateTimeKind.Utc), "FINALIZED", "2024-04-02 0:00:00"),
        new(new DateTime(2024, 4, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2024, 5, 1, 0, 0, 0, DateTimeKind.Utc), "DRAFT", null),
    ];

    private static readonly string[] UserIds = ["bcartwright", "mjordan", "smarx", "kevin", "ben"];
    private static readonly string[] VerificationTypes = ["irs_tax_id_verification", "name_verification", "address_verification", "identity_check"];

    /// <summary>
    /// Writes the nine files into <paramref name="folder"/>, each atomically; <paramref name="cancellationToken"/> is
    /// checked before each customer's events (at most 150,000 rows apart), and a cancelled run leaves no temporary file
    /// and none of the files it was writing (the catalog and customer files written before stay, whole).
    /// </summary>
    public static GeneratedEgressData Write(string folder, EgressGeneratorOptions options, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Customers, EgressGeneratorOptions.MinimumCustomers);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.EventsPerCustomer, 1);
        var random = new Random(options.Seed);
        var catalog = SyntheticCatalog.Create(random);
        var customers = NewCustomers(random, catalog, options.Customers);

        WriteCatalog(folder, catalog);
        WriteCustomers(folder, customers);

        GeneratedEgressData totals = default;
        ExportCsvWriter.WriteFile(folder, "events", events =>
            ExportCsvWriter.WriteFile(folder, "invoice", invoices =>
                ExportCsvWriter.WriteFile(folder, "line_item", lines =>
                    ExportCsvWriter.WriteFile(folder, "sub_line_item", subLines =>
                    {
                        var run = new Run(random, catalog, options, events, invoices, lines, subLines);
                        totals = run.Generate(customers, progress, cancellationToken);
                    }))));
        return totals;
    }

    private sealed record BillingPeriod(DateTime Start, DateTime End, string Status, string? IssuedAt);

    private sealed record SyntheticCustomer(int Index, string Id, string Name, string Alias, SyntheticPlan? Plan, string CreatedAt);

    private static List<SyntheticCustomer> NewCustomers(Random random, SyntheticCatalog catalog, int count)
    {
        var aliases = new HashSet<string>(StringComparer.Ordinal) { "a1_company", "b1_company" };
        var customers = new List<SyntheticCustomer>(count);
        for (var i = 0; i < count; i++)
        {
            var createdAt = $"2024-04-02 15:{random.Next(40, 60):00}:{random.Next(60):00}";
            var id = SyntheticCatalog.NewGuid(random);
            customers.Add(i switch
            {
                0 => new SyntheticCustomer(i, id, "A1 Company", "a1_company", catalog.InfraPlan, createdAt),
                1 => new SyntheticCustomer(i, id, "B1 Company", "b1_company", catalog.FreePlan, createdAt),
                _ => new SyntheticCustomer(i, id, CompanyName(random), UniqueAlias(random, aliases),
                    random.Next(10) switch { < 4 => catalog.InfraPlan, < 8 => catalog.FreePlan, _ => null }, createdAt),
            });
        }

        return customers;
    }

    /// <summary>Names like the exercise's: "PZDTNYQO LLC".</summary>
    private static string CompanyName(Random random) =>
        RandomText(random, random.Next(5, 10), "ABCDEFGHIJKLMNOPQRSTUVWXYZ") + " " + (random.Next(3) switch { 0 => "LLC", 1 => "Inc.", _ => "Corp." });

    private static string UniqueAlias(Random random, HashSet<string> taken)
    {
        while (true)
        {
            var alias = RandomText(random, 8, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
            if (taken.Add(alias))
            {
                return alias;
            }
        }
    }

    private static string RandomText(Random random, int length, string alphabet) =>
        string.Create(length, (random, alphabet), (span, state) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = state.alphabet[state.random.Next(state.alphabet.Length)];
            }
        });

    private static void WriteCatalog(string folder, SyntheticCatalog catalog)
    {
        ExportCsvWriter.WriteFile(folder, "product", csv =>
        {
            csv.Row("id", "name", "description", "custom_fields", "created_at", "environment_type", "deprecated_at", "updated_at");
            foreach (var product in catalog.Products)
            {
                csv.Row(product.Id, product.Name, product.Name, $"{{\"x-seed-obj-id\":\"{product.SeedKey}\"}}", CatalogCreatedAt, Environment, null, CatalogCreatedAt);
            }
        });

        ExportCsvWriter.WriteFile(folder, "billable_metric", csv =>
        {
            csv.Row("id", "aggregate", "aggregate_keys", "environment_type", "group_keys", "name", "created_at", "archived_at", "updated_at");
            foreach (var metric in catalog.Metrics)
            {
                csv.Row(metric.Id, "sum", $"[\"{metric.AggregateKey}\"]", Environment, metric.GroupedByCluster ? "[\"clusterid\"]" : null,
                    metric.Name, CatalogCreatedAt, null, CatalogCreatedAt);
            }
        });

        ExportCsvWriter.WriteFile(folder, "plan", csv =>
        {
            csv.Row("id", "name", "description", "billing_frequency", "starting_on", "custom_fields", "environment_type", "created_at", "deprecated_at", "updated_at");
            foreach (var plan in catalog.Plans)
            {
                csv.Row(plan.Id, plan.Name, plan.Name, "MONTHLY", null, $"{{\"x-seed-obj-id\":\"{plan.SeedKey}\"}}", Environment, CatalogCreatedAt, null, CatalogCreatedAt);
            }
        });

        ExportCsvWriter.WriteFile(folder, "plan_charge", csv =>
        {
            csv.Row("id", "charge_id", "name", "plan_id", "product_id", "product_name", "billable_metric_id", "billable_metric_name", "start_period",
                "credit_type_id", "credit_type_name", "charge_type", "quantity", "environment_type", "custom_fields", "updated_at");
            foreach (var plan in catalog.Plans)
            {
                for (var i = 0; i < plan.Charges.Count; i++)
                {
                    var charge = plan.Charges[i];
                    csv.Row(plan.PlanChargeRowIds[i], charge.ChargeId, charge.ChargeName, plan.Id, charge.ProductId, charge.ProductName,
                        charge.BillableMetricId, charge.BillableMetricName, "0", charge.CreditType.Id, charge.CreditType.Name, "usage", null,
                        Environment, "{}", CatalogCreatedAt);
                }
            }
        });
    }

    private static void WriteCustomers(string folder, IReadOnlyList<SyntheticCustomer> customers) =>
        ExportCsvWriter.WriteFile(folder, "customer", csv =>
        {
            csv.Row("id", "name", "ingest_aliases", "salesforce_account_id", "billing_provider_type", "billing_provider_customer_id",
                "custom_fields", "environment_type", "created_at", "updated_at", "archived_at");
            foreach (var customer in customers)
            {
                csv.Row(customer.Id, customer.Name, $"[\"{customer.Alias}\"]", null, null, null, "{}", Environment, customer.CreatedAt, customer.CreatedAt, null);
            }
        });

    /// <summary>One generator run over the customers: their events, and the invoices priced from them.</summary>
    private sealed class Run(
        Random random,
        SyntheticCatalog catalog,
        EgressGeneratorOptions options,
        ExportCsvWriter events,
        ExportCsvWriter invoices,
        ExportCsvWriter lines,
        ExportCsvWriter subLines)
    {
        // Usage of the current customer, per billing period and metric index.
        private readonly decimal[][] _usage = [.. Periods.Select(_ => new decimal[catalog.Metrics.Count])];
        private long _events;
        private int _invoices;
        private int _finalized;

        public GeneratedEgressData Generate(IReadOnlyList<SyntheticCustomer> customers, IProgress<double>? progress, CancellationToken cancellationToken)
        {
            events.Row("transaction_id", "customer_id", "timestamp", "event_type", "properties", "environment_type");
            invoices.Row("id", "status", "total", "credit_type_id", "credit_type_name", "customer_id", "plan_id", "plan_name", "start_timestamp",
                "end_timestamp", "billing_provider_invoice_id", "billing_provider_invoice_external_status", "invoice_label", "issued_at", "metadata",
                "environment_type", "updated_at");
            lines.Row("id", "invoice_id", "credit_grant_id", "credit_type_id", "credit_type_name", "name", "quantity", "total", "commit_id",
                "product_id", "group_value", "updated_at");
            subLines.Row("id", "line_item_id", "name", "quantity", "subtotal", "charge_id", "billable_metric_id", "billable_metric_name", "tiers", "updated_at");

            foreach (var customer in customers)
            {
                cancellationToken.ThrowIfCancellationRequested();
                foreach (var periodUsage in _usage)
                {
                    Array.Clear(periodUsage);
                }

                SendEvents(customer);
                if (customer.Plan is { } plan)
                {
                    Invoice(customer, plan);
                }

                if ((customer.Index & 0xFF) == 0)
                {
                    progress?.Report((double)customer.Index / customers.Count);
                }
            }

            progress?.Report(1.0);
            return new GeneratedEgressData(customers.Count, _events, _invoices, _finalized);
        }

        private void SendEvents(SyntheticCustomer customer)
        {
            var anchor = customer.Index < 2;
            var count = anchor
                ? Math.Max(AnchorEvents, options.EventsPerCustomer)
                : random.Next(Math.Max(1, options.EventsPerCustomer / 2), options.EventsPerCustomer * 3 / 2 + 1);
            for (var i = 0; i < count; i++)
            {
                // A1 and B1 first use every metric of their plan once in March, so every charge is billed and priced.
                var coverage = anchor && i < customer.Plan!.Charges.Count ? i : -1;
                var time = coverage >= 0 ? RandomTime(Periods[1].Start, Periods[1].End) : RandomTime(EventsFrom, EventsTo);
                if (customer.Plan == catalog.InfraPlan)
                {
                    UsageEvent(customer, time, coverage);
                }
                else if (customer.Plan == catalog.FreePlan)
                {
                    ModelEvent(customer, time, coverage);
                }
                else
                {
                    UnbilledEvent(customer, time);
                }
            }
        }

        /// <summary>usage_events: one event feeds a CPU-hours metric (by instance type) and a storage metric (by region).</summary>
        private void UsageEvent(SyntheticCustomer customer, DateTime time, int coverage)
        {
            var instanceType = coverage >= 0 && coverage < SyntheticCatalog.InstanceTypes.Length
                ? SyntheticCatalog.InstanceTypes[coverage]
                : Pick(SyntheticCatalog.InstanceTypes);
            var region = coverage >= 0 ? SyntheticCatalog.Regions[coverage % SyntheticCatalog.Regions.Length] : Pick(SyntheticCatalog.Regions);
            var cpuHours = random.Next(1, 101);
            var storage = random.Next(1, 20_001) / 2m; // whole and half GB-hours, as in the exercise
            Event(customer, time, "usage_events", Properties(
                ("event_type_version", "1.1"), ("gpu_hours", Text(random.Next(0, 20))), ("provider", "aws"), ("cpu_hours", Text(cpuHours)),
                ("os_version", "7.1"), ("instanceType", instanceType), ("nodeCount", Text(random.Next(1, 6))),
                ("clusterid", $"{random.Next(0x10000):x4}-{random.Next(0x10000):x4}-{random.Next(0x10000):x4}"),
                ("source", $"instance{random.Next(100, 1000)}.nvidia.com"), ("region", region), ("storage_gb-hours", Numbers.Plain(storage))));
            Meter(customer, time, $"CPU hours ({instanceType})", cpuHours);
            Meter(customer, time, $"Storage GB-Hours ({region})", storage);
        }

        /// <summary>language_modeler, image_modeler and fine_tuning events, with the export's size spellings.</summary>
        private void ModelEvent(SyntheticCustomer customer, DateTime time, int coverage)
        {
            var kind = coverage >= 0
                ? catalog.Metric(customer.Plan!.Charges[coverage].BillableMetricName).Product.Name
                : random.Next(4) switch { 0 or 1 => "Language models", 2 => "Images modeled", _ => "Fine tuning" };
            var metricValue = coverage >= 0 ? GroupValue(customer.Plan!.Charges[coverage].BillableMetricName) : null;
            var user = Pick(UserIds);
            switch (kind)
            {
                case "Images modeled":
                    // 1 image event in 50 asks for a size no metric prices: counted by question (a), billed by nobody.
                    var size = metricValue ?? (random.Next(50) == 0 ? "2048x2048" : Pick(SyntheticCatalog.ImageSizes));
                    var images = random.Next(1, 21);
                    Event(customer, time, "image_modeler", Properties(("image_size", ExportSpelling(size)), ("user_id", user), ("num_images", Text(images))));
                    Meter(customer, time, $"Images ({size})", images);
                    break;
                case "Language models":
                case "Fine tuning":
                    var model = metricValue ?? Pick(SyntheticCatalog.Models);
                    var words = random.Next(1, 101);
                    var (eventType, family) = kind == "Fine tuning" ? ("fine_tuning", "Fine Tuning") : ("language_modeler", "Language Model");
                    Event(customer, time, eventType, Properties(("words", Text(words)), ("model", model), ("user_id", user)));
                    Meter(customer, time, $"{family} ({model})", words);
                    break;
            }
        }

        /// <summary>Events of customers without a plan: infrastructure usage, verifications, and metered usage nobody bills.</summary>
        private void UnbilledEvent(SyntheticCustomer customer, DateTime time)
        {
            switch (random.Next(5))
            {
                case 0 or 1:
                    Event(customer, time, "infra-usage", Properties(
                        ("cluster_name", $"cluster-{random.Next(1, 3)}"), ("csp", random.Next(2) == 0 ? "aws" : "azure"), ("unit", "vCPU-hour"),
                        ("cluster_id", $"cluster-id-{random.Next(1, 3)}"), ("quantity", Numbers.Plain(random.Next(1, 100_000_000) / 1_000_000m)),
                        ("prj_id", $"project-{random.Next(1, 3)}"), ("region_id", "ca-west-1"), ("organization_name", $"org-{random.Next(1, 3)}")));
                    break;
                case 2:
                    UsageEvent(customer, time, coverage: -1);
                    break;
                default:
                    Event(customer, time, Pick(VerificationTypes), Properties(
                        ("username", $"{Pick(UserIds)}@abccorp.com"), ("status", random.Next(3) == 0 ? "match-not-found" : "match-found")));
                    break;
            }
        }

        private void Event(SyntheticCustomer customer, DateTime time, string eventType, string properties)
        {
            Span<byte> id = stackalloc byte[16];
            random.NextBytes(id);
            events.Row(Convert.ToHexStringLower(id), customer.Alias, time.ToString("yyyy-MM-dd HH:mm:ss.ffffff 'UTC'", CultureInfo.InvariantCulture),
                eventType, properties, Environment);
            _events++;
        }

        private void Meter(SyntheticCustomer customer, DateTime time, string metricName, decimal quantity)
        {
            if (customer.Plan is null || catalog.TryMetric(metricName) is not { } metric)
            {
                return;
            }

            for (var p = 0; p < Periods.Length; p++)
            {
                if (time >= Periods[p].Start && time < Periods[p].End)
                {
                    _usage[p][metric.Index] += quantity;
                }
            }
        }

        private void Invoice(SyntheticCustomer customer, SyntheticPlan plan)
        {
            for (var p = 0; p < Periods.Length; p++)
            {
                var usage = catalog.Metrics.Select(m => new UsageQuantity(m.Id, _usage[p][m.Index]));
                var rated = InvoiceRating.Rate(plan.Charges, usage);
                // Every 10th customer also has a voided earlier version of one of its FINALIZED invoices.
                if (customer.Index >= 2 && customer.Index % 10 == 0 && p == customer.Index / 10 % 2)
                {
                    WriteInvoice(customer, plan, Periods[p] with { Status = "VOID" }, rated);
                }

                WriteInvoice(customer, plan, Periods[p], rated);
            }
        }

        private void WriteInvoice(SyntheticCustomer customer, SyntheticPlan plan, BillingPeriod period, IReadOnlyList<RatedLine> rated)
        {
            var invoiceId = SyntheticCatalog.NewGuid(random);
            invoices.Row(invoiceId, period.Status, Numbers.Plain(InvoiceRating.Total(rated, CreditType.UsdCents).Amount), CreditType.UsdCentsId,
                CreditType.UsdCentsName, customer.Id, plan.Id, plan.Name, InvoiceTime(period.Start), InvoiceTime(period.End), null, null,
                "PLAN_ARREARS", period.IssuedAt, "{\"corrections\":{}}", Environment, InvoicesUpdatedAt);
            _invoices++;
            _finalized += period.Status == "FINALIZED" ? 1 : 0;
            foreach (var line in rated)
            {
                var lineId = SyntheticCatalog.NewGuid(random);
                lines.Row(lineId, invoiceId, null, line.CreditType.Id, line.CreditType.Name, line.ProductName, "1", Numbers.Plain(line.Total), null,
                    line.ProductId, null, InvoicesUpdatedAt);
                foreach (var sub in line.SubLines)
                {
                    subLines.Row(SyntheticCatalog.NewGuid(random), lineId, sub.Charge.ChargeName, Numbers.Plain(sub.Quantity), Numbers.Plain(sub.Subtotal),
                        sub.Charge.ChargeId, sub.Charge.BillableMetricId, sub.Charge.BillableMetricName, "[{}]", InvoicesUpdatedAt);
                }
            }
        }

        private DateTime RandomTime(DateTime from, DateTime to) =>
            from.AddMilliseconds(random.NextInt64((long)(to - from).TotalMilliseconds));

        private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
    }

    /// <summary>The export spells 256x256 and 512x512 with U+00D7 and 1024x1024 with an ASCII x.</summary>
    private static string ExportSpelling(string size) => size is "256x256" or "512x512" ? size.Replace('x', '×') : size;

    /// <summary>"Images (512x512)" → "512x512".</summary>
    private static string GroupValue(string metricName) => metricName[(metricName.IndexOf('(') + 1)..^1];

    /// <summary>Invoice timestamps as the export writes them: "2024-02-29 0:00:00" (one-digit hour).</summary>
    private static string InvoiceTime(DateTime time) => time.ToString("yyyy-MM-dd H:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>The export's {key=value, key=value} properties.</summary>
    private static string Properties(params ReadOnlySpan<(string Key, string Value)> pairs)
    {
        var text = new System.Text.StringBuilder("{");
        foreach (var (key, value) in pairs)
        {
            text.Append(text.Length > 1 ? ", " : "").Append(key).Append('=').Append(value);
        }

        return text.Append('}').ToString();
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
