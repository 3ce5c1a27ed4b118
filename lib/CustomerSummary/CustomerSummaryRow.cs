using Workbook.Core;

namespace Workbook.CustomerSummary;

/// <summary>
/// One line of the customer summary, still typed: USD amounts in cents (converted to dollars only when written),
/// other credit types kept in their own units. Null means "no such thing" (no draft invoice, or the row failed).
/// </summary>
public sealed record CustomerSummaryRow
{
    public const string Ok = "ok";

    public required string CustomerId { get; init; }

    public required string CustomerName { get; init; }

    public required IReadOnlyList<string> IngestAliases { get; init; }

    /// <summary>Null only on an error row for a customer listed without it.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    public DateTimeOffset? ArchivedAt { get; init; }

    /// <summary>The plans active at the report's as-of time, <c>;</c>-joined.</summary>
    public string? PlanName { get; init; }

    /// <summary>The DRAFT invoice(s) of the open period, <c>;</c>-joined.</summary>
    public string? CurrentInvoiceId { get; init; }

    public DateTimeOffset? CurrentPeriodStart { get; init; }

    public DateTimeOffset? CurrentPeriodEnd { get; init; }

    public decimal? CurrentInvoiceTotalCents { get; init; }

    public decimal? LastFinalizedInvoiceTotalCents { get; init; }

    public DateTimeOffset? LastFinalizedPeriodEnd { get; init; }

    public int? FinalizedInvoices { get; init; }

    public decimal? LifetimeBilledCents { get; init; }

    public decimal? CreditBalanceCents { get; init; }

    public decimal? CreditBalanceIncludingPendingCents { get; init; }

    /// <summary>Credit balances in every credit type other than USD (cents), unconverted.</summary>
    public IReadOnlyList<Money> OtherCreditTypes { get; init; } = [];

    /// <summary>The open period's draft totals in credit types other than USD (cents).</summary>
    public IReadOnlyList<Money> CurrentInvoiceOtherCreditTypes { get; init; } = [];

    /// <summary>Finalized totals in credit types other than USD (cents).</summary>
    public IReadOnlyList<Money> LifetimeBilledOtherCreditTypes { get; init; } = [];

    /// <summary>
    /// USD (cents) of usage per day: the current draft's subtotal (before credits) over the days elapsed in its period
    /// at the as-of instant; with no draft, the last finalized invoice's subtotal over its period's days.
    /// </summary>
    public decimal? CreditBurnCentsPerDay { get; init; }

    /// <summary>Days the USD credit balance lasts at <see cref="CreditBurnCentsPerDay"/>; null when either is not positive.</summary>
    public decimal? CreditRunwayDays { get; init; }

    /// <summary>The earliest instant after the as-of instant at which part of the USD credit balance expires.</summary>
    public DateTimeOffset? NextCreditExpiry { get; init; }

    /// <summary>USD (cents) of the credit balance that expires at <see cref="NextCreditExpiry"/>.</summary>
    public decimal? CreditExpiringCents { get; init; }

    /// <summary>The current draft's USD total extrapolated to its period's end at the month-to-date daily rate.</summary>
    public decimal? ProjectedPeriodTotalCents { get; init; }

    /// <summary><see cref="Ok"/>, or the error that kept this row from being filled (after retries).</summary>
    public required string Status { get; init; }

    public bool IsOk => Status == Ok;
}
