namespace Workbook.Metronome;

public sealed class CustomersResource
{
    private readonly MetronomeTransport _transport;

    internal CustomersResource(MetronomeTransport transport)
    {
        _transport = transport;
        Invoices = new InvoicesResource(transport);
        Plans = new CustomerPlansResource(transport);
    }

    public InvoicesResource Invoices { get; }

    public CustomerPlansResource Plans { get; }

    /// <summary><c>GET /v1/customers</c>, every page.</summary>
    public IAsyncEnumerable<Customer> ListAsync(CustomerListParams? parameters = null, CancellationToken cancellationToken = default)
    {
        var p = parameters ?? new CustomerListParams();
        return Pagination.EnumerateAsync(
            "GET /v1/customers",
            (cursor, ct) => _transport.SendAsync<Page<Customer>>(
                HttpMethod.Get,
                new PathBuilder("/v1/customers")
                    .Add("limit", p.Limit).Add("next_page", cursor).Add("ingest_alias", p.IngestAlias)
                    .Add("customer_ids", p.CustomerIds).Add("only_archived", p.OnlyArchived).ToString(),
                null,
                ct),
            cancellationToken);
    }

    /// <summary><c>GET /v1/customers/{id}</c>.</summary>
    public async Task<Customer> RetrieveAsync(string customerId, CancellationToken cancellationToken = default) =>
        (await _transport.SendAsync<Envelope<Customer>>(HttpMethod.Get, $"/v1/customers/{PathBuilder.Segment(customerId)}", null, cancellationToken).ConfigureAwait(false)).Data;
}
