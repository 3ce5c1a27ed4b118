using FsCheck;
using FsCheck.Fluent;
using Workbook.Core;
using Workbook.Egress;

namespace Workbook.Tests.Egress;

public class InvoiceRatingTests
{
    private static ChargePrice Charge(string name, string product, string metric, decimal price) =>
        new("plan", "charge-" + name, name, "product-" + product, product, metric, "metric " + metric, CreditType.UsdCents, price);

    [Fact]
    public void Groups_charges_by_product_multiplies_exactly_and_drops_unused_charges()
    {
        ChargePrice[] charges =
        [
            Charge("CPU hours (m5.xlarge)", "CPU Hours", "m5", 7m),
            Charge("CPU hours (c5.xlarge)", "CPU Hours", "c5", 1.2m),
            Charge("Storage (us-east-2)", "Storage", "use2", 0.11m),
            Charge("Storage (us-west-2)", "Storage", "usw2", 0.15m),
        ];
        UsageQuantity[] usage = [new("m5", 2000m), new("m5", 77m), new("c5", 1668m), new("use2", 1011415.5m), new("unpriced", 5m)];

        var lines = InvoiceRating.Rate(charges, usage);

        Assert.Equal(["CPU Hours", "Storage"], lines.Select(l => l.ProductName));
        var cpu = lines[0];
        Assert.Equal(["CPU hours (c5.xlarge)", "CPU hours (m5.xlarge)"], cpu.SubLines.Select(s => s.Charge.ChargeName));
        Assert.Equal(2001.6m, cpu.SubLines[0].Subtotal);
        Assert.Equal(2077m, cpu.SubLines[1].Quantity);
        Assert.Equal(14539m, cpu.SubLines[1].Subtotal);
        Assert.Equal(16540.6m, cpu.Total);
        var storage = Assert.Single(lines[1].SubLines);
        Assert.Equal(111255.705m, storage.Subtotal);
        Assert.Equal(Money.UsdCents(16540.6m + 111255.705m), InvoiceRating.Total(lines, CreditType.UsdCents));
    }

    [Fact]
    public void No_usage_gives_no_lines()
    {
        Assert.Empty(InvoiceRating.Rate([Charge("a", "P", "m", 1m)], []));
        Assert.Empty(InvoiceRating.Rate([Charge("a", "P", "m", 1m)], [new UsageQuantity("m", 0m)]));
    }

    [Fact]
    public void Total_is_the_sum_of_quantity_times_price_whatever_the_order_of_usage()
    {
        var prices = new[] { 0.1m, 0.11m, 1.2m, 15m, 0.93m, 2.2m };
        var metrics = new[] { "a", "b", "c", "d" };
        var charges = metrics.Select((m, i) => Charge("charge " + m, i % 2 == 0 ? "P" : "Q", m, prices[i])).ToArray();
        Prop.ForAll(
                Gen.Elements(metrics).Zip(Gen.Choose(0, 100_000)).ListOf().ToArbitrary(),
                items =>
                {
                    var usage = items.Select(x => new UsageQuantity(x.Item1, x.Item2 / 2m)).ToList();
                    var expected = usage.Sum(u => u.Quantity * charges.Single(c => c.BillableMetricId == u.BillableMetricId).UnitPrice);
                    var forward = InvoiceRating.Rate(charges, usage);
                    usage.Reverse();
                    var backward = InvoiceRating.Rate(charges, usage);
                    return forward.Sum(l => l.Total) == expected
                        && forward.SelectMany(l => l.SubLines).All(s => s.Subtotal == s.Quantity * s.UnitPrice && s.Quantity != 0)
                        && forward.Select(l => (l.ProductName, l.Total)).SequenceEqual(backward.Select(l => (l.ProductName, l.Total)));
                })
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Re_rating_the_exercise_invoices_from_events_and_billed_prices_gives_their_totals()
    {
        using var db = EgressDatabase.Load(SharedData.EgressDir);
        var invoices = SqliteValuesForTests.Rows(db.Connection,
            "SELECT customer_id, plan_id, start_timestamp, end_timestamp, total FROM invoice WHERE status = 'FINALIZED' ORDER BY total");
        Assert.Equal(4, invoices.Count);
        foreach (var invoice in invoices)
        {
            var charges = ChargePrices.ForPlan(db.Connection, (string)invoice[1]!);
            var usage = MeteredUsage.ForPeriod(db.Connection, (string)invoice[0]!,
                ExportTimestamp.Parse((string)invoice[2]!), ExportTimestamp.Parse((string)invoice[3]!));
            var lines = InvoiceRating.Rate(charges, usage);
            Assert.Equal((decimal)(double)invoice[4]!, InvoiceRating.Total(lines, CreditType.UsdCents).Amount);
        }
    }

    [Fact]
    public void A1_march_invoice_re_rated_has_its_lines_and_prices()
    {
        using var db = EgressDatabase.Load(SharedData.EgressDir);
        const string a1 = "9ca4743f-5c9e-46e3-a2db-1d484405d5ad";
        var charges = ChargePrices.ForPlan(db.Connection, "42e42afb-1817-4b1b-b20e-295f3d82c189");
        Assert.Equal(20, charges.Count);
        Assert.Equal(0.11m, charges.Single(c => c.ChargeName == "Storage GB-Hours (us-east-2)").UnitPrice);
        Assert.Equal(2.2m, charges.Single(c => c.ChargeName == "CPU hours (m5.4xlarge)").UnitPrice);

        var lines = InvoiceRating.Rate(charges, MeteredUsage.ForPeriod(db.Connection, a1,
            new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2024, 4, 1, 0, 0, 0, TimeSpan.Zero)));

        Assert.Equal(["CPU Hours", "Storage"], lines.Select(l => l.ProductName));
        Assert.Equal([222215.3m, 587911.905m], lines.Select(l => l.Total));
        Assert.Equal([16, 4], lines.Select(l => l.SubLines.Count));
        Assert.Equal(3052m, lines[0].SubLines.Single(s => s.Charge.ChargeName == "CPU hours (m5.4xlarge)").Quantity);
    }
}
