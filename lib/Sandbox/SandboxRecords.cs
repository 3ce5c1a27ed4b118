using Workbook.Core;

namespace Workbook.Sandbox;

// What the sandbox serves, in its own records: it shares neither model classes nor JSON settings with the client
// in lib/Metronome, so a field misnamed on one side cannot be misnamed on the other (SandboxJson writes the wire
// names; tests/Metronome/Fixtures pin them for both sides).

/// <summary>A customer. Served as the API's CustomerDetail.</summary>
public sealed record SandboxCustomer(string Id, string Name, IReadOnlyList<string> IngestAliases, DateTimeOffset CreatedAt)
{
    public IReadOnlyDictionary<string, string> CustomFields { get; init; } = new Dictionary<string, string>();

    public string? SalesforceAccountId { get; init; }

    /// <summary>Served as created_at when unknown (the API always sends updated_at).</summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    public DateTimeOffset? ArchivedAt { get; init; }
}

/// <summary>An invoice, amounts in its credit type's unit.</summary>
public sealed record SandboxInvoice(string Id, string CustomerId, string Status, string Type, decimal Total, CreditType CreditType, DateTimeOffset Start, DateTimeOffset End)
{
    public const string Draft = "DRAFT";
    public const string Finalized = "FINALIZED";
    public const string Void = "VOID";

    public bool IsDraft => Status == Draft;

    public bool IsFinalized => Status == Finalized;

    public DateTimeOffset? IssuedAt { get; init; }

    public string? PlanId { get; init; }

    public string? PlanName { get; init; }

    public IReadOnlyList<SandboxLineItem> LineItems { get; init; } = [];

    /// <summary>
    /// Usage and charges before credits, as the API's <c>subtotal</c>: the sum of the lines. The sandbox applies no
    /// credit to an invoice (a grant's pending deductions show in the grant's balance), so it equals the total.
    /// </summary>
    public decimal Subtotal => LineItems.Sum(l => l.Total);
}

public sealed record SandboxLineItem(string Name, string Type, decimal Total, CreditType CreditType)
{
    public decimal? Quantity { get; init; }

    public string? ProductId { get; init; }

    public string? ProductType { get; init; }

    public IReadOnlyList<SandboxSubLineItem> SubLineItems { get; init; } = [];
}

public sealed record SandboxSubLineItem(string Name, decimal Quantity, decimal Subtotal)
{
    public decimal? Price { get; init; }

    public string? ChargeId { get; init; }
}

/// <summary>A customer's plan (the customer-plan assignment <see cref="Id"/>, of plan <see cref="PlanId"/>).</summary>
public sealed record SandboxPlan(string Id, string PlanId, string PlanName, DateTimeOffset StartingOn)
{
    public string? Description { get; init; }

    public DateTimeOffset? EndingBefore { get; init; }
}

/// <summary>
/// A plan-era credit grant. Its balance is not stored: it follows from the amount, the deductions and the
/// customer's current billing period, as the API documents it (<see cref="GrantBalance"/>).
/// </summary>
public sealed record SandboxCreditGrant(string Id, string CustomerId, string Name, CreditType CreditType, decimal GrantAmount, DateTimeOffset EffectiveAt, DateTimeOffset ExpiresAt)
{
    public decimal PaidAmount { get; init; }

    public decimal Priority { get; init; } = 1;

    /// <summary>Posted deductions, negative amounts, in order.</summary>
    public IReadOnlyList<SandboxDeduction> Deductions { get; init; } = [];

    /// <summary>Deductions of draft invoices, not yet posted (negative amounts).</summary>
    public IReadOnlyList<SandboxDeduction> PendingDeductions { get; init; } = [];

    public string? GrantType { get; init; }
}

public sealed record SandboxDeduction(decimal Amount, string Reason, DateTimeOffset EffectiveAt);

/// <summary>A contract commit (PREPAID / POSTPAID) or credit (CREDIT).</summary>
/// <param name="Balance">Its balance at this moment, net of pending (draft-invoice) deductions, as the API serves it.</param>
public sealed record SandboxContractBalance(string Id, string Type, string Name, string ProductName, CreditType CreditType, decimal Amount, decimal Balance, DateTimeOffset StartingAt, DateTimeOffset EndingBefore)
{
    public const string Prepaid = "PREPAID";
    public const string Postpaid = "POSTPAID";
    public const string Credit = "CREDIT";

    /// <summary>Null for a customer-level commit or credit.</summary>
    public string? ContractId { get; init; }

    public string ProductId => SandboxIds.Derive("product", ProductName);

    public string ScheduleItemId => SandboxIds.Derive("schedule-item", Id);
}

/// <summary>A pricing unit: USD (cents) or a custom one.</summary>
public sealed record SandboxCreditType(string Id, string Name, bool IsCurrency);
