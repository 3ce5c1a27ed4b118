namespace Workbook.Metronome;

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
