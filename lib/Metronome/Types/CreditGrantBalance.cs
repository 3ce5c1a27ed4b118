namespace Workbook.Metronome;

/// <summary>A grant's balance as of the end of the customer's current billing period (<see cref="EffectiveAt"/>).</summary>
public sealed record CreditGrantBalance
{
    public DateTimeOffset? EffectiveAt { get; init; }

    public required decimal ExcludingPending { get; init; }

    public required decimal IncludingPending { get; init; }
}
