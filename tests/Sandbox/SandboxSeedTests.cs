using System.Text;
using Workbook.Core;
using Workbook.Sandbox;

namespace Workbook.Tests.Sandbox;

public class SandboxSeedTests
{
    private static readonly DateTimeOffset Now = new(2024, 4, 2, 16, 3, 33, 485, TimeSpan.Zero);

    private static SandboxSeed Parse(string json) => SandboxSeed.Parse(new MemoryStream(Encoding.UTF8.GetBytes(json)), "test-seed.json");

    private static readonly SandboxCustomer[] Customers =
    [
        TestDataset.MakeCustomer(1) with { Name = "Acme" },
        TestDataset.MakeCustomer(2) with { Name = "Twin" },
        TestDataset.MakeCustomer(3) with { Name = "Twin" },
    ];

    [Fact]
    public void Grant_balances_follow_from_the_amount_and_the_posted_and_pending_deductions()
    {
        var seed = Parse("""
            {"credit_grants": [
              {"customer": "alias_1", "name": "promo", "credit_type": "USD (cents)", "grant_amount": 50000,
               "effective_at": "2024-02-29T00:00:00Z", "expires_at": "2025-03-01T00:00:00Z",
               "deductions": [{"amount": -15000, "reason": "March", "effective_at": "2024-04-02T00:00:00Z"}],
               "pending_deductions": [{"amount": -4250.5, "reason": "April draft", "effective_at": "2024-04-02T16:00:00Z"}]},
              {"customer": "Acme", "name": "expired", "credit_type": "USD (cents)", "grant_amount": 10000,
               "effective_at": "2024-02-01T00:00:00Z", "expires_at": "2024-03-31T00:00:00Z"},
              {"customer": "Acme", "name": "lapsing", "credit_type": "USD (cents)", "grant_amount": 2000,
               "effective_at": "2024-03-15T00:00:00Z", "expires_at": "2024-04-20T00:00:00Z"}
            ]}
            """);

        var grants = SeededCredits.Resolve(seed, Customers, strict: true, "test-seed.json").CreditGrants;

        var promo = grants[0];
        Assert.Equal(Customers[0].Id, promo.CustomerId);
        var periodEnd = new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(new GrantBalance(periodEnd, 35000m, 30749.5m), GrantBalance.Of(promo, Now, periodEnd));
        Assert.Equal([-15000m], promo.Deductions.Select(d => d.Amount));
        Assert.Equal([-4250.5m], promo.PendingDeductions.Select(d => d.Amount));
        Assert.Equal(new GrantBalance(periodEnd, 0m, 0m), GrantBalance.Of(grants[1], Now, periodEnd));
        // Usable now, but it expires before the period ends: nothing left including pending, as the API documents.
        Assert.Equal(new GrantBalance(periodEnd, 2000m, 0m), GrantBalance.Of(grants[2], Now, periodEnd));
        // Ids are derived, so the same seed gives the same ids on every run.
        Assert.Equal(promo.Id, SeededCredits.Resolve(seed, Customers, strict: true, "test-seed.json").CreditGrants[0].Id);
    }

    [Fact]
    public void Contract_balances_carry_their_credit_type_and_contract()
    {
        var seed = Parse("""
            {"credit_types": [{"id": "tok", "name": "compute tokens", "is_currency": false}],
             "contract_balances": [
              {"customer": "alias_2", "contract": "2024", "type": "CREDIT", "name": "tokens", "product": "Compute credit",
               "credit_type": "compute tokens", "amount": 500, "balance": 499.5,
               "starting_at": "2024-02-01T00:00:00Z", "ending_before": "2024-05-01T00:00:00Z"},
              {"customer": "alias_2", "type": "PREPAID", "name": "customer level", "product": "Prepaid",
               "credit_type": "USD (cents)", "amount": 100, "balance": 100,
               "starting_at": "2024-02-01T00:00:00Z", "ending_before": "2024-05-01T00:00:00Z"}
            ]}
            """);

        var credits = SeededCredits.Resolve(seed, Customers, strict: true, "test-seed.json");

        var balances = credits.ContractBalances[Customers[1].Id];
        Assert.Equal(new CreditType("tok", "compute tokens"), balances[0].CreditType);
        Assert.Equal(499.5m, balances[0].Balance);
        Assert.NotNull(balances[0].ContractId);
        Assert.Null(balances[1].ContractId);
        Assert.Equal(["USD (cents)", "compute tokens"], credits.CreditTypes.Select(t => t.Name));
    }

    [Theory]
    [InlineData("""{"credit_grants": [{"customer": "nobody", "name": "g", "credit_type": "USD (cents)", "grant_amount": 1, "effective_at": "2024-01-01T00:00:00Z", "expires_at": "2025-01-01T00:00:00Z"}]}""",
        "test-seed.json: credit_grants[0]: no customer has the ingest alias or name 'nobody'")]
    [InlineData("""{"credit_grants": [{"customer": "Twin", "name": "g", "credit_type": "USD (cents)", "grant_amount": 1, "effective_at": "2024-01-01T00:00:00Z", "expires_at": "2025-01-01T00:00:00Z"}]}""",
        "test-seed.json: credit_grants[0]: 'Twin' names 2 customers; use an ingest alias")]
    [InlineData("""{"credit_grants": [{"customer": "Acme", "name": "g", "credit_type": "gold", "grant_amount": 1, "effective_at": "2024-01-01T00:00:00Z", "expires_at": "2025-01-01T00:00:00Z"}]}""",
        "test-seed.json: credit_grants[0]: unknown credit type 'gold' (define it under credit_types)")]
    [InlineData("""{"contract_balances": [{"customer": "Acme", "type": "GIFT", "name": "c", "product": "p", "credit_type": "USD (cents)", "amount": 1, "balance": 1, "starting_at": "2024-01-01T00:00:00Z", "ending_before": "2025-01-01T00:00:00Z"}]}""",
        "test-seed.json: contract_balances[0]: type must be PREPAID, POSTPAID or CREDIT, got 'GIFT'")]
    public void Seed_mistakes_name_the_file_and_the_entry(string json, string message) =>
        Assert.Equal(message, Assert.Throws<WorkbookException>(() => SeededCredits.Resolve(Parse(json), Customers, strict: true, "test-seed.json")).Message);

    [Fact]
    public void Without_strict_entries_for_absent_customers_are_skipped()
    {
        var seed = Parse("""{"credit_grants": [{"customer": "nobody", "name": "g", "credit_type": "USD (cents)", "grant_amount": 1, "effective_at": "2024-01-01T00:00:00Z", "expires_at": "2025-01-01T00:00:00Z"}]}""");
        Assert.Empty(SeededCredits.Resolve(seed, Customers, strict: false, "built-in").CreditGrants);
    }

    [Fact]
    public void Malformed_seed_json_names_the_file_and_line()
    {
        var error = Assert.Throws<InputDataException>(() => Parse("{\n  \"credit_grants\": [\n    {\"customer\": 5}\n  ]\n}"));
        Assert.Equal("test-seed.json", error.File);
        Assert.Equal(3, error.Line);
    }

    [Fact]
    public void The_built_in_seed_parses_and_defines_a_custom_unit()
    {
        var seed = SandboxSeed.BuiltIn();
        Assert.Contains(seed.CreditTypes, t => t is { Name: "compute tokens", IsCurrency: false });
        Assert.Contains(seed.CreditGrants, g => g.Customer == "a1_company" && g.PendingDeductions.Count > 0);
        Assert.Contains(seed.ContractBalances, b => b.Customer == "b1_company" && b.Type == SandboxContractBalance.Prepaid);
    }
}
