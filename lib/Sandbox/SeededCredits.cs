using Workbook.Core;
using Workbook.Metronome;

namespace Workbook.Sandbox;

/// <summary>The seed resolved against a customer list: API-shaped grants, commits/credits and credit types.</summary>
public sealed record SeededCredits(
    IReadOnlyList<CreditGrant> CreditGrants,
    IReadOnlyDictionary<string, IReadOnlyList<ContractBalance>> ContractBalances,
    IReadOnlyList<CreditTypeInfo> CreditTypes)
{
    /// <summary>
    /// Resolves every seed entry's customer (ingest alias first, then exact name) and credit type (by name).
    /// With <paramref name="strict"/>, an entry naming no customer is an error; without it (the built-in seed on
    /// some other export) such entries are skipped. Grant balances are computed as of <paramref name="now"/>.
    /// </summary>
    public static SeededCredits Resolve(SandboxSeed seed, IReadOnlyList<Customer> customers, DateTimeOffset now, bool strict, string source)
    {
        var creditTypes = new List<CreditTypeInfo> { SandboxDataset.UsdCents };
        foreach (var type in seed.CreditTypes)
        {
            if (creditTypes.Any(t => t.Id == type.Id || t.Name == type.Name))
            {
                throw new WorkbookException($"{source}: credit type '{type.Name}' ({type.Id}) is defined twice");
            }

            creditTypes.Add(type);
        }

        var byAlias = new Dictionary<string, Customer>(StringComparer.Ordinal);
        var byName = new Dictionary<string, List<Customer>>(StringComparer.Ordinal);
        foreach (var customer in customers)
        {
            foreach (var alias in customer.IngestAliases)
            {
                byAlias.TryAdd(alias, customer);
            }

            (byName.TryGetValue(customer.Name, out var same) ? same : byName[customer.Name] = []).Add(customer);
        }

        Customer? FindCustomer(string key, string entry)
        {
            if (byAlias.TryGetValue(key, out var customer))
            {
                return customer;
            }

            if (byName.TryGetValue(key, out var named))
            {
                return named.Count == 1
                    ? named[0]
                    : throw new WorkbookException($"{source}: {entry}: '{key}' names {named.Count} customers; use an ingest alias");
            }

            return strict ? throw new WorkbookException($"{source}: {entry}: no customer has the ingest alias or name '{key}'") : null;
        }

        CreditType FindCreditType(string name, string entry) =>
            creditTypes.FirstOrDefault(t => t.Name == name) is { } type
                ? new CreditType(type.Id, type.Name)
                : throw new WorkbookException($"{source}: {entry}: unknown credit type '{name}' (define it under credit_types)");

        var grants = new List<CreditGrant>();
        for (var i = 0; i < seed.CreditGrants.Count; i++)
        {
            var entry = $"credit_grants[{i}]";
            var item = seed.CreditGrants[i];
            if (FindCustomer(item.Customer, entry) is { } customer)
            {
                grants.Add(Grant(item, customer, FindCreditType(item.CreditType, entry), now));
            }
        }

        var balances = new Dictionary<string, List<ContractBalance>>(StringComparer.Ordinal);
        for (var i = 0; i < seed.ContractBalances.Count; i++)
        {
            var entry = $"contract_balances[{i}]";
            var item = seed.ContractBalances[i];
            if (item.Type is not (ContractBalance.Prepaid or ContractBalance.Postpaid or ContractBalance.Credit))
            {
                throw new WorkbookException($"{source}: {entry}: type must be PREPAID, POSTPAID or CREDIT, got '{item.Type}'");
            }

            if (FindCustomer(item.Customer, entry) is { } customer)
            {
                (balances.TryGetValue(customer.Id, out var list) ? list : balances[customer.Id] = [])
                    .Add(Balance(item, customer, FindCreditType(item.CreditType, entry)));
            }
        }

        return new SeededCredits(
            grants,
            balances.ToDictionary(b => b.Key, b => (IReadOnlyList<ContractBalance>)b.Value, StringComparer.Ordinal),
            creditTypes);
    }

    private static CreditGrant Grant(SeedCreditGrant item, Customer customer, CreditType creditType, DateTimeOffset now)
    {
        var id = SandboxIds.Derive("credit-grant", customer.Id, item.Name);
        var running = item.GrantAmount;
        var deductions = item.Deductions.Select(d => Entry(d, running += d.Amount, id)).ToList();
        // Expired grants keep nothing usable, as the API reports (excluding_pending is 0 once expired).
        var excludingPending = item.ExpiresAt <= now ? 0m : running;
        var pending = item.PendingDeductions.Select(d => Entry(d, running += d.Amount, id)).ToList();
        var includingPending = item.ExpiresAt <= now ? 0m : running;
        return new CreditGrant
        {
            Id = id,
            CustomerId = customer.Id,
            Name = item.Name,
            EffectiveAt = item.EffectiveAt,
            ExpiresAt = item.ExpiresAt,
            Priority = item.Priority,
            GrantAmount = new GrantAmount { Amount = item.GrantAmount, CreditType = creditType },
            PaidAmount = new GrantAmount { Amount = item.PaidAmount, CreditType = creditType },
            Balance = new CreditGrantBalance { EffectiveAt = now, ExcludingPending = excludingPending, IncludingPending = includingPending },
            Deductions = deductions,
            PendingDeductions = pending,
            CreditGrantType = item.PaidAmount > 0 ? "PAID" : "PROMOTIONAL",
        };
    }

    private static CreditLedgerEntry Entry(SeedDeduction deduction, decimal runningBalance, string grantId) => new()
    {
        Amount = deduction.Amount,
        Reason = deduction.Reason,
        RunningBalance = runningBalance,
        EffectiveAt = deduction.EffectiveAt,
        CreatedBy = "Metronome System",
        CreditGrantId = grantId,
    };

    private static ContractBalance Balance(SeedContractBalance item, Customer customer, CreditType creditType) => new()
    {
        Id = SandboxIds.Derive("contract-balance", customer.Id, item.Contract ?? "", item.Name),
        Type = item.Type,
        Name = item.Name,
        Product = new ProductRef { Id = SandboxIds.Derive("product", item.Product), Name = item.Product },
        CreatedAt = item.StartingAt,
        Contract = item.Contract is null ? null : new ContractRef { Id = SandboxIds.Derive("contract", customer.Id, item.Contract) },
        AccessSchedule = new AccessSchedule
        {
            CreditType = creditType,
            ScheduleItems =
            [
                new ScheduleItem
                {
                    Id = SandboxIds.Derive("schedule-item", customer.Id, item.Contract ?? "", item.Name),
                    Amount = item.Amount,
                    StartingAt = item.StartingAt,
                    EndingBefore = item.EndingBefore,
                },
            ],
        },
        Balance = item.Balance,
    };
}
