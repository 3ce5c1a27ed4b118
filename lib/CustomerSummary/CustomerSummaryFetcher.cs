using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Workbook.Metronome;

namespace Workbook.CustomerSummary;

/// <summary>
/// Fetches what the customer summary needs from the API: the customers (active and archived), then per customer
/// its invoices, plans, credit grants and contract balances. A customer whose calls fail (after the client's
/// retries) becomes a row carrying the error; the others are unaffected. Cancellation stops everything.
/// </summary>
public static class CustomerSummaryFetcher
{
    public const int DefaultConcurrency = 8;

    /// <summary>Every customer, active ones then archived ones (the API lists them separately), each once, as pages arrive.</summary>
    public static async IAsyncEnumerable<Customer> ListCustomersAsync(MetronomeClient client, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var archived in new bool?[] { null, true })
        {
            var parameters = new CustomerListParams { Limit = MetronomeDefaults.PageSize, OnlyArchived = archived };
            await foreach (var customer in client.Customers.ListAsync(parameters, cancellationToken).ConfigureAwait(false))
            {
                // A customer without an id cannot be told apart from another: each becomes an error row.
                if (customer.Id is null || seen.Add(customer.Id))
                {
                    yield return customer;
                }
            }
        }
    }

    /// <summary>
    /// The summary row of every customer the API lists, sorted by name then id. The listing is one chain of
    /// cursors, so it runs alongside the per-customer fetches instead of before them; at most
    /// <paramref name="concurrency"/> customers are fetched at once, one call after another each. Give the client
    /// a <see cref="MetronomeClientOptions.MaxConcurrentRequests"/> of the same value to bound the calls in flight
    /// exactly (the listing included). <paramref name="progress"/> receives the share (0..1) of the customers listed
    /// so far that are done: it never goes back and is exact once the listing has ended.
    /// </summary>
    public static async Task<IReadOnlyList<CustomerSummaryRow>> BuildRowsAsync(
        MetronomeClient client,
        DateTimeOffset asOf,
        int concurrency = DefaultConcurrency,
        IProgress<double>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var customers = Channel.CreateUnbounded<Customer>(new UnboundedChannelOptions { SingleWriter = true });
        var tally = new Tally(progress);
        var listing = ListIntoAsync(client, customers.Writer, tally, stop.Token);
        var rows = new List<CustomerSummaryRow>();
        try
        {
            var options = new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = stop.Token };
            await Parallel.ForEachAsync(customers.Reader.ReadAllAsync(stop.Token), options, async (customer, ct) =>
            {
                var row = await SummariseAsync(client, customer, asOf, ct).ConfigureAwait(false);
                lock (rows)
                {
                    rows.Add(row);
                }

                tally.Done();
            }).ConfigureAwait(false);
        }
        finally
        {
            // On any failure the listing must not run on alone.
            await stop.CancelAsync().ConfigureAwait(false);
            await listing.ConfigureAwait(false);
        }

        return CustomerSummaryBuilder.Sort(rows);
    }

    /// <summary>One customer's row: its figures, or the error its calls ended with.</summary>
    public static async Task<CustomerSummaryRow> SummariseAsync(MetronomeClient client, Customer customer, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        if (CustomerSummaryBuilder.MissingField(customer) is { } missing)
        {
            return CustomerSummaryBuilder.Failed(customer, missing);
        }

        try
        {
            return CustomerSummaryBuilder.Build(await FetchSnapshotAsync(client, customer, cancellationToken).ConfigureAwait(false), asOf);
        }
        catch (MetronomeApiException error)
        {
            return CustomerSummaryBuilder.Failed(customer, error.Message);
        }
    }

    /// <summary>
    /// One customer's data. The four calls run one after another so that the number of customers in flight
    /// bounds the calls in flight.
    /// </summary>
    public static async Task<CustomerSnapshot> FetchSnapshotAsync(MetronomeClient client, Customer customer, CancellationToken cancellationToken)
    {
        var id = customer.Id ?? throw new ArgumentException("the customer has no id", nameof(customer));
        var invoices = await client.Customers.Invoices
            .ListAsync(id, new InvoiceListParams { Limit = MetronomeDefaults.PageSize, Sort = "date_desc" }, cancellationToken)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var plans = await client.Customers.Plans
            .ListAsync(id, new CustomerPlanListParams { Limit = MetronomeDefaults.PageSize }, cancellationToken)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var grants = await client.CreditGrants
            .ListAsync(new CreditGrantListParams { CustomerIds = [id], Limit = MetronomeDefaults.PageSize }, cancellationToken)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var balances = await client.Contracts
            .ListBalancesAsync(
                new ContractBalanceListParams
                {
                    CustomerId = id, IncludeBalance = true, IncludeContractBalances = true, Limit = MetronomeDefaults.ContractBalancePageSize,
                },
                cancellationToken)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return new CustomerSnapshot(customer, invoices, plans, grants, balances);
    }

    /// <summary>Feeds the channel; ends it with the listing's error (if any) so the consumers see that error.</summary>
    private static async Task ListIntoAsync(MetronomeClient client, ChannelWriter<Customer> writer, Tally tally, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var customer in ListCustomersAsync(client, cancellationToken).ConfigureAwait(false))
            {
                tally.Listed();
                await writer.WriteAsync(customer, cancellationToken).ConfigureAwait(false);
            }

            writer.Complete();
        }
        catch (Exception error)
        {
            writer.TryComplete(error);
        }
    }

    /// <summary>Counts customers listed and done, and reports the share done without ever going back.</summary>
    private sealed class Tally(IProgress<double>? progress)
    {
        private readonly Lock _gate = new();
        private int _listed;
        private int _done;
        private double _reported;

        public void Listed() => Interlocked.Increment(ref _listed);

        public void Done()
        {
            var done = Interlocked.Increment(ref _done);
            if (progress is null)
            {
                return;
            }

            lock (_gate)
            {
                var share = (double)done / Math.Max(done, Volatile.Read(ref _listed));
                if (share > _reported)
                {
                    _reported = share;
                    progress.Report(share);
                }
            }
        }
    }
}
