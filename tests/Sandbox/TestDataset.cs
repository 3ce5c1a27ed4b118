using Workbook.Core;
using Workbook.Metronome;
using Workbook.Sandbox;

namespace Workbook.Tests.Sandbox;

/// <summary>Builds sandbox datasets in code: synthetic customers plus whatever invoices, plans and credits a test needs.</summary>
public sealed class TestDataset
{
    public static readonly DateTimeOffset Now = new(2024, 4, 2, 12, 0, 0, TimeSpan.Zero);
    public static readonly CreditType Tokens = new("c0a8f1e2-7d4b-4e5a-9b3c-2f1e0d9c8b7a", "compute tokens");

    private readonly List<SandboxCustomer> _customers = [];
    private readonly List<SandboxInvoice> _invoices = [];
    private readonly Dictionary<string, IReadOnlyList<SandboxPlan>> _plans = new(StringComparer.Ordinal);
    private readonly List<SandboxCreditGrant> _grants = [];
    private readonly Dictionary<string, IReadOnlyList<SandboxContractBalance>> _balances = new(StringComparer.Ordinal);

    public IReadOnlyList<SandboxCustomer> Customers => _customers;

    /// <summary>Customer i: id derived from i, name "Customer 0007", alias "alias_7".</summary>
    public static SandboxCustomer MakeCustomer(int i, DateTimeOffset? archivedAt = null) =>
        new(SandboxIds.Derive("test-customer", i.ToString(System.Globalization.CultureInfo.InvariantCulture)), $"Customer {i:D4}", [$"alias_{i}"],
            new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(i))
        {
            ArchivedAt = archivedAt,
        };

    public TestDataset WithCustomers(int count)
    {
        for (var i = 0; i < count; i++)
        {
            _customers.Add(MakeCustomer(_customers.Count));
        }

        return this;
    }

    public TestDataset WithCustomer(SandboxCustomer customer)
    {
        _customers.Add(customer);
        return this;
    }

    public TestDataset WithInvoice(SandboxInvoice invoice)
    {
        _invoices.Add(invoice);
        return this;
    }

    public TestDataset WithPlans(string customerId, params SandboxPlan[] plans)
    {
        _plans[customerId] = plans;
        return this;
    }

    public TestDataset WithGrant(SandboxCreditGrant grant)
    {
        _grants.Add(grant);
        return this;
    }

    public TestDataset WithBalances(string customerId, params SandboxContractBalance[] balances)
    {
        _balances[customerId] = balances;
        return this;
    }

    public SandboxDataset Build() =>
        new(_customers, _invoices, _plans, _grants, _balances, [SandboxDataset.UsdCents, new SandboxCreditType(Tokens.Id, Tokens.Name, IsCurrency: false)], Now);

    public static SandboxInvoice MakeInvoice(string customerId, string status, decimal total, DateTimeOffset start, CreditType? creditType = null, string? id = null) =>
        new(
            id ?? SandboxIds.Derive("test-invoice", customerId, status, start.ToString("O", System.Globalization.CultureInfo.InvariantCulture), total.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            customerId,
            status,
            "PLAN_ARREARS",
            total,
            creditType ?? CreditType.UsdCents,
            start,
            start.AddMonths(1))
        {
            IssuedAt = status == SandboxInvoice.Draft ? null : start.AddMonths(1).AddDays(1),
            PlanName = "Test plan",
            LineItems =
            [
                new SandboxLineItem("Usage", "usage", total, creditType ?? CreditType.UsdCents)
                {
                    Quantity = 1,
                    SubLineItems = [new SandboxSubLineItem("Usage charge", 4, total) { Price = total / 4 }],
                },
            ],
        };

    /// <summary>
    /// A grant whose served balance is <paramref name="excludingPending"/> posted and <paramref name="includingPending"/>
    /// with its pending deduction, expiring long after the current period.
    /// </summary>
    public static SandboxCreditGrant MakeGrant(string customerId, string name, decimal excludingPending, decimal includingPending, CreditType? creditType = null) =>
        new(SandboxIds.Derive("test-grant", customerId, name), customerId, name, creditType ?? CreditType.UsdCents, excludingPending, Now.AddMonths(-2), Now.AddMonths(10))
        {
            PendingDeductions = includingPending == excludingPending ? [] : [new SandboxDeduction(includingPending - excludingPending, "draft invoice", Now)],
        };

    public static SandboxContractBalance MakeBalance(string name, string type, decimal balance, CreditType? creditType = null, bool contractLevel = true) =>
        new(SandboxIds.Derive("test-balance", name), type, name, name, creditType ?? CreditType.UsdCents, balance, balance, Now.AddMonths(-3), Now.AddMonths(9))
        {
            ContractId = contractLevel ? SandboxIds.Derive("test-contract") : null,
        };
}

/// <summary>A sandbox over loopback for one test, with a client tuned for tests (tiny retry delays).</summary>
public sealed class TestSandbox : IAsyncDisposable
{
    private TestSandbox(SandboxServer server) => Server = server;

    public SandboxServer Server { get; }

    public static async Task<TestSandbox> StartAsync(SandboxDataset dataset, params SandboxFault[] faults) =>
        new(await SandboxServer.StartAsync(new SandboxOptions { Dataset = dataset, Faults = faults }));

    /// <summary>A client for this sandbox. Retry delays are scaled by 1/1000 unless the test says otherwise.</summary>
    public MetronomeClient Client(Func<MetronomeClientOptions, MetronomeClientOptions>? configure = null, string? token = null)
    {
        var options = new MetronomeClientOptions
        {
            BaseUrl = Server.BaseUrl,
            BearerToken = token ?? Server.BearerToken,
            RetryDelayScale = 0.001,
            Timeout = TimeSpan.FromSeconds(10),
        };
        return new MetronomeClient(configure is null ? options : configure(options));
    }

    public HttpClient RawHttp(bool authorized = true)
    {
        var http = new HttpClient { BaseAddress = Server.BaseUrl };
        if (authorized)
        {
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Server.BearerToken);
        }

        return http;
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
