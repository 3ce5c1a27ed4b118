namespace Workbook.Sandbox;

/// <summary>
/// A credit grant's balance as the API documents it (listGrants' <c>balance</c>): "as of the end of the customer's
/// current billing period" (<see cref="EffectiveAt"/>); <see cref="ExcludingPending"/> counts the posted deductions
/// and is 0 once the grant has expired; <see cref="IncludingPending"/> also counts the pending ones and is 0 if the
/// grant expires before the end of that period.
/// </summary>
public readonly record struct GrantBalance(DateTimeOffset EffectiveAt, decimal ExcludingPending, decimal IncludingPending)
{
    /// <param name="now">The sandbox's "now".</param>
    /// <param name="periodEnd">The end of the customer's current billing period.</param>
    public static GrantBalance Of(SandboxCreditGrant grant, DateTimeOffset now, DateTimeOffset periodEnd)
    {
        var posted = grant.GrantAmount + grant.Deductions.Sum(d => d.Amount);
        var pending = posted + grant.PendingDeductions.Sum(d => d.Amount);
        return new GrantBalance(
            periodEnd,
            grant.ExpiresAt <= now ? 0m : posted,
            grant.ExpiresAt < periodEnd ? 0m : pending);
    }
}
