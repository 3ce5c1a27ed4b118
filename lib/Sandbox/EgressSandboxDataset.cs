using Workbook.Core;
using Workbook.Egress;

namespace Workbook.Sandbox;

/// <summary>
/// Builds the sandbox's dataset from the data export (loaded by the one egress loader, read through its typed
/// queries, <see cref="ExportTables"/>) and a seed: customers from the customer table; the export's invoices
/// (FINALIZED, and DRAFT or VOID when it has them) with their line and sub-line items; each customer's plans, taken
/// from its invoices' plan_id/plan_name (the export has no customer-plan table); a DRAFT invoice for the open
/// period, unless the export has one, priced from the events since the last finalized period
/// (<see cref="DraftInvoices"/>); credit grants, contract balances and custom credit types from the seed. The
/// sandbox's "now" is the last event's timestamp, never the wall clock.
/// </summary>
public static class EgressSandboxDataset
{
    /// <summary>Loads the export in <paramref name="dataFolder"/> into an in-memory database and builds the dataset.</summary>
    public static SandboxDataset Load(string dataFolder, SandboxSeed seed, bool strictSeed, string seedSource)
    {
        using var database = EgressDatabase.Load(dataFolder);
        return Build(database, seed, strictSeed, seedSource);
    }

    /// <summary>
    /// Loads the export in <paramref name="dataFolder"/> with the seed file <paramref name="seedFile"/>; null takes the
    /// built-in seed, which names the exercise's customers (on another export its entries that match nobody are
    /// skipped, while a seed file given must match).
    /// </summary>
    public static SandboxDataset Load(string dataFolder, string? seedFile, IProgress<double>? progress)
    {
        var seed = seedFile is null ? SandboxSeed.BuiltIn() : SandboxSeed.Load(seedFile);
        using var database = EgressDatabase.Load(dataFolder, EgressDatabase.InMemory, progress);
        return Build(database, seed, strictSeed: seedFile is not null, seedFile ?? "built-in seed.json");
    }

    public static SandboxDataset Build(EgressDatabase database, SandboxSeed seed, bool strictSeed, string seedSource)
    {
        var connection = database.Connection;
        var customers = ExportTables.Customers(connection).Select(Customer).ToList();
        var exported = ExportTables.Invoices(connection);
        var now = ExportTables.LastEventAt(connection) ?? (exported.Count == 0 ? DateTimeOffset.UnixEpoch : exported.Max(i => i.End));
        var drafts = DraftInvoices.Price(connection, exported, now);
        var plans = PlansFromInvoices(ExportTables.PlanDescriptions(connection), exported);
        var credits = SeededCredits.Resolve(seed, customers, strictSeed, seedSource);
        return new SandboxDataset(customers, [.. exported.Select(Invoice), .. drafts], plans, credits.CreditGrants, credits.ContractBalances, credits.CreditTypes, now);
    }

    private static SandboxCustomer Customer(ExportCustomer c) => new(c.Id, c.Name, c.IngestAliases, c.CreatedAt ?? DateTimeOffset.UnixEpoch)
    {
        CustomFields = c.CustomFields,
        SalesforceAccountId = c.SalesforceAccountId,
        UpdatedAt = c.UpdatedAt,
        ArchivedAt = c.ArchivedAt,
    };

    /// <summary>
    /// An export invoice as the API serves it. The export has no line-item type, so lines are <c>usage</c>;
    /// sub-lines get <c>price = subtotal / quantity</c>.
    /// </summary>
    private static SandboxInvoice Invoice(ExportInvoice i) => new(i.Id, i.CustomerId, i.Status, i.Label ?? "PLAN_ARREARS", i.Total, i.CreditType, i.Start, i.End)
    {
        IssuedAt = i.IssuedAt,
        PlanId = i.PlanId,
        PlanName = i.PlanName,
        LineItems = [.. i.LineItems.Select(line => new SandboxLineItem(line.Name, "usage", line.Total, line.CreditType)
        {
            Quantity = line.Quantity,
            ProductId = line.ProductId,
            ProductType = "UsageProductListItem",
            SubLineItems = [.. line.SubLineItems.Select(sub => new SandboxSubLineItem(sub.Name, sub.Quantity, sub.Subtotal)
            {
                Price = sub.Quantity == 0 ? null : sub.Subtotal / sub.Quantity,
                ChargeId = sub.ChargeId,
            })],
        })],
    };

    /// <summary>A plan per (customer, plan) seen on its invoices, from the first such invoice's start, still open.</summary>
    private static Dictionary<string, IReadOnlyList<SandboxPlan>> PlansFromInvoices(IReadOnlyDictionary<string, string?> descriptions, IReadOnlyList<ExportInvoice> invoices) =>
        invoices
            .Where(i => i.PlanId is not null)
            .GroupBy(i => i.CustomerId, StringComparer.Ordinal)
            .ToDictionary(
                byCustomer => byCustomer.Key,
                byCustomer => (IReadOnlyList<SandboxPlan>)byCustomer
                    .GroupBy(i => i.PlanId!, StringComparer.Ordinal)
                    .Select(byPlan => new SandboxPlan(
                        SandboxIds.Derive("customer-plan", byCustomer.Key, byPlan.Key),
                        byPlan.Key,
                        byPlan.First().PlanName ?? byPlan.Key,
                        byPlan.Min(i => i.Start))
                    {
                        Description = descriptions.GetValueOrDefault(byPlan.Key),
                    })
                    .OrderBy(p => p.StartingOn)
                    .ThenBy(p => p.PlanId, StringComparer.Ordinal)
                    .ToList(),
                StringComparer.Ordinal);
}
