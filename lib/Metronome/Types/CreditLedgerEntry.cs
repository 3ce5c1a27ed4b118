using System.Text.Json.Serialization;
using Workbook.Core;

namespace Workbook.Metronome;

public sealed record CreditLedgerEntry
{
    public required decimal Amount { get; init; }

    public required string Reason { get; init; }

    public required decimal RunningBalance { get; init; }

    public required DateTimeOffset EffectiveAt { get; init; }

    public required string CreatedBy { get; init; }

    public required string CreditGrantId { get; init; }

    public string? InvoiceId { get; init; }
}
