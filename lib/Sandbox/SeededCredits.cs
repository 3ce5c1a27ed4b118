using Workbook.Core;

namespace Workbook.Sandbox;

/// <summary>The seed resolved against a customer list: grants, commits/credits and credit types, as the sandbox serves them.</summary>
public sealed record SeededCredits(
    IReadOnlyList<SandboxCreditGrant> CreditGrants,
    IReadOnlyDictionary<string, IReadOnlyList<SandboxContractBalance>> ContractBalances,
    IReadOnlyList<SandboxCreditType> CreditTypes)
{
    /// <summary>
    /// Resolves every seed entry's customer (ingest alias first, then exact name) and credit type (by name).
    /// With <paramref name="strict"/>, an entry naming no customer is an error; without it (the built-in seed on
    /// some other export) such entries are skipped. Grant balances are not stored: the sandbox computes them as the
    /// API documents (<see cref="GrantBalance"/>).
    /// </summary>
    public static SeededCredits Resolve(SandboxSeed seed, IReadOnlyList<SandboxCustomer> customers, bool strict, string source)
    {
        var creditTypes = new List<SandboxCreditType> { SandboxDataset.UsdCents };
        foreach (var type in seed.CreditTypes)
        {
            if (creditTypes.Any(t => t.Id == type.Id || t.Name == type.Name))
            {
                throw new WorkbookException($"{source}: credit type '{type.Name}' ({type.Id}) is defined twice");
            }

            creditTypes.Add(type);
        }

        var byAlias = new Dictionary<string, SandboxCustomer>(StringComparer.Ordinal);
        var byName = new Dictionary<string, List<SandboxCustomer>>(StringComparer.Ordinal);
        foreach (var customer in customers)
        {
            foreach (var alias in customer.IngestAliases)
            {
                byAlias.TryAdd(alias, customer);
            }

            (byName.TryGetValue(customer.Name, out var same) ? same : byName[customer.Name] = []).Add(customer);
        }

        SandboxCustomer? FindCustomer(string key, string entry)
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

        var grants = new List<SandboxCreditGrant>();
        for (var i = 0; i < seed.CreditGrants.Count; i++)
        {
            var entry = $"credit_grants[{i}]";
            var item = seed.CreditGrants[i];
            if (FindCustomer(item.Customer, entry) is { } customer)
            {
                grants.Add(Grant(item, customer, FindCreditType(item.CreditType, entry)));
            }
        }

        var balances = new Dictionary<string, List<SandboxContractBalance>>(StringComparer.Ordinal);
        for (var i = 0; i < seed.ContractBalances.Count; i++)
        {
            var entry = $"contract_balances[{i}]";
            var item = seed.ContractBalances[i];
            if (item.Type is not (SandboxContractBalance.Prepaid or SandboxContractBalance.Postpaid or SandboxContractBalance.Credit))
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
            balances.ToDictionary(b => b.Key, b => (IReadOnlyList<SandboxContractBalance>)b.Value, StringComparer.Ordinal),
            creditTypes);
    }

    private static SandboxCreditGrant Grant(SeedCreditGrant item, SandboxCustomer customer, CreditType creditType) =>
        new(SandboxIds.Derive("credit-grant", customer.Id, item.Name), customer.Id, item.Name, creditType, item.GrantAmount, item.EffectiveAt, item.ExpiresAt)
        {
            PaidAmount = item.PaidAmount,
            Priority = item.Priority,
            Deductions = [.. item.Deductions.Select(Deduction)],
            PendingDeductions = [.. item.PendingDeductions.Select(Deduction)],
            GrantType = item.PaidAmount > 0 ? "PAID" : "PROMOTIONAL",
        };

    private static SandboxDeduction Deduction(SeedDeduction d) => new(d.Amount, d.Reason, d.EffectiveAt);

    private static SandboxContractBalance Balance(SeedContractBalance item, SandboxCustomer customer, CreditType creditType) =>
        new(SandboxIds.Derive("contract-balance", customer.Id, item.Contract ?? "", item.Name), item.Type, item.Name, item.Product, creditType,
            item.Amount, item.Balance, item.StartingAt, item.EndingBefore)
        {
            ContractId = item.Contract is null ? null : SandboxIds.Derive("contract", customer.Id, item.Contract),
        };
}
