using Workbook.Core;
using Workbook.CustomerSummary;
using Workbook.Metronome;
using Workbook.Tests.Sandbox;

namespace Workbook.Tests.Metronome;

public class CustomerSummaryCsvTests
{
    [Fact]
    public void The_issues_columns_come_first_in_order()
    {
        string[] required =
        [
            "customer_id", "customer_name", "ingest_aliases", "created_at", "archived_at", "plan_name", "current_invoice_id",
            "current_period_start", "current_period_end", "current_invoice_total_usd", "last_finalized_invoice_total_usd",
            "last_finalized_period_end", "finalized_invoices", "lifetime_billed_usd", "credit_balance_usd",
            "credit_balance_including_pending_usd", "other_credit_types", "status",
        ];
        Assert.Equal(required, CustomerSummaryCsv.Columns.Take(required.Length));
    }

    [Fact]
    public void Cents_become_dollars_to_two_decimals_the_runway_one_decimal_and_other_units_stay_as_they_are()
    {
        var row = new CustomerSummaryRow
        {
            CustomerId = "c1",
            CustomerName = "Acme, Inc.",
            IngestAliases = ["acme", "acme-prod"],
            CreatedAt = new DateTimeOffset(2024, 4, 2, 16, 3, 17, 250, TimeSpan.Zero),
            CurrentInvoiceId = "d1",
            CurrentPeriodStart = new DateTimeOffset(2024, 4, 1, 0, 0, 0, TimeSpan.Zero),
            CurrentPeriodEnd = new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero),
            CurrentInvoiceTotalCents = 41378.995m,
            LastFinalizedInvoiceTotalCents = 810127.205m,
            FinalizedInvoices = 2,
            LifetimeBilledCents = 817290.3925m,
            CreditBalanceCents = 35000m,
            CreditBalanceIncludingPendingCents = 30749.5m,
            OtherCreditTypes = [new Money(1000.50m, TestDataset.Tokens), new Money(12m, new CreditType("e", "EUR"))],
            CreditBurnCentsPerDay = 24787.5m,
            CreditRunwayDays = 1.45m,
            NextCreditExpiry = new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero),
            CreditExpiringCents = 35000m,
            ProjectedPeriodTotalCents = 743619.005m,
            Status = "ok",
        };
        using var dir = new TempDir();
        var path = dir.File("summary.csv");

        CustomerSummaryCsv.Write(path, [row]);

        var lines = File.ReadAllText(path).Split('\n');
        Assert.Equal(
            "c1,\"Acme, Inc.\",acme;acme-prod,2024-04-02T16:03:17.25Z,,,d1,2024-04-01T00:00:00Z,2024-05-01T00:00:00Z,413.79,8101.27,,2,8172.90,350.00,307.50,compute tokens=1000.5;EUR=12,ok,,,247.88,1.5,2025-03-01T00:00:00Z,350.00,7436.19",
            lines[1]);
        Assert.Equal("", lines[2]);
    }
}
