namespace Workbook.Metronome;

public sealed class ContractsResource
{
    private readonly MetronomeTransport _transport;

    internal ContractsResource(MetronomeTransport transport) => _transport = transport;

    /// <summary>
    /// <c>POST /v1/contracts/customerBalances/list</c>, every page: cursor and limit (1–25) travel in the body.
    /// Pass include_balance and include_contract_balances to see balances and contract-level items.
    /// </summary>
    public IAsyncEnumerable<ContractBalance> ListBalancesAsync(ContractBalanceListParams request, CancellationToken cancellationToken = default) =>
        Pagination.EnumerateAsync(
            "POST /v1/contracts/customerBalances/list",
            (cursor, ct) => _transport.SendAsync<Page<ContractBalance>>(
                HttpMethod.Post, "/v1/contracts/customerBalances/list", request with { NextPage = cursor }, ct),
            cancellationToken);
}
