using System.Text.Json.Serialization;

namespace Workbook.Metronome;

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
