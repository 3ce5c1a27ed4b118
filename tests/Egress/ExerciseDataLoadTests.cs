using Workbook.Egress;
using static Workbook.Tests.Egress.SqliteValuesForTests;

namespace Workbook.Tests.Egress;

/// <summary>The exercise's export loads with every quirk handled (facts checked by hand on the files).</summary>
public class ExerciseDataLoadTests
{
    [Fact]
    public void Loads_every_table_with_its_row_count()
    {
        using var db = EgressDatabase.Load(SharedData.EgressDir);
        Assert.Equal(52L, db.RowCounts["customer"]);
        Assert.Equal(16_653L, db.RowCounts["events"]);
        Assert.Equal(4L, db.RowCounts["invoice"]);
        Assert.Equal(10L, db.RowCounts["line_item"]);
        Assert.Equal(51L, db.RowCounts["sub_line_item"]);
        Assert.Equal(2L, db.RowCounts["plan"]);
        Assert.Equal(31L, db.RowCounts["plan_charge"]);
        Assert.Equal(5L, db.RowCounts["product"]);
        Assert.Equal(31L, db.RowCounts["billable_metric"]);
        Assert.Equal(16_653L, Scalar(db.Connection, "SELECT COUNT(*) FROM events"));
    }

    [Fact]
    public void Timestamps_are_fixed_width_iso_utc()
    {
        using var db = EgressDatabase.Load(SharedData.EgressDir);
        Assert.Equal("2024-02-29T15:57:24.017Z", Scalar(db.Connection, "SELECT MIN(timestamp) FROM events"));
        Assert.Equal("2024-04-02T16:03:33.485Z", Scalar(db.Connection, "SELECT MAX(timestamp) FROM events"));
        Assert.Equal(0L, Scalar(db.Connection, "SELECT COUNT(*) FROM events WHERE length(timestamp) <> 24"));
        // "2024-02-29 0:00:00" (one-digit hour) and "2024-04-02 0:00:00"
        Assert.Equal("2024-02-29T00:00:00.000Z", Scalar(db.Connection, "SELECT MIN(start_timestamp) FROM invoice"));
        Assert.Equal("2024-04-02T00:00:00.000Z", Scalar(db.Connection, "SELECT MAX(issued_at) FROM invoice"));
        Assert.Equal("2024-04-02T15:49:30.000Z", Scalar(db.Connection, "SELECT created_at FROM customer WHERE name = 'PZDTNYQO LLC'"));
    }

    [Fact]
    public void Events_customer_id_is_resolved_through_the_ingest_aliases()
    {
        using var db = EgressDatabase.Load(SharedData.EgressDir);
        Assert.Equal(52L, Scalar(db.Connection, "SELECT COUNT(*) FROM customer_ingest_alias"));
        Assert.Equal("A1 Company", Scalar(db.Connection,
            "SELECT c.name FROM customer_ingest_alias a JOIN customer c ON c.id = a.customer_id WHERE a.alias = 'a1_company'"));
        Assert.Equal("b1_company", Scalar(db.Connection,
            "SELECT a.alias FROM customer_ingest_alias a JOIN customer c ON c.id = a.customer_id WHERE c.name = 'B1 Company'"));
        Assert.Equal(0L, Scalar(db.Connection,
            "SELECT COUNT(*) FROM events e LEFT JOIN customer_ingest_alias a ON a.alias = e.customer_id WHERE a.alias IS NULL"));
    }

    [Fact]
    public void Properties_are_kept_as_a_json_object_in_the_exported_order()
    {
        using var db = EgressDatabase.Load(SharedData.EgressDir);
        var json = (string)Scalar(db.Connection, "SELECT properties_json FROM events WHERE transaction_id = 'ba9ee5f395704915a5863248f3eda2f8'")!;
        Assert.StartsWith("""{"event_type_version":1.1,"gpu_hours":15,""", json);
        Assert.Equal("m5.4xlarge", Scalar(db.Connection,
            "SELECT json_extract(properties_json, '$.instanceType') FROM events WHERE transaction_id = 'ba9ee5f395704915a5863248f3eda2f8'"));
        Assert.Equal(8337L, Scalar(db.Connection,
            "SELECT json_extract(properties_json, '$.\"storage_gb-hours\"') FROM events WHERE transaction_id = 'ba9ee5f395704915a5863248f3eda2f8'"));
        Assert.Equal(0L, Scalar(db.Connection, "SELECT COUNT(*) FROM events WHERE NOT json_valid(properties_json)"));
        // The U+00D7 spelling is kept as exported; the questions normalise it.
        Assert.Equal(537L, Scalar(db.Connection,
            "SELECT COUNT(*) FROM events WHERE json_extract(properties_json, '$.image_size') IN ('256×256', '512×512')"));
    }

    [Fact]
    public void Fractional_cents_and_fractional_quantities_are_kept()
    {
        using var db = EgressDatabase.Load(SharedData.EgressDir);
        Assert.Equal(810127.205, Scalar(db.Connection, "SELECT total FROM invoice WHERE id = 'c5aa6605-348a-461a-a615-87220a4c620b'"));
        Assert.Equal(1011415.5, Scalar(db.Connection, "SELECT quantity FROM sub_line_item WHERE id = '5bf479b7-1157-5a60-a8a2-83519b0f029b'"));
    }

    [Fact]
    public void Metered_usage_maps_events_to_the_metric_they_feed()
    {
        using var db = EgressDatabase.Load(SharedData.EgressDir);
        // usage_events feed two metrics each (CPU hours and storage); image, language and fine-tuning events one.
        Assert.Equal(4758L * 2 + 793 + 2379 + 793, Scalar(db.Connection, "SELECT COUNT(*) FROM metered_usage"));
        Assert.Equal(3052.0, Scalar(db.Connection,
            """
            SELECT SUM(u.quantity) FROM metered_usage u JOIN billable_metric m ON m.id = u.billable_metric_id
            JOIN customer c ON c.id = u.customer_id
            WHERE c.name = 'A1 Company' AND m.name = 'CPU hours (m5.4xlarge)'
              AND u.event_timestamp >= '2024-03-01T00:00:00.000Z' AND u.event_timestamp < '2024-04-01T00:00:00.000Z'
            """));
        Assert.Equal(1011415.5, Scalar(db.Connection,
            """
            SELECT SUM(u.quantity) FROM metered_usage u JOIN billable_metric m ON m.id = u.billable_metric_id
            WHERE u.customer_id = '9ca4743f-5c9e-46e3-a2db-1d484405d5ad' AND m.name = 'Storage GB-Hours (us-east-2)'
              AND u.event_timestamp >= '2024-03-01T00:00:00.000Z' AND u.event_timestamp < '2024-04-01T00:00:00.000Z'
            """));
        // 256×256 events feed "Images (256x256)": B1's March images per size are 2788 / 2528 / 2557 (REAL quantities).
        Assert.Equal("2788.0,2528.0,2557.0", Scalar(db.Connection,
            """
            SELECT group_concat(total) FROM (
              SELECT SUM(u.quantity) AS total FROM metered_usage u JOIN billable_metric m ON m.id = u.billable_metric_id
              JOIN customer c ON c.id = u.customer_id
              WHERE c.name = 'B1 Company' AND m.name LIKE 'Images (%'
                AND u.event_timestamp >= '2024-03-01T00:00:00.000Z' AND u.event_timestamp < '2024-04-01T00:00:00.000Z'
              GROUP BY m.name ORDER BY CAST(substr(m.name, 9) AS INTEGER))
            """));
    }

    [Fact]
    public void A_file_database_is_written_whole_and_reopens()
    {
        using var dir = new TempDir();
        var path = dir.File("egress.db");
        using (var db = EgressDatabase.Load(SharedData.EgressDir, path))
        {
            Assert.Equal(path, db.DatabasePath);
        }

        Assert.Equal(["egress.db"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
        using var reopened = EgressDatabase.Open(path);
        Assert.Equal(16_653L, Scalar(reopened.Connection, "SELECT COUNT(*) FROM events"));
    }
}
