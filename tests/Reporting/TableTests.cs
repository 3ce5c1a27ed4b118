using Workbook.Core;
using Workbook.Reporting;

namespace Workbook.Tests.Reporting;

public class TableTests
{
    private sealed record Sale(string Customer, decimal AmountUsd, int Units, decimal Ratio);

    private static readonly Sale[] Sales =
    [
        new("Acme", 12345.675m, 120, 0.5m),
        new("Globex <& Co>", -980.5m, 3000, 1.25m),
    ];

    [Fact]
    public void Headers_come_from_properties_in_declaration_order_and_numbers_are_right_aligned()
    {
        var table = Sales.ToTable();

        Assert.Equal(["Customer", "AmountUsd", "Units", "Ratio"], table.Columns.Select(c => c.Name));
        Assert.Equal([false, true, true, true], table.Columns.Select(c => c.Numeric));
        Assert.Equal(["Customer", "Amount (USD)", "Units", "Ratio"], table.Columns.Select(c => c.Header));
        Assert.Contains("<tr><th align=\"left\" style=\"text-align: left\">Customer</th><th align=\"right\">Amount (USD)</th>"
            + "<th align=\"right\">Units</th><th align=\"right\">Ratio</th></tr>", table.ToHtml());
    }

    [Fact]
    public void Money_columns_get_a_dollar_sign_thousands_separators_and_cents_rounded_half_away_from_zero()
    {
        var html = Sales.ToTable().ToHtml();

        Assert.Contains("<tr><td align=\"left\" style=\"text-align: left\">Acme</td><td align=\"right\">$12,345.68</td>"
            + "<td align=\"right\">120</td><td align=\"right\">0.5</td></tr>", html);
        Assert.Contains("<td align=\"right\">-$980.50</td>", html);
    }

    [Fact]
    public void Html_escapes_text_and_styles_nothing_but_the_left_alignment_of_text()
    {
        var html = Sales.ToTable().ToHtml();

        Assert.Contains(">Globex &lt;&amp; Co&gt;</td>", html);
        Assert.Equal(html.Split("style=").Length - 1, html.Split("style=\"text-align: left\"").Length - 1);
    }

    [Fact]
    public void Html_sits_in_an_element_that_mathjax_2_and_3_skip()
    {
        var html = Sales.ToTable().ToHtml();

        Assert.StartsWith("<div class=\"tex2jax_ignore mathjax_ignore\">\n", html);
        Assert.EndsWith("</div>\n", html);
    }

    [Fact]
    public void Plain_text_pads_columns_and_right_aligns_numbers()
    {
        var text = Sales.ToTable().ToPlainText();

        Assert.Equal(
            "Customer       Amount (USD)  Units  Ratio\n"
            + "-------------  ------------  -----  -----\n"
            + "Acme             $12,345.68    120    0.5\n"
            + "Globex <& Co>      -$980.50  3,000   1.25\n",
            text);
    }

    [Fact]
    public void Rows_beyond_the_cap_are_counted_in_a_note_in_both_renderings()
    {
        var rows = Enumerable.Range(1, 25).Select(i => new { Id = i });

        var table = Table.From(rows, maxRows: 20);

        Assert.Equal(20, table.Rows.Count);
        Assert.Equal(25, table.TotalRows);
        Assert.Contains("<tr><td align=\"right\">20</td></tr>", table.ToHtml());
        Assert.DoesNotContain(">21<", table.ToHtml());
        Assert.EndsWith("</table>\n<p><em>The first 20 of 25 rows.</em></p>\n</div>\n", table.ToHtml());
        Assert.EndsWith("\n19\n20\n(The first 20 of 25 rows.)\n", table.ToPlainText());
    }

    [Fact]
    public void An_empty_sequence_says_so()
    {
        var table = Array.Empty<Sale>().ToTable();

        Assert.Equal(4, table.Columns.Count);
        Assert.Contains("<p><em>no rows</em></p>", table.ToHtml());
        Assert.EndsWith("(no rows)\n", table.ToPlainText());
    }

    [Fact]
    public void Money_values_show_in_dollars_for_usd_cents_and_in_their_unit_otherwise()
    {
        var credits = new CreditType("c1", "credits");
        var table = Table.From(new[] { new { Charge = "a", Total = Money.UsdCents(123456.5m) }, new { Charge = "b", Total = new Money(1234.5m, credits) } });

        Assert.True(table.Columns[1].Money);
        Assert.Equal("$1,234.57", table.Rows[0][1].Text);
        Assert.Equal("1,234.5 credits", table.Rows[1][1].Text);
    }

    [Fact]
    public void Rows_of_values_infer_numeric_columns_and_leave_nulls_blank()
    {
        var table = Table.FromRows(["day", "images", "total_usd", "note"],
        [
            ["2024-03-01", 10L, 1.5, null],
            ["2024-03-02", null, 2000.25, "late"],
        ]);

        Assert.Equal([false, true, true, false], table.Columns.Select(c => c.Numeric));
        Assert.Equal([false, false, true, false], table.Columns.Select(c => c.Money));
        Assert.Equal(["2024-03-02", "", "$2,000.25", "late"], table.Rows[1].Select(c => c.Text));
    }

    [Fact]
    public void Columns_can_be_named_money_explicitly()
    {
        var table = Table.From(new[] { new { Name = "a", Revenue = 1500m } }, Table.AllRows, "revenue");

        Assert.Equal("$1,500.00", table.Rows[0][1].Text);
    }

    [Fact]
    public void A_sequence_of_scalars_is_one_value_column_with_invariant_formatting()
    {
        var table = Table.From(new[] { new DateOnly(2024, 3, 31), new DateOnly(2024, 4, 30) });

        Assert.Equal("value", Assert.Single(table.Columns).Name);
        Assert.Equal("2024-03-31", table.Rows[0][0].Text);
    }

    [Fact]
    public void One_record_shows_as_a_property_value_table()
    {
        var table = Table.FromProperties(new { Invoice = "March", TotalUsd = 8101.27205m, Lines = 3 });

        Assert.Equal(["property", "value"], table.Columns.Select(c => c.Name));
        Assert.Equal(["Total (USD)", "$8,101.27"], table.Rows[1].Select(c => c.Text));
        Assert.True(table.Rows[1][1].Numeric);
        Assert.False(table.Rows[0][1].Numeric);
    }

    [Theory]
    [InlineData("total_usd", true)]
    [InlineData("AmountUsd", true)]
    [InlineData("amountUSD", true)]
    [InlineData("HierarchyArr", true)]
    [InlineData("hierarchy_arr", true)]
    [InlineData("arr", true)]
    [InlineData("ARR", true)]
    [InlineData("net_dollars", true)]
    [InlineData("amount_cents", false)]
    [InlineData("Carr", false)]
    [InlineData("usd_rate", false)]
    [InlineData("units", false)]
    public void Money_columns_are_known_by_the_last_word_of_their_name(string name, bool money) =>
        Assert.Equal(money, MoneyColumns.IsMoneyName(name));

    [Fact]
    public void Raw_values_are_invariant_and_undecorated()
    {
        Assert.Equal("1234.5", ValueText.Raw(1234.50m));
        Assert.Equal("0.1", ValueText.Raw(0.1));
        Assert.Equal("2024-03-01T12:30:00Z", ValueText.Raw(new DateTime(2024, 3, 1, 12, 30, 0, DateTimeKind.Utc)));
        Assert.Equal("2024-03-01T12:30:00Z", ValueText.Raw(new DateTimeOffset(2024, 3, 1, 14, 30, 0, TimeSpan.FromHours(2))));
        Assert.Equal("true", ValueText.Raw(true));
        Assert.Equal("", ValueText.Raw(null));
    }

    [Fact]
    public void Price_columns_keep_sub_cent_digits_and_other_money_shows_cents()
    {
        var table = new[] { new { Description = "Storage GB-Hours (us-east-2)", unit_price_usd = 0.0011m, total_usd = 1112.55705m } }.ToTable();
        Assert.Equal(["Storage GB-Hours (us-east-2)", "$0.0011", "$1,112.56"], table.Rows[0].Select(c => c.Text));
        Assert.Equal(6, MoneyColumns.Decimals("UnitPriceUsd"));
        Assert.Equal(2, MoneyColumns.Decimals("total_usd"));
    }

    [Fact]
    public void Every_row_is_shown_unless_a_cap_is_given()
    {
        var table = Enumerable.Range(1, 25).Select(i => new { Id = i }).ToTable();

        Assert.Equal(25, table.Rows.Count);
        Assert.DoesNotContain("rows.", table.ToHtml());
    }

    [Fact]
    public void A_sql_result_shows_money_with_cents_quantities_with_separators_and_null_as_an_empty_cell()
    {
        var table = Table.FromSqlResult(["product", "description", "quantity", "unit_price_usd", "total_usd"],
        [
            ["Storage", "Storage GB-Hours (ca-central-1)", 1231768m, 0.0015m, 1847.652m],
            [null, "Invoice total", null, null, 8101.27205m],
        ]);

        Assert.Equal(["Product", "Description", "Quantity", "Unit price (USD)", "Total (USD)"], table.Columns.Select(c => c.Header));
        Assert.Equal(["Storage", "Storage GB-Hours (ca-central-1)", "1,231,768", "$0.0015", "$1,847.65"], table.Rows[0].Select(c => c.Text));
        Assert.Equal(["", "Invoice total", "", "", "$8,101.27"], table.Rows[1].Select(c => c.Text));
        Assert.DoesNotContain("null", table.ToHtml(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_csv_twin_keeps_raw_names_and_exact_values()
    {
        var table = Table.FromSqlResult(["plan_name", "total_usd"], [["Infra, \"SaaS\"", 8101.27205m], [null, 2954.1162m]]);

        Assert.Equal("plan_name,total_usd\r\n\"Infra, \"\"SaaS\"\"\",8101.27205\r\n,2954.1162\r\n", table.ToCsv());
    }

    [Fact]
    public void Rows_labelled_as_totals_and_the_total_row_are_bold()
    {
        var html = Table.FromSqlResult(["product", "description", "total_usd"],
            [["CPU Hours", "CPU hours (c5.xlarge)", 1m], ["CPU Hours", "Subtotal", 1m], [null, "Invoice total", 1m]]).ToHtml();

        Assert.Contains(">CPU hours (c5.xlarge)</td>", html);
        Assert.Contains("><strong>Subtotal</strong></td>", html);
        Assert.Contains("><strong>Invoice total</strong></td>", html);
    }

    [Fact]
    public void A_total_row_sums_the_named_columns_exactly_and_leaves_the_others_empty()
    {
        var table = new[] { new { Plan = "A", Invoices = 1L, Customers = 1L, TotalUsd = 8101.27205m }, new { Plan = "B", Invoices = 2L, Customers = 1L, TotalUsd = 2954.1162m } }
            .ToTable().WithTotalRow("Total", "Invoices", "TotalUsd");

        Assert.True(table.HasTotalRow);
        Assert.Equal(2, table.TotalRows);
        Assert.Equal(["Total", "3", "", "$11,055.39"], table.Rows[2].Select(c => c.Text));
        Assert.EndsWith("Total,3,,11055.38825\r\n", table.ToCsv());
        Assert.Contains("<strong>$11,055.39</strong>", table.ToHtml());
        Assert.Throws<InvalidOperationException>(() => table.WithTotalRow("Again", "Invoices"));
    }

    [Fact]
    public void A_caption_goes_above_and_a_note_below_in_both_renderings()
    {
        var table = Enumerable.Range(1, 3).Select(i => new { Id = i }).ToTable(maxRows: 2)
            .WithCaption("Generated accounts").WithNote("All rows: out/accounts.csv.");

        Assert.Contains("<p><strong>Generated accounts</strong></p>\n<table>", table.ToHtml());
        Assert.Contains("</table>\n<p><em>The first 2 of 3 rows.</em></p>\n<p><em>All rows: out/accounts.csv.</em></p>\n", table.ToHtml());
        Assert.StartsWith("Generated accounts\n", table.ToPlainText());
        Assert.EndsWith("(The first 2 of 3 rows.)\n(All rows: out/accounts.csv.)\n", table.ToPlainText());
    }

    [Fact]
    public void A_csv_file_sample_counts_every_record_and_reads_numbers_as_numbers()
    {
        var path = Path.Combine(Path.GetTempPath(), $"table-sample-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "id,name,arr,hierarchy_arr\nacme,\"Acme, Inc.\",86.63,86.63\numb-usa,Umbrella USA,30000.00,45000.00\nx,X,0.00,\n");
        try
        {
            var table = Table.FromCsvFile(path, maxRows: 2);

            Assert.Equal(3, table.TotalRows);
            Assert.Equal(["acme", "Acme, Inc.", "$86.63", "$86.63"], table.Rows[0].Select(c => c.Text));
            Assert.Equal(["umb-usa", "Umbrella USA", "$30,000.00", "$45,000.00"], table.Rows[1].Select(c => c.Text));
            Assert.Contains("The first 2 of 3 rows.", table.ToPlainText());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("total_usd", "Total (USD)")]
    [InlineData("unit_price_usd", "Unit price (USD)")]
    [InlineData("CurrentInvoiceUsd", "Current invoice (USD)")]
    [InlineData("HierarchyArr", "Hierarchy ARR")]
    [InlineData("hierarchy_arr", "Hierarchy ARR")]
    [InlineData("UltimateParentId", "Ultimate parent ID")]
    [InlineData("num_images", "Number of images")]
    [InlineData("customer_name", "Customer name")]
    [InlineData("Customer", "Customer")]
    [InlineData("usd", "USD")]
    [InlineData("Current invoice (USD)", "Current invoice (USD)")]
    public void Headers_read_as_words_with_the_unit_in_brackets(string name, string header) =>
        Assert.Equal(header, ColumnHeaders.Readable(name));
}
