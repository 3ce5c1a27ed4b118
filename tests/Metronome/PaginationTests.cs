using Workbook.Metronome;
using Workbook.Sandbox;
using Workbook.Tests.Sandbox;

namespace Workbook.Tests.Metronome;

public class PaginationTests
{
    [Fact]
    public async Task Customers_span_several_pages_and_arrive_complete_and_in_order()
    {
        var data = new TestDataset().WithCustomers(250);
        await using var sandbox = await TestSandbox.StartAsync(data.Build());
        using var client = sandbox.Client();

        var customers = await client.Customers.ListAsync(new CustomerListParams { Limit = 100 }).ToListAsync();

        Assert.Equal(data.Customers.Select(c => c.Id), customers.Select(c => c.Id));
        Assert.Equal("Customer 0249", customers[^1].Name);
        Assert.Equal(3, sandbox.Server.RequestCount); // 100 + 100 + 50
    }

    [Fact]
    public async Task Empty_pages_with_a_cursor_are_followed_not_taken_as_the_end()
    {
        var data = new TestDataset().WithCustomers(250);
        var emptyPages = new SandboxFault { Kind = SandboxFaultKind.EmptyPage, PathContains = "/v1/customers", Times = 3 };
        await using var sandbox = await TestSandbox.StartAsync(data.Build(), emptyPages);
        using var client = sandbox.Client();

        var customers = await client.Customers.ListAsync(new CustomerListParams { Limit = 100 }).ToListAsync();

        Assert.Equal(250, customers.Count);
        Assert.Equal(250, customers.Select(c => c.Id).Distinct().Count());
        Assert.Equal(3, emptyPages.Used);
        Assert.Equal(6, sandbox.Server.RequestCount); // 3 empty pages + 3 real ones
    }

    [Fact]
    public async Task A_repeated_cursor_is_an_error_not_an_endless_loop()
    {
        var data = new TestDataset().WithCustomers(250);
        await using var sandbox = await TestSandbox.StartAsync(data.Build(), new SandboxFault { Kind = SandboxFaultKind.RepeatedCursor });
        using var client = sandbox.Client();
        var seen = new List<Customer>();

        var error = await Assert.ThrowsAsync<MetronomeApiException>(async () =>
        {
            await foreach (var customer in client.Customers.ListAsync(new CustomerListParams { Limit = 100 }))
            {
                seen.Add(customer);
            }
        });

        Assert.Equal(MetronomeErrorKind.MalformedResponse, error.Kind);
        Assert.Contains("already used", error.Message);
        Assert.Contains("GET /v1/customers", error.Message);
        // Page 1 gives cursor A; page 2 (asked with A) answers A again: both pages were yielded, then it stopped.
        Assert.Equal(200, seen.Count);
        Assert.Equal(2, sandbox.Server.RequestCount);
    }

    [Fact]
    public async Task Balances_page_with_the_cursor_in_the_body_and_grants_with_the_cursor_in_the_query()
    {
        var data = new TestDataset().WithCustomers(1);
        var customer = data.Customers[0].Id;
        data.WithBalances(customer, [.. Enumerable.Range(0, 60).Select(i => TestDataset.MakeBalance($"credit {i:D2}", SandboxContractBalance.Credit, i))]);
        for (var i = 0; i < 130; i++)
        {
            data.WithGrant(TestDataset.MakeGrant(customer, $"grant {i:D3}", i, i));
        }

        await using var sandbox = await TestSandbox.StartAsync(data.Build());
        using var client = sandbox.Client();

        var balances = await client.Contracts.ListBalancesAsync(new ContractBalanceListParams
        {
            CustomerId = customer, IncludeBalance = true, IncludeContractBalances = true, Limit = 25,
        }).ToListAsync();
        var grants = await client.CreditGrants.ListAsync(new CreditGrantListParams { CustomerIds = [customer], Limit = 50 }).ToListAsync();

        Assert.Equal(Enumerable.Range(0, 60).Select(i => (decimal)i), balances.Select(b => b.Balance!.Value));
        Assert.Equal(Enumerable.Range(0, 130).Select(i => $"grant {i:D3}"), grants.Select(g => g.Name));
        Assert.Equal(3 + 3, sandbox.Server.RequestCount); // 25+25+10 balances, 50+50+30 grants
    }

    [Fact]
    public async Task Invoices_are_filtered_and_sorted_as_asked()
    {
        var data = new TestDataset().WithCustomers(1);
        var customer = data.Customers[0].Id;
        var march = new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero);
        data.WithInvoice(TestDataset.MakeInvoice(customer, SandboxInvoice.Finalized, 100, march.AddMonths(-1)))
            .WithInvoice(TestDataset.MakeInvoice(customer, SandboxInvoice.Finalized, 200, march))
            .WithInvoice(TestDataset.MakeInvoice(customer, SandboxInvoice.Void, 300, march))
            .WithInvoice(TestDataset.MakeInvoice(customer, SandboxInvoice.Draft, 400, march.AddMonths(1)));
        await using var sandbox = await TestSandbox.StartAsync(data.Build());
        using var client = sandbox.Client();

        var newestFirst = await client.Customers.Invoices.ListAsync(customer, new InvoiceListParams { Sort = "date_desc", Limit = 1 }).ToListAsync();
        var finalized = await client.Customers.Invoices.ListAsync(customer, new InvoiceListParams { Status = Invoice.Finalized }).ToListAsync();
        var one = await client.Customers.Invoices.RetrieveAsync(customer, newestFirst[0].Id);

        Assert.Equal([400m, 300m, 200m, 100m], newestFirst.Select(i => i.Total));
        Assert.Equal([100m, 200m], finalized.Select(i => i.Total));
        Assert.Equal(newestFirst[0], one with { LineItems = newestFirst[0].LineItems, CustomFields = newestFirst[0].CustomFields });
        Assert.Equal(4m, one.LineItems![0].SubLineItems![0].Quantity);
    }
}
