namespace Workbook.Metronome;

public sealed class CustomerPlansResource
{
    private readonly MetronomeTransport _transport;

    internal CustomerPlansResource(MetronomeTransport transport) => _transport = transport;

    /// <summary><c>GET /v1/customers/{id}/plans</c>, every page.</summary>
    public IAsyncEnumerable<CustomerPlan> ListAsync(string customerId, CustomerPlanListParams? parameters = null, CancellationToken cancellationToken = default)
    {
        var limit = parameters?.Limit;
        var path = $"/v1/customers/{PathBuilder.Segment(customerId)}/plans";
        return Pagination.EnumerateAsync(
            $"GET {path}",
            (cursor, ct) => _transport.SendAsync<Page<CustomerPlan>>(
                HttpMethod.Get, new PathBuilder(path).Add("limit", limit).Add("next_page", cursor).ToString(), null, ct),
            cancellationToken);
    }
}
