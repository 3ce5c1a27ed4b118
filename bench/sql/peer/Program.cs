// The peer of `workbook egress` (bench/sql/run.sh): one process hands the nine raw CSVs of a Metronome data export
// to DuckDB (read_csv), parses the {key=value} properties and both timestamp spellings in SQL, keeps money and
// quantities as exact decimals, and writes the same five answer CSVs as the workbook. It validates nothing beyond
// what DuckDB's casts refuse: it is the engine's own speed, the bar the workbook is measured against.
//
//   SqlPeer <export folder> <output folder>
//
// Phase times go to stdout, one "<phase>\t<wall seconds>\t<CPU seconds>" line each. Each answer's SQL is a block of its own below, so it can be read (and adjusted) alone.
using System.Diagnostics;
using System.Globalization;
using System.Text;
using DuckDB.NET.Data;

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: SqlPeer <export folder> <output folder>");
    return 2;
}

var (data, output) = (args[0], args[1]);
Directory.CreateDirectory(output);
var clock = Stopwatch.StartNew();
var cpu = Process.GetCurrentProcess().TotalProcessorTime;
using var connection = new DuckDBConnection("Data Source=:memory:");
connection.Open();
Execute("SET TimeZone = 'UTC'");
Execute(Sql.Load.Replace("{data}", data.Replace("'", "''")));
Phase("load");

Write("images_by_size.csv", "image_size,num_images", Sql.ImagesBySize,
    row => [Text(row, 0), Plain(row.GetDecimal(1))]);
Phase("(a) images_by_size");
Write("a1_march_invoice.csv", "product,description,quantity,unit_price_usd,total_usd", Sql.A1MarchInvoice,
    row => [
        Text(row, 0), Text(row, 1),
        row.IsDBNull(2) ? "" : Plain(row.GetDecimal(2)),
        row.IsDBNull(2) || row.GetDecimal(2) == 0 ? "" : Fixed(row.GetDecimal(3) / row.GetDecimal(2) / 100m, 6),
        Fixed(row.GetDecimal(3) / 100m, 2),
    ]);
Phase("(b) a1_march_invoice");
Write("billings_by_plan.csv", "plan_name,invoices,customers,total_usd", Sql.BillingsByPlan, Billing);
Phase("(c) billings_by_plan");
Write("billings_by_plan_issued.csv", "plan_name,invoices,customers,total_usd", Sql.BillingsByPlanIssued, Billing);
Phase("(c) billings_by_plan_issued");
Write("reconciliation.csv", "customer_name,period_start,period_end,product,billable_metric,billed_quantity,metered_quantity,difference,status",
    Sql.Reconciliation,
    row => [Text(row, 0), Text(row, 1), Text(row, 2), Text(row, 3), Text(row, 4),
        Plain(row.GetDecimal(5)), Plain(row.GetDecimal(6)), Plain(row.GetDecimal(7)), Text(row, 8)]);
Phase("reconciliation");
return 0;

void Execute(string sql)
{
    using var command = connection.CreateCommand();
    command.CommandText = sql;
    command.ExecuteNonQuery();
}

void Phase(string name)
{
    var nowCpu = Process.GetCurrentProcess().TotalProcessorTime;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}\t{clock.Elapsed.TotalSeconds:0.000}\t{(nowCpu - cpu).TotalSeconds:0.000}"));
    cpu = nowCpu;
    clock.Restart();
}

void Write(string file, string header, string sql, Func<System.Data.Common.DbDataReader, string[]> fields)
{
    using var command = connection.CreateCommand();
    command.CommandText = sql;
    using var reader = command.ExecuteReader();
    using var writer = new StreamWriter(Path.Combine(output, file), false, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
    writer.WriteLine(header);
    while (reader.Read())
    {
        writer.WriteLine(string.Join(',', fields(reader).Select(Quoted)));
    }
}

static string[] Billing(System.Data.Common.DbDataReader row) =>
    [row.IsDBNull(0) ? "(no plan)" : row.GetString(0), Convert.ToInt64(row.GetValue(1), CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
        Convert.ToInt64(row.GetValue(2), CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture), Fixed(row.GetDecimal(3) / 100m, 2)];

static string Text(System.Data.Common.DbDataReader row, int ordinal) => row.IsDBNull(ordinal) ? "" : row.GetString(ordinal);

// Quantities as written: no trailing zeros. Money: half away from zero, fixed decimals.
static string Plain(decimal value) => (value / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);

static string Fixed(decimal value, int decimals) =>
    Math.Round(value, decimals, MidpointRounding.AwayFromZero).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

static string Quoted(string field) =>
    field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : "\"" + field.Replace("\"", "\"\"") + "\"";

/// <summary>The peer's SQL: the load, then one block per answer.</summary>
internal static class Sql
{
    /// <summary>
    /// The nine files into tables. Timestamps come as '2024-03-13 00:57:44.673000 UTC' or '2024-02-29 0:00:00',
    /// truncated to the millisecond; events keep the properties the answers read, parsed from '{key=value, key=value}'.
    /// Only the columns the answers read are kept.
    /// </summary>
    public const string Load = """
        CREATE MACRO export_ts(t) AS CAST(date_trunc('millisecond', COALESCE(
            try_strptime(t, '%Y-%m-%d %H:%M:%S.%f UTC'), try_strptime(t, '%Y-%m-%d %-H:%M:%S'))) AS TIMESTAMPTZ);
        CREATE MACRO export_file(t) AS '{data}/Metronome Sample Egress Data - ' || t || '.csv';
        CREATE MACRO prop(p, key) AS NULLIF(regexp_extract(p, '[{ ]' || key || '=([^,}]*)', 1), '');

        CREATE TABLE customer AS
        SELECT id, name, ingest_aliases
        FROM read_csv(export_file('customer'), header = true, all_varchar = true);

        CREATE TABLE customer_ingest_alias AS
        SELECT unnest(from_json(ingest_aliases, '["VARCHAR"]')) AS alias, id AS customer_id
        FROM customer;

        CREATE TABLE billable_metric AS
        SELECT id, name, archived_at
        FROM read_csv(export_file('billable_metric'), header = true, all_varchar = true);

        CREATE TABLE plan_charge AS
        SELECT plan_id, product_name, billable_metric_id
        FROM read_csv(export_file('plan_charge'), header = true, all_varchar = true);

        CREATE TABLE invoice AS
        SELECT id, status, CAST(total AS DECIMAL(38, 12)) AS total, credit_type_name, customer_id, plan_id, plan_name,
               export_ts(start_timestamp) AS start_timestamp, export_ts(end_timestamp) AS end_timestamp,
               export_ts(issued_at) AS issued_at
        FROM read_csv(export_file('invoice'), header = true, all_varchar = true);

        CREATE TABLE line_item AS
        SELECT id, invoice_id, name
        FROM read_csv(export_file('line_item'), header = true, all_varchar = true);

        CREATE TABLE sub_line_item AS
        SELECT id, line_item_id, name, CAST(quantity AS DECIMAL(38, 12)) AS quantity,
               CAST(subtotal AS DECIMAL(38, 12)) AS subtotal, billable_metric_id
        FROM read_csv(export_file('sub_line_item'), header = true, all_varchar = true);

        -- Events keep the properties the metric rules read, each taken out of '{key=value, ...}' once, for its event type.
        CREATE TABLE events AS
        SELECT customer_id, export_ts(timestamp) AS timestamp, event_type,
               CASE WHEN event_type = 'usage_events' THEN prop(properties, 'instanceType') END AS instance_type,
               CASE WHEN event_type = 'usage_events' THEN prop(properties, 'cpu_hours') END AS cpu_hours,
               CASE WHEN event_type = 'usage_events' THEN prop(properties, 'region') END AS region,
               CASE WHEN event_type = 'usage_events' THEN prop(properties, 'storage_gb-hours') END AS storage_gb_hours,
               CASE WHEN event_type = 'image_modeler' THEN prop(properties, 'image_size') END AS image_size,
               CASE WHEN event_type = 'image_modeler' THEN prop(properties, 'num_images') END AS num_images,
               CASE WHEN event_type IN ('language_modeler', 'fine_tuning') THEN prop(properties, 'model') END AS model,
               CASE WHEN event_type IN ('language_modeler', 'fine_tuning') THEN prop(properties, 'words') END AS words
        FROM read_csv(export_file('events'), header = true, all_varchar = true);

        -- Which events feed which billable metric: the workbook's reconstruction (lib/Egress/Sql/schema.sql's
        -- metric_rule), one block per rule: a metric named "<family> (<group value>)" sums the quantity property.
        CREATE TABLE usage AS
        SELECT a.customer_id, e.timestamp, m.id AS billable_metric_id, TRY_CAST(e.quantity AS DECIMAL(38, 18)) AS quantity
        FROM (
            SELECT customer_id, timestamp, 'CPU hours' AS family, instance_type AS group_value, cpu_hours AS quantity
            FROM events WHERE event_type = 'usage_events'
            UNION ALL
            SELECT customer_id, timestamp, 'Storage GB-Hours', region, storage_gb_hours FROM events WHERE event_type = 'usage_events'
            UNION ALL
            SELECT customer_id, timestamp, 'Images', image_size, num_images FROM events WHERE event_type = 'image_modeler'
            UNION ALL
            SELECT customer_id, timestamp, 'Language Model', model, words FROM events WHERE event_type = 'language_modeler'
            UNION ALL
            SELECT customer_id, timestamp, 'Fine Tuning', model, words FROM events WHERE event_type = 'fine_tuning'
        ) e
        JOIN customer_ingest_alias a ON a.alias = e.customer_id
        JOIN billable_metric m ON m.name = e.family || ' (' || replace(e.group_value, '×', 'x') || ')' AND m.archived_at IS NULL;
        """;

    /// <summary>(a) Images generated 10-25 March 2024 by size, sizes spelled with an ASCII x, ordered by their leading number.</summary>
    public const string ImagesBySize = """
        SELECT size AS image_size, SUM(TRY_CAST(num_images AS DECIMAL(38, 18))) AS num_images
        FROM (SELECT replace(image_size, '×', 'x') AS size, num_images FROM events
              WHERE event_type = 'image_modeler'
                AND timestamp >= '2024-03-10T00:00:00.000Z' AND timestamp < '2024-03-26T00:00:00.000Z')
        GROUP BY size
        ORDER BY TRY_CAST(regexp_extract(size, '^[0-9]+') AS HUGEINT) NULLS FIRST, size NULLS FIRST;
        """;

    /// <summary>(b) A1 Company's FINALIZED invoice for the period starting in March 2024: charges, product subtotals, invoice total (cents).</summary>
    public const string A1MarchInvoice = """
        WITH march_invoice AS (
            SELECT i.id, i.total
            FROM invoice i JOIN customer c ON c.id = i.customer_id
            WHERE c.name = 'A1 Company' AND i.status = 'FINALIZED'
              AND i.start_timestamp >= '2024-03-01T00:00:00.000Z' AND i.start_timestamp < '2024-04-01T00:00:00.000Z'
        ),
        charges AS (
            SELECT li.name AS product, s.name AS description, s.quantity, s.subtotal, s.id AS sub_line_id
            FROM march_invoice m
            JOIN line_item li ON li.invoice_id = m.id
            JOIN sub_line_item s ON s.line_item_id = li.id
            WHERE li.name IN ('CPU Hours', 'Storage')
        )
        SELECT product, description, quantity, total_cents
        FROM (
            SELECT 1 AS section, product, 0 AS row_order, description, quantity, subtotal AS total_cents, sub_line_id FROM charges
            UNION ALL
            SELECT 1, product, 1, 'Subtotal', NULL, SUM(subtotal), NULL FROM charges GROUP BY product
            UNION ALL
            SELECT 2, NULL, 2, 'Invoice total', NULL, total, NULL FROM march_invoice
        )
        ORDER BY section, product, row_order, description NULLS FIRST, sub_line_id;
        """;

    /// <summary>(c) FINALIZED USD invoices whose billing period starts in March 2024, by plan (cents).</summary>
    public const string BillingsByPlan = """
        SELECT plan_name, COUNT(*) AS invoices, COUNT(DISTINCT customer_id) AS customers, SUM(total) AS total_cents
        FROM invoice
        WHERE status = 'FINALIZED' AND credit_type_name = 'USD (cents)'
          AND start_timestamp >= '2024-03-01T00:00:00.000Z' AND start_timestamp < '2024-04-01T00:00:00.000Z'
        GROUP BY plan_id, plan_name
        ORDER BY total_cents DESC, plan_name NULLS FIRST, plan_id NULLS FIRST;
        """;

    /// <summary>(c), the other reading: FINALIZED USD invoices issued in March 2024, by plan (cents).</summary>
    public const string BillingsByPlanIssued = """
        SELECT plan_name, COUNT(*) AS invoices, COUNT(DISTINCT customer_id) AS customers, SUM(total) AS total_cents
        FROM invoice
        WHERE status = 'FINALIZED' AND credit_type_name = 'USD (cents)'
          AND issued_at >= '2024-03-01T00:00:00.000Z' AND issued_at < '2024-04-01T00:00:00.000Z'
        GROUP BY plan_id, plan_name
        ORDER BY total_cents DESC, plan_name NULLS FIRST, plan_id NULLS FIRST;
        """;

    /// <summary>
    /// Every FINALIZED invoice's billed quantity per billable metric against the quantity metered from its events
    /// over [start, end), for the metrics its plan charges; metered usage that was not billed is listed too.
    /// </summary>
    public const string Reconciliation = """
        WITH finalized AS (
            SELECT id, customer_id, plan_id, start_timestamp, end_timestamp FROM invoice WHERE status = 'FINALIZED'
        ),
        charged AS (
            SELECT plan_id, billable_metric_id, MIN(product_name) AS product FROM plan_charge GROUP BY ALL
        ),
        billed AS (
            SELECT f.id AS invoice_id, s.billable_metric_id, li.name AS product, SUM(s.quantity) AS quantity
            FROM finalized f
            JOIN line_item li ON li.invoice_id = f.id
            JOIN sub_line_item s ON s.line_item_id = li.id
            GROUP BY ALL
        ),
        metered AS (
            SELECT f.id AS invoice_id, u.billable_metric_id, ANY_VALUE(c.product) AS product, SUM(u.quantity) AS quantity
            FROM finalized f
            JOIN usage u ON u.customer_id = f.customer_id AND u.timestamp >= f.start_timestamp AND u.timestamp < f.end_timestamp
            JOIN charged c ON c.plan_id = f.plan_id AND c.billable_metric_id = u.billable_metric_id
            GROUP BY ALL
        ),
        compared AS (
            SELECT COALESCE(b.invoice_id, m.invoice_id) AS invoice_id,
                   COALESCE(b.billable_metric_id, m.billable_metric_id) AS billable_metric_id,
                   CASE WHEN b.invoice_id IS NULL THEN m.product ELSE b.product END AS product,
                   COALESCE(b.quantity, 0) AS billed, COALESCE(m.quantity, 0) AS metered
            FROM billed b
            FULL JOIN metered m ON m.invoice_id = b.invoice_id AND m.billable_metric_id = b.billable_metric_id
        )
        SELECT c.name AS customer_name,
               strftime(i.start_timestamp, '%Y-%m-%d') AS period_start,
               strftime(i.end_timestamp, '%Y-%m-%d') AS period_end,
               x.product, bm.name AS billable_metric, x.billed, x.metered,
               round(x.metered - x.billed, 6) AS difference,
               CASE WHEN round(x.metered, 6) = round(x.billed, 6) THEN 'match'
                    WHEN x.billed = 0 THEN 'not billed' ELSE 'mismatch' END AS status
        FROM compared x
        JOIN invoice i ON i.id = x.invoice_id
        JOIN customer c ON c.id = i.customer_id
        LEFT JOIN billable_metric bm ON bm.id = x.billable_metric_id
        ORDER BY customer_name, period_start, i.id, x.product NULLS FIRST, billable_metric NULLS FIRST;
        """;
}
