namespace Workbook.Metronome;

/// <summary>A deduction from a grant. Not read by the customer summary (it relies on the balance): nothing here is required.</summary>
public sealed record CreditLedgerEntry
{
    public decimal? Amount { get; init; }

    public string? Reason { get; init; }

    public decimal? RunningBalance { get; init; }

    public DateTimeOffset? EffectiveAt { get; init; }

    public string? CreatedBy { get; init; }

    public string? CreditGrantId { get; init; }

    public string? InvoiceId { get; init; }
}
