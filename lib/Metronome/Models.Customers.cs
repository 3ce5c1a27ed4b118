using System.Text.Json.Serialization;

namespace Workbook.Metronome;

/// <summary>A customer as <c>GET /v1/customers</c> and <c>GET /v1/customers/{id}</c> return it (CustomerDetail).</summary>
public sealed record Customer
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public string? ExternalId { get; init; }

    public IReadOnlyList<string> IngestAliases { get; init; } = [];

    public IReadOnlyDictionary<string, string>? CustomFields { get; init; }

    public CustomerConfig? CustomerConfig { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>Null while the customer is active; always written so a reader sees the field.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public DateTimeOffset? ArchivedAt { get; init; }
}

public sealed record CustomerConfig
{
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? SalesforceAccountId { get; init; }
}

/// <summary>A plan a customer is (or was) on: <c>GET /v1/customers/{id}/plans</c> (plan-era billing).</summary>
public sealed record CustomerPlan
{
    /// <summary>The id of the customer-plan assignment, not of the plan.</summary>
    public required string Id { get; init; }

    public required string PlanId { get; init; }

    public required string PlanName { get; init; }

    public string? PlanDescription { get; init; }

    public required DateTimeOffset StartingOn { get; init; }

    /// <summary>Exclusive end; null while the plan has no scheduled end.</summary>
    public DateTimeOffset? EndingBefore { get; init; }

    public IReadOnlyDictionary<string, string>? CustomFields { get; init; }

    public decimal? NetPaymentTermsDays { get; init; }

    /// <summary>True when the plan covers <paramref name="instant"/> (start inclusive, end exclusive).</summary>
    public bool IsActiveAt(DateTimeOffset instant) => StartingOn <= instant && (EndingBefore is null || instant < EndingBefore);
}

/// <summary>A pricing unit from <c>GET /v1/credit-types/list</c>: a currency or a custom unit such as "compute tokens".</summary>
public sealed record CreditTypeInfo
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required bool IsCurrency { get; init; }
}
