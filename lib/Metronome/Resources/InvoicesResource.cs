namespace Workbook.Metronome;

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
