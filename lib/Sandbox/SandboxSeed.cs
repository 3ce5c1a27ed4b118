using System.Text.Json;
using Workbook.Core;

namespace Workbook.Sandbox;

/// <summary>
/// What the data export does not contain and the sandbox still serves: custom credit types, plan-era credit
/// grants and contract commits/credits. Read from a JSON seed file (format in lib/Sandbox/README.md); the
/// built-in one, <c>seed.json</c> beside this file, fits the exercise export.
/// </summary>
public sealed record SandboxSeed
{
    public IReadOnlyList<SandboxCreditType> CreditTypes { get; init; } = [];

    public IReadOnlyList<SeedCreditGrant> CreditGrants { get; init; } = [];

    public IReadOnlyList<SeedContractBalance> ContractBalances { get; init; } = [];

    public static SandboxSeed Empty { get; } = new();

    /// <summary>The seed file's JSON: snake_case names, strict numbers, required fields enforced. The sandbox's own settings.</summary>
    private static readonly JsonSerializerOptions FileOptions = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    /// <summary>The seed embedded in the sandbox assembly (lib/Sandbox/seed.json).</summary>
    public static SandboxSeed BuiltIn()
    {
        using var stream = typeof(SandboxSeed).Assembly.GetManifestResourceStream("Workbook.Sandbox.seed.json")
            ?? throw new InvalidOperationException("the built-in seed.json is not embedded in the sandbox assembly");
        return Parse(stream, "built-in seed.json");
    }

    public static SandboxSeed Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new InputDataException(path, 0, null, "seed file not found");
        }

        using var stream = File.OpenRead(path);
        return Parse(stream, path);
    }

    public static SandboxSeed Parse(Stream json, string source)
    {
        try
        {
            return JsonSerializer.Deserialize<SandboxSeed>(json, FileOptions)
                ?? throw new InputDataException(source, 0, null, "the seed is the JSON literal null");
        }
        catch (JsonException error)
        {
            throw new InputDataException(source, (error.LineNumber ?? -1) + 1, error.Path, error.Message);
        }
    }
}

/// <summary>A plan-era credit grant; its balance follows from the amount and the deductions.</summary>
public sealed record SeedCreditGrant
{
    /// <summary>The customer's ingest alias, else its exact name.</summary>
    public required string Customer { get; init; }

    public required string Name { get; init; }

    /// <summary>The credit type's name: "USD (cents)" or one of the seed's credit types.</summary>
    public required string CreditType { get; init; }

    public required decimal GrantAmount { get; init; }

    public decimal PaidAmount { get; init; }

    public decimal Priority { get; init; } = 1;

    public required DateTimeOffset EffectiveAt { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>Posted deductions (negative amounts).</summary>
    public IReadOnlyList<SeedDeduction> Deductions { get; init; } = [];

    /// <summary>Deductions of draft invoices, not yet posted (negative amounts).</summary>
    public IReadOnlyList<SeedDeduction> PendingDeductions { get; init; } = [];
}

public sealed record SeedDeduction
{
    public required decimal Amount { get; init; }

    public required string Reason { get; init; }

    public required DateTimeOffset EffectiveAt { get; init; }
}

/// <summary>
/// A contract commit (PREPAID/POSTPAID) or credit (CREDIT) with its <see cref="Balance"/>: as the API documents it,
/// the balance at this moment, net of pending (draft-invoice) deductions.
/// </summary>
public sealed record SeedContractBalance
{
    public required string Customer { get; init; }

    /// <summary>The contract's name (its id is derived from it); null for a customer-level commit or credit.</summary>
    public string? Contract { get; init; }

    public required string Type { get; init; }

    public required string Name { get; init; }

    public required string Product { get; init; }

    public required string CreditType { get; init; }

    public required decimal Amount { get; init; }

    public required decimal Balance { get; init; }

    public required DateTimeOffset StartingAt { get; init; }

    public required DateTimeOffset EndingBefore { get; init; }
}
