namespace Workbook.Metronome;

/// <summary>
/// Fetches what the customer summary needs from the API: the customers (active and archived), then per
/// customer its invoices, plans, credit grants and contract balances, with at most <c>concurrency</c> requests
/// in flight. A customer whose calls fail (after the client's retries) becomes a row carrying the error;
/// the others are unaffected. Cancellation stops everything.
/// </summary>
public static class CustomerSummaryFetcher
{
    public const int DefaultConcurrency = 8;

    /// <summary>Every customer, active ones then archived ones (the API lists them separately), each once.</summary>
    public static async Task<IReadOnlyList<Customer>> ListCustomersAsync(MetronomeClient client, CancellationToken cancellationToken)
    {
        var customers = new List<Customer>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var archived in new[] { false, true })
        {
            var parameters = new CustomerListParams { Limit = 100, OnlyArchived = archived ? true : null };
            await foreach (var customer in client.Customers.ListAsync(parameters, cancellationToken).ConfigureAwait(false))
            {
                if (seen.Add(customer.Id))
                {
                    customers.Add(customer);
                }
            }
        }

        return customers;
    }

    /// <summary>
    /// The summary rows for <paramref name="customers"/>, sorted by name then id.
    /// <paramref name="progress"/> receives the number of customers done so far.
    /// </summary>
    public static async Task<IReadOnlyList<CustomerSummaryRow>> BuildRowsAsync(
        MetronomeClient client,
        IReadOnlyList<Customer> customers,
        DateTimeOffset asOf,
        int concurrency = DefaultConcurrency,
        IProgress<double>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        var rows = new CustomerSummaryRow[customers.Count];
        var done = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, customers.Count), options, async (index, ct) =>
        {
            var customer = customers[index];
            try
            {
                rows[index] = CustomerSummaryBuilder.Build(await FetchSnapshotAsync(client, customer, ct).ConfigureAwait(false), asOf);
            }
            catch (MetronomeApiException error)
            {
                rows[index] = CustomerSummaryBuilder.Failed(customer, error.Message);
            }

            progress?.Report(Interlocked.Increment(ref done));
        }).ConfigureAwait(false);
        return CustomerSummaryBuilder.Sort(rows);
    }

    /// <summary>
    /// One customer's data. The four calls run one after another so that <c>concurrency</c> bounds the requests
    /// in flight, not the customers.
    /// </summary>
    public static async Task<CustomerSnapshot> FetchSnapshotAsync(MetronomeClient client, Customer customer, CancellationToken cancellationToken)
    {
        var invoices = await client.Customers.Invoices
            .ListAsync(customer.Id, new InvoiceListParams { Limit = 100, Sort = "date_desc" }, cancellationToken)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var plans = await client.Customers.Plans.ListAsync(customer.Id, 100, cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);
        var grants = await client.CreditGrants
            .ListAsync(new CreditGrantListRequest { CustomerIds = [customer.Id] }, 100, cancellationToken)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var balances = await client.Contracts
            .ListBalancesAsync(
                new ContractBalanceListRequest { CustomerId = customer.Id, IncludeBalance = true, IncludeContractBalances = true, Limit = 25 },
                cancellationToken)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return new CustomerSnapshot(customer, invoices, plans, grants, balances);
    }
}
