using Workbook.Core;

namespace Workbook.Metronome;

/// <summary>An amount of a grant, in its credit type: the unit of the grant's balance.</summary>
public sealed record GrantAmount
{
    public decimal? Amount { get; init; }

    public required CreditType CreditType { get; init; }
}
