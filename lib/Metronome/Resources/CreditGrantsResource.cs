namespace Workbook.Metronome;

public sealed class CreditGrantsResource
{
    private readonly MetronomeTransport _transport;

    internal CreditGrantsResource(MetronomeTransport transport) => _transport = transport;

    /// <summary><c>POST /v1/credits/listGrants</c>, every page: filters in the body, cursor and limit in the query.</summary>
    public IAsyncEnumerable<CreditGrant> ListAsync(CreditGrantListParams? parameters = null, CancellationToken cancellationToken = default)
    {
        var body = parameters ?? new CreditGrantListParams();
        return Pagination.EnumerateAsync(
            "POST /v1/credits/listGrants",
            (cursor, ct) => _transport.SendAsync<Page<CreditGrant>>(
                HttpMethod.Post, new PathBuilder("/v1/credits/listGrants").Add("limit", body.Limit).Add("next_page", cursor).ToString(), body, ct),
            cancellationToken);
    }
}
