using Workbook.Core;
using Workbook.CustomerSummary;
using Workbook.Metronome;

namespace Workbook.Tests.Metronome;

public class CustomerSummaryBuilderTests
{
    private static readonly Customer Acme = ClientModels.MakeCustomer(1);
    private static readonly DateTimeOffset Feb = new(2024, 2, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Mar = Feb.AddMonths(1);
    private static readonly DateTimeOffset Apr = Mar.AddMonths(1);
    private static readonly CreditType Eur = new("eur-id", "EUR");

    private static CustomerSnapshot Snapshot(
        IReadOnlyList<Invoice>? invoices = null,
        IReadOnlyList<CustomerPlan>? plans = null,
        IReadOnlyList<CreditGrant>? grants = null,
        IReadOnlyList<ContractBalance>? balances = null) =>
        new(Acme, invoices ?? [], plans ?? [], grants ?? [], balances ?? []);

    private static Invoice Inv(string status, decimal total, DateTimeOffset start, CreditType? type = null) =>
        ClientModels.MakeInvoice(Acme.Id!, status, total, start, type);

    [Fact]
    public void A_customer_with_nothing_has_zero_balances_and_empty_invoice_columns()
    {
        var row = CustomerSummaryBuilder.Build(Snapshot(), Apr);

        Assert.Null(row.CurrentInvoiceId);
        Assert.Null(row.CurrentInvoiceTotalCents);
        Assert.Null(row.LastFinalizedInvoiceTotalCents);
        Assert.Equal(0, row.FinalizedInvoices);
        Assert.Equal(0m, row.LifetimeBilledCents);
        Assert.Equal(0m, row.CreditBalanceCents);
        Assert.Equal(0m, row.CreditBalanceIncludingPendingCents);
        Assert.Empty(row.OtherCreditTypes);
        Assert.Equal("ok", row.Status);
    }

    [Fact]
    public void Lifetime_sums_finalized_invoices_only_and_the_last_one_is_the_latest_period()
    {
        var row = CustomerSummaryBuilder.Build(
            Snapshot([Inv(Invoice.Finalized, 7163.1875m, Feb), Inv(Invoice.Finalized, 810127.205m, Mar), Inv(Invoice.Void, 99999m, Mar), Inv(Invoice.Draft, 41379m, Apr)]),
            Apr);

        Assert.Equal(817290.3925m, row.LifetimeBilledCents);
        Assert.Equal(2, row.FinalizedInvoices);
        Assert.Equal(810127.205m, row.LastFinalizedInvoiceTotalCents);
        Assert.Equal(Apr, row.LastFinalizedPeriodEnd);
        Assert.Equal(41379m, row.CurrentInvoiceTotalCents);
        Assert.Equal(Apr, row.CurrentPeriodStart);
        Assert.Equal(Apr.AddMonths(1), row.CurrentPeriodEnd);
    }

    [Fact]
    public void The_current_invoice_is_the_newest_open_period_even_while_an_older_draft_lingers()
    {
        var lingering = Inv(Invoice.Draft, 500m, Mar);
        var usd = Inv(Invoice.Draft, 1200m, Apr);
        var eur = Inv(Invoice.Draft, 7.5m, Apr, Eur);

        var row = CustomerSummaryBuilder.Build(Snapshot([lingering, usd, eur]), Apr);

        Assert.Equal(string.Join(';', new[] { usd.Id, eur.Id }.Order(StringComparer.Ordinal)), row.CurrentInvoiceId);
        Assert.Equal(1200m, row.CurrentInvoiceTotalCents);
        Assert.Equal([new Money(7.5m, Eur)], row.CurrentInvoiceOtherCreditTypes);
    }

    [Fact]
    public void Credit_balance_adds_grants_and_prepaid_commits_and_credits_but_not_postpaid_commits()
    {
        var grants = new[]
        {
            ClientModels.MakeGrant(Acme.Id!, "promo", excludingPending: 35000m, includingPending: 30749.5m),
            ClientModels.MakeGrant(Acme.Id!, "tokens", excludingPending: 1000m, includingPending: 900m, ClientModels.Tokens),
        };
        var balances = new[]
        {
            ClientModels.MakeBalance("prepaid", ContractBalanceType.Prepaid, 874250.8m),
            ClientModels.MakeBalance("credit", ContractBalanceType.Credit, 2500m),
            ClientModels.MakeBalance("postpaid", ContractBalanceType.Postpaid, 500000m),
            ClientModels.MakeBalance("token credit", ContractBalanceType.Credit, 500m, ClientModels.Tokens),
            ClientModels.MakeBalance("euro credit", ContractBalanceType.Credit, 12.25m, Eur),
        };

        var row = CustomerSummaryBuilder.Build(Snapshot(grants: grants, balances: balances), Apr);

        Assert.Equal(35000m + 874250.8m + 2500m, row.CreditBalanceCents);
        Assert.Equal(30749.5m + 874250.8m + 2500m, row.CreditBalanceIncludingPendingCents);
        // Other units are summed per credit type, never converted, ordered by name.
        Assert.Equal([new Money(12.25m, Eur), new Money(1500m, ClientModels.Tokens)], row.OtherCreditTypes);
    }

    [Fact]
    public void A_commit_without_a_credit_type_in_its_schedule_counts_as_usd_cents()
    {
        var balance = ClientModels.MakeBalance("legacy", ContractBalanceType.Prepaid, 100m) with { AccessSchedule = null };
        Assert.Equal(100m, CustomerSummaryBuilder.Build(Snapshot(balances: [balance]), Apr).CreditBalanceCents);
    }

    [Fact]
    public void The_plan_is_the_one_active_at_the_as_of_instant()
    {
        CustomerPlan Plan(string name, DateTimeOffset start, DateTimeOffset? end) =>
            new() { Id = name, PlanId = name, PlanName = name, PlanDescription = "", CustomFields = new Dictionary<string, string>(), StartingOn = start, EndingBefore = end };
        var plans = new[] { Plan("Old", Feb, Mar), Plan("Current", Mar, null), Plan("Future", Apr.AddMonths(2), null) };

        Assert.Equal("Current", CustomerSummaryBuilder.Build(Snapshot(plans: plans), Apr).PlanName);
        Assert.Equal("Old", CustomerSummaryBuilder.Build(Snapshot(plans: plans), Feb.AddDays(3)).PlanName);
        Assert.Null(CustomerSummaryBuilder.Build(Snapshot(plans: plans), Feb.AddDays(-1)).PlanName);
    }

    [Fact]
    public void Rows_sort_by_name_then_id_ordinally()
    {
        CustomerSummaryRow Row(string id, string name) => CustomerSummaryBuilder.Failed(Acme with { Id = id, Name = name }, "x");
        var sorted = CustomerSummaryBuilder.Sort([Row("b", "beta"), Row("2", "Alpha"), Row("1", "Alpha"), Row("a", "alpha")]);
        Assert.Equal(["1", "2", "a", "b"], sorted.Select(r => r.CustomerId));
    }

    [Fact]
    public void A_failed_row_keeps_what_the_list_said_and_carries_the_error()
    {
        var row = CustomerSummaryBuilder.Failed(Acme, "GET /v1/customers/x/invoices: server error (500)");

        Assert.Equal(Acme.Name, row.CustomerName);
        Assert.Equal("error: GET /v1/customers/x/invoices: server error (500)", row.Status);
        Assert.False(row.IsOk);
        Assert.Null(row.LifetimeBilledCents);
        Assert.Null(row.CreditBalanceCents);
    }
}
