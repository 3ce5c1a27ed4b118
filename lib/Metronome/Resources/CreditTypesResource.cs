namespace Workbook.Metronome;

public sealed class CreditTypesResource
{
    private readonly MetronomeTransport _transport;

    internal CreditTypesResource(MetronomeTransport transport) => _transport = transport;

    /// <summary><c>GET /v1/credit-types/list</c>, every page.</summary>
    public IAsyncEnumerable<CreditTypeInfo> ListAsync(CreditTypeListParams? parameters = null, CancellationToken cancellationToken = default) =>
        Pagination.EnumerateAsync(
            "GET /v1/credit-types/list",
            (cursor, ct) => _transport.SendAsync<Page<CreditTypeInfo>>(
                HttpMethod.Get, new PathBuilder("/v1/credit-types/list").Add("limit", parameters?.Limit).Add("next_page", cursor).ToString(), null, ct),
            cancellationToken);
}
