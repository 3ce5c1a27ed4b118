namespace Workbook.Metronome;

/// <summary>
/// A Metronome API client shaped like the official SDKs: resources named after the API
/// (<c>client.Customers.Invoices.ListAsync(customerId)</c>), lists as auto-paginated <see cref="IAsyncEnumerable{T}"/>,
/// retries and timeouts per <see cref="MetronomeClientOptions"/>, failures as <see cref="MetronomeApiException"/>.
/// Thread-safe: one client serves every concurrent call.
/// </summary>
public sealed class MetronomeClient : IDisposable
{
    private readonly MetronomeTransport _transport;

    /// <param name="handler">The HTTP handler to send through; null for a pooled <see cref="SocketsHttpHandler"/>.</param>
    public MetronomeClient(MetronomeClientOptions options, HttpMessageHandler? handler = null)
    {
        _transport = new MetronomeTransport(options, handler);
        Options = options;
        Customers = new CustomersResource(_transport);
        CreditGrants = new CreditGrantsResource(_transport);
        Contracts = new ContractsResource(_transport);
        CreditTypes = new CreditTypesResource(_transport);
    }

    public MetronomeClientOptions Options { get; }

    public CustomersResource Customers { get; }

    public CreditGrantsResource CreditGrants { get; }

    public ContractsResource Contracts { get; }

    public CreditTypesResource CreditTypes { get; }

    public void Dispose() => _transport.Dispose();
}

/// <summary>Filters of <c>GET /v1/customers</c>.</summary>
public sealed record CustomerListParams
{
    /// <summary>Page size, 1–100.</summary>
    public int? Limit { get; init; }

    public string? IngestAlias { get; init; }

    public IReadOnlyList<string>? CustomerIds { get; init; }

    /// <summary>True lists only archived customers; by default the API lists only active ones.</summary>
    public bool? OnlyArchived { get; init; }
}

/// <summary>Filters of <c>GET /v1/customers/{id}/invoices</c>.</summary>
public sealed record InvoiceListParams
{
    public int? Limit { get; init; }

    /// <summary>DRAFT, FINALIZED or VOID; null for every status.</summary>
    public string? Status { get; init; }

    /// <summary>date_asc or date_desc (by issued_at). The API's default is documented both ways, so pass it.</summary>
    public string? Sort { get; init; }

    public DateTimeOffset? StartingOn { get; init; }

    public DateTimeOffset? EndingBefore { get; init; }

    public string? CreditTypeId { get; init; }

    public bool? SkipZeroQtyLineItems { get; init; }
}

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

public sealed class InvoicesResource
{
    private readonly MetronomeTransport _transport;

    internal InvoicesResource(MetronomeTransport transport) => _transport = transport;

    /// <summary><c>GET /v1/customers/{id}/invoices</c>, every page.</summary>
    public IAsyncEnumerable<Invoice> ListAsync(string customerId, InvoiceListParams? parameters = null, CancellationToken cancellationToken = default)
    {
        var p = parameters ?? new InvoiceListParams();
        var path = $"/v1/customers/{PathBuilder.Segment(customerId)}/invoices";
        return Pagination.EnumerateAsync(
            $"GET {path}",
            (cursor, ct) => _transport.SendAsync<Page<Invoice>>(
                HttpMethod.Get,
                new PathBuilder(path)
                    .Add("limit", p.Limit).Add("next_page", cursor).Add("status", p.Status).Add("sort", p.Sort)
                    .Add("starting_on", p.StartingOn).Add("ending_before", p.EndingBefore)
                    .Add("credit_type_id", p.CreditTypeId).Add("skip_zero_qty_line_items", p.SkipZeroQtyLineItems).ToString(),
                null,
                ct),
            cancellationToken);
    }

    /// <summary><c>GET /v1/customers/{id}/invoices/{invoice_id}</c>.</summary>
    public async Task<Invoice> RetrieveAsync(string customerId, string invoiceId, CancellationToken cancellationToken = default) =>
        (await _transport.SendAsync<Envelope<Invoice>>(
            HttpMethod.Get,
            $"/v1/customers/{PathBuilder.Segment(customerId)}/invoices/{PathBuilder.Segment(invoiceId)}",
            null,
            cancellationToken).ConfigureAwait(false)).Data;
}

public sealed class CustomerPlansResource
{
    private readonly MetronomeTransport _transport;

    internal CustomerPlansResource(MetronomeTransport transport) => _transport = transport;

    /// <summary><c>GET /v1/customers/{id}/plans</c>, every page.</summary>
    public IAsyncEnumerable<CustomerPlan> ListAsync(string customerId, int? limit = null, CancellationToken cancellationToken = default)
    {
        var path = $"/v1/customers/{PathBuilder.Segment(customerId)}/plans";
        return Pagination.EnumerateAsync(
            $"GET {path}",
            (cursor, ct) => _transport.SendAsync<Page<CustomerPlan>>(
                HttpMethod.Get, new PathBuilder(path).Add("limit", limit).Add("next_page", cursor).ToString(), null, ct),
            cancellationToken);
    }
}

public sealed class CreditGrantsResource
{
    private readonly MetronomeTransport _transport;

    internal CreditGrantsResource(MetronomeTransport transport) => _transport = transport;

    /// <summary><c>POST /v1/credits/listGrants</c>, every page: filters in the body, cursor and limit in the query.</summary>
    public IAsyncEnumerable<CreditGrant> ListAsync(CreditGrantListRequest? filter = null, int? limit = null, CancellationToken cancellationToken = default)
    {
        var body = filter ?? new CreditGrantListRequest();
        return Pagination.EnumerateAsync(
            "POST /v1/credits/listGrants",
            (cursor, ct) => _transport.SendAsync<Page<CreditGrant>>(
                HttpMethod.Post, new PathBuilder("/v1/credits/listGrants").Add("limit", limit).Add("next_page", cursor).ToString(), body, ct),
            cancellationToken);
    }
}

public sealed class ContractsResource
{
    private readonly MetronomeTransport _transport;

    internal ContractsResource(MetronomeTransport transport) => _transport = transport;

    /// <summary>
    /// <c>POST /v1/contracts/customerBalances/list</c>, every page: cursor and limit (1–25) travel in the body.
    /// Pass include_balance and include_contract_balances to see balances and contract-level items.
    /// </summary>
    public IAsyncEnumerable<ContractBalance> ListBalancesAsync(ContractBalanceListRequest request, CancellationToken cancellationToken = default) =>
        Pagination.EnumerateAsync(
            "POST /v1/contracts/customerBalances/list",
            (cursor, ct) => _transport.SendAsync<Page<ContractBalance>>(
                HttpMethod.Post, "/v1/contracts/customerBalances/list", request with { NextPage = cursor }, ct),
            cancellationToken);
}

public sealed class CreditTypesResource
{
    private readonly MetronomeTransport _transport;

    internal CreditTypesResource(MetronomeTransport transport) => _transport = transport;

    /// <summary><c>GET /v1/credit-types/list</c>, every page.</summary>
    public IAsyncEnumerable<CreditTypeInfo> ListAsync(int? limit = null, CancellationToken cancellationToken = default) =>
        Pagination.EnumerateAsync(
            "GET /v1/credit-types/list",
            (cursor, ct) => _transport.SendAsync<Page<CreditTypeInfo>>(
                HttpMethod.Get, new PathBuilder("/v1/credit-types/list").Add("limit", limit).Add("next_page", cursor).ToString(), null, ct),
            cancellationToken);
}
