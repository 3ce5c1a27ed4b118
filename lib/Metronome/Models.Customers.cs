using System.Text.Json.Serialization;

namespace Workbook.Metronome;

// Required and optional fields follow the official SDKs' types (metronome-python types/v1/customer_detail.py,
// customers/plan_list_response.py, pricing_unit_list_response.py): `required` here is required there.

/// <summary>A customer as <c>GET /v1/customers</c> and <c>GET /v1/customers/{id}</c> return it (CustomerDetail).</summary>
public sealed record Customer
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    /// <summary>Deprecated by the API in favour of <see cref="IngestAliases"/>: the first alias or the id.</summary>
    public required string ExternalId { get; init; }

    public required IReadOnlyList<string> IngestAliases { get; init; }

    public required IReadOnlyDictionary<string, string> CustomFields { get; init; }

    public required CustomerConfig CustomerConfig { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Null while the customer is active.</summary>
    public DateTimeOffset? ArchivedAt { get; init; }

    /// <summary>Only for some accounts (the API's configuration decides).</summary>
    public CurrentBillableStatus? CurrentBillableStatus { get; init; }
}

public sealed record CustomerConfig
{
    public string? SalesforceAccountId { get; init; }
}

public sealed record CurrentBillableStatus
{
    public required BillableStatus Value { get; init; }

    public DateTimeOffset? EffectiveAt { get; init; }
}

[JsonConverter(typeof(StrictEnumConverter<BillableStatus>))]
public enum BillableStatus
{
    [JsonStringEnumMemberName("billable")]
    Billable,

    [JsonStringEnumMemberName("unbillable")]
    Unbillable,
}

/// <summary>A plan a customer is (or was) on: <c>GET /v1/customers/{id}/plans</c> (plan-era billing).</summary>
public sealed record CustomerPlan
{
    /// <summary>The id of the customer-plan assignment, not of the plan.</summary>
    public required string Id { get; init; }

    public required string PlanId { get; init; }

    public required string PlanName { get; init; }

    public required string PlanDescription { get; init; }

    public required IReadOnlyDictionary<string, string> CustomFields { get; init; }

    public required DateTimeOffset StartingOn { get; init; }

    /// <summary>Exclusive end; null while the plan has no scheduled end.</summary>
    public DateTimeOffset? EndingBefore { get; init; }

    public decimal? NetPaymentTermsDays { get; init; }

    /// <summary>True when the plan covers <paramref name="instant"/> (start inclusive, end exclusive).</summary>
    public bool IsActiveAt(DateTimeOffset instant) => StartingOn <= instant && (EndingBefore is null || instant < EndingBefore);
}

/// <summary>A pricing unit from <c>GET /v1/credit-types/list</c>: a currency or a custom unit. Every field is optional in the API.</summary>
public sealed record CreditTypeInfo
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    public bool? IsCurrency { get; init; }
}
