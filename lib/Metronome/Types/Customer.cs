namespace Workbook.Metronome;

/// <summary>
/// A customer as <c>GET /v1/customers</c> and <c>GET /v1/customers/{id}</c> return it (CustomerDetail). Every field
/// is optional here, though the SDK types require most: one customer missing a field must not sink the whole list
/// (the official SDKs do not validate responses either). Whoever needs a field checks it is there.
/// </summary>
public sealed record Customer
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    /// <summary>Deprecated by the API in favour of <see cref="IngestAliases"/>: the first alias or the id.</summary>
    public string? ExternalId { get; init; }

    public IReadOnlyList<string>? IngestAliases { get; init; }

    public IReadOnlyDictionary<string, string>? CustomFields { get; init; }

    public CustomerConfig? CustomerConfig { get; init; }

    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>A newer field: old examples in the API's documentation omit it.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>Null while the customer is active.</summary>
    public DateTimeOffset? ArchivedAt { get; init; }

    /// <summary>Only for some accounts (the API's configuration decides).</summary>
    public CurrentBillableStatus? CurrentBillableStatus { get; init; }
}
