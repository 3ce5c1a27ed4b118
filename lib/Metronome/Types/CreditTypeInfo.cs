namespace Workbook.Metronome;

/// <summary>A pricing unit from <c>GET /v1/credit-types/list</c>: a currency or a custom unit. Every field is optional in the API.</summary>
public sealed record CreditTypeInfo
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    public bool? IsCurrency { get; init; }
}
