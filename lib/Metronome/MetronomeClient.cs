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
