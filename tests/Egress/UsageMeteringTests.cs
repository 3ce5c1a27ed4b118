using Workbook.Egress;
using Workbook.Sql;

namespace Workbook.Tests.Egress;

/// <summary>metered_usage's rule, applied by the loader to each event: one case per clause of the rule.</summary>
public class UsageMeteringTests
{
    private static readonly DateTime At = new(2024, 3, 13, 0, 57, 44, 673, DateTimeKind.Utc);

    [Fact]
    public void A_usage_event_feeds_its_cpu_and_its_storage_metric_with_numbers_only_as_quantities()
    {
        var rows = Meter("usage_events", """{"cpu_hours":51,"instanceType":"m5.4xlarge","storage_gb-hours":"n/a","region":"us-east-1"}""");

        Assert.Equal(
            [
                new MeteredEvent("customer-1", At, "metric-cpu", 51m, "tx"),
                new MeteredEvent("customer-1", At, "metric-storage", null, "tx"),
            ],
            rows);
    }

    [Fact]
    public void The_image_size_spelled_with_a_multiplication_sign_names_the_x_metric_and_fractions_stay_exact()
    {
        var rows = Meter("image_modeler", """{"num_images":2.50,"image_size":"256×256"}""");

        var row = Assert.Single(rows);
        Assert.Equal(("metric-images-256", 2.50m), (row.BillableMetricId, row.Quantity));
        Assert.Equal(2, row.Quantity!.Value.Scale);
    }

    [Fact]
    public void A_numeric_group_value_is_read_as_written()
    {
        Assert.Equal("metric-model-7", Assert.Single(Meter("language_modeler", """{"words":10,"model":7}""")).BillableMetricId);
    }

    [Theory]
    [InlineData("usage_events", """{"cpu_hours":1,"instanceType":"t3.micro"}""")] // the metric is archived
    [InlineData("usage_events", """{"cpu_hours":1,"instanceType":"c9.unknown"}""")] // no metric has that name
    [InlineData("usage_events", """{"cpu_hours":1,"instanceType":null}""")]
    [InlineData("usage_events", """{"cpu_hours":1}""")]
    [InlineData("page_views", """{"cpu_hours":1,"instanceType":"m5.4xlarge"}""")] // no rule for the event type
    public void An_event_that_names_no_live_metric_feeds_nothing(string eventType, string properties) =>
        Assert.Empty(Meter(eventType, properties));

    [Fact]
    public void An_event_sent_under_an_unknown_alias_feeds_nothing() =>
        Assert.Empty(Meter("usage_events", """{"cpu_hours":1,"instanceType":"m5.4xlarge"}""", alias: "someone-else"));

    [Fact]
    public void A_quantity_no_decimal_holds_is_refused()
    {
        var error = Assert.Throws<FormatException>(() => Meter("usage_events", """{"cpu_hours":1e400,"instanceType":"m5.4xlarge"}"""));
        Assert.Equal("cpu_hours 1e400 does not fit a decimal", error.Message);
    }

    private static List<MeteredEvent> Meter(string eventType, string properties, string alias = "alias-1")
    {
        using var connection = SqlDatabase.OpenSqlite(SqlDatabase.InMemory);
        SqlDatabase.Execute(connection, EgressSql.Text(EgressSql.Schema));
        SqlDatabase.Execute(connection,
            """
            INSERT INTO billable_metric (id, name, archived_at) VALUES
                ('metric-cpu', 'CPU hours (m5.4xlarge)', NULL),
                ('metric-storage', 'Storage GB-Hours (us-east-1)', NULL),
                ('metric-images-256', 'Images (256x256)', NULL),
                ('metric-model-7', 'Language Model (7)', NULL),
                ('metric-archived', 'CPU hours (t3.micro)', '2024-01-01T00:00:00.000Z');
            """);
        var metering = UsageMetering.Read(connection, new Dictionary<string, string> { ["alias-1"] = "customer-1" });
        var rows = new List<MeteredEvent>();
        metering.Meter("tx", alias, At, eventType, properties, rows);
        return rows;
    }
}
