using Workbook.Egress;

namespace Workbook.Tests.Egress;

/// <summary>The export's columns come from schema.sql's text, the one place that declares them.</summary>
public class ExportColumnsTests
{
    [Fact]
    public void Every_exported_table_has_its_schema_columns_with_kinds_and_constraints()
    {
        foreach (var table in EgressExport.Tables)
        {
            Assert.NotEmpty(ExportColumns.Of(table));
        }

        var events = ExportColumns.Of("events");
        // The export's properties column is read into properties_json, not kept as raw text beside it.
        Assert.Equal(["transaction_id", "customer_id", "timestamp", "event_type", "properties_json", "environment_type"],
            events.Select(c => c.Name));
        Assert.Equal([ColumnKind.Text, ColumnKind.Text, ColumnKind.Timestamp, ColumnKind.Text, ColumnKind.Json, ColumnKind.Text],
            events.Select(c => c.Kind));
        Assert.Equal([true, true, true, true, false, false], events.Select(c => c.IsRequired));
        Assert.Equal("transaction_id", Assert.Single(events, c => c.IsPrimaryKey).Name);
        Assert.Equal("properties", events.Single(c => c.Name == "properties_json").Derivation!.SourceColumn);

        var total = ExportColumns.Of("invoice").Single(c => c.Name == "total");
        Assert.Equal((ColumnKind.Real, true, false), (total.Kind, total.IsRequired, total.IsPrimaryKey));
        Assert.Equal(17, ExportColumns.Of("invoice").Count);
    }

    [Fact]
    public void A_type_the_loader_cannot_read_is_an_error_naming_it()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ExportColumns.Parse("CREATE TABLE t (\n    id BLOB NOT NULL\n);"));
        Assert.Equal("schema.sql declares an unknown column type 'BLOB'", error.Message);
    }
}
