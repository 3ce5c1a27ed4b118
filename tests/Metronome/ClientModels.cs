using Workbook.Core;
using Workbook.Metronome;

namespace Workbook.Tests.Metronome;

/// <summary>The client's models built in code, for the pure report tests (the sandbox has its own records, <c>TestDataset</c>).</summary>
public static class ClientModels
{
    public static readonly DateTimeOffset Now = new(2024, 4, 2, 12, 0, 0, TimeSpan.Zero);
    public static readonly CreditType Tokens = new("c0a8f1e2-7d4b-4e5a-9b3c-2f1e0d9c8b7a", "compute tokens");

    public static Customer MakeCustomer(int i) => new()
    {
        Id = $"customer-{i}",
        Name = $"Customer {i:D4}",
        ExternalId = $"alias_{i}",
        IngestAliases = [$"alias_{i}"],
        CustomFields = new Dictionary<string, string>(),
        CustomerConfig = new CustomerConfig(),
        CreatedAt = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(i),
        UpdatedAt = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(i),
    };

    public static Invoice MakeInvoice(string customerId, string status, decimal total, DateTimeOffset start, CreditType? creditType = null) => new()
    {
        Id = $"invoice-{customerId}-{status}-{start:yyyyMMdd}-{total}-{(creditType ?? CreditType.UsdCents).Id}",
        CustomerId = customerId,
        Status = status,
        Type = "PLAN_ARREARS",
        Total = total,
        CreditType = creditType ?? CreditType.UsdCents,
        StartTimestamp = start,
        EndTimestamp = start.AddMonths(1),
        LineItems = [],
    };

    public static CreditGrant MakeGrant(string customerId, string name, decimal excludingPending, decimal includingPending, CreditType? creditType = null) => new()
    {
        Id = $"grant-{name}",
        CustomerId = customerId,
        Name = name,
        EffectiveAt = Now.AddMonths(-2),
        ExpiresAt = Now.AddMonths(10),
        Priority = 1,
        GrantAmount = new GrantAmount { Amount = excludingPending, CreditType = creditType ?? CreditType.UsdCents },
        PaidAmount = new GrantAmount { Amount = 0, CreditType = creditType ?? CreditType.UsdCents },
        Balance = new CreditGrantBalance { EffectiveAt = Now, ExcludingPending = excludingPending, IncludingPending = includingPending },
        Deductions = [],
        PendingDeductions = [],
        CustomFields = new Dictionary<string, string>(),
    };

    public static ContractBalance MakeBalance(string name, ContractBalanceType type, decimal balance, CreditType? creditType = null) => new()
    {
        Id = $"balance-{name}",
        Type = type,
        Name = name,
        Product = new ProductRef { Id = $"product-{name}", Name = name },
        Contract = new ContractRef { Id = "contract" },
        AccessSchedule = new AccessSchedule { CreditType = creditType ?? CreditType.UsdCents, ScheduleItems = [] },
        Balance = balance,
    };
}
