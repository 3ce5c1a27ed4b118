using Workbook.Core;
using Workbook.Metronome;
using Workbook.Sandbox;

namespace Workbook.Tests.Sandbox;

/// <summary>Builds sandbox datasets in code: synthetic customers plus whatever invoices, plans and credits a test needs.</summary>
public sealed class TestDataset
{
    public static readonly DateTimeOffset Now = new(2024, 4, 2, 12, 0, 0, TimeSpan.Zero);
    public static readonly CreditType Tokens = new("c0a8f1e2-7d4b-4e5a-9b3c-2f1e0d9c8b7a", "compute tokens");

    private readonly List<Customer> _customers = [];
    private readonly List<Invoice> _invoices = [];
    private readonly Dictionary<string, IReadOnlyList<CustomerPlan>> _plans = new(StringComparer.Ordinal);
    private readonly List<CreditGrant> _grants = [];
    private readonly Dictionary<string, IReadOnlyList<ContractBalance>> _balances = new(StringComparer.Ordinal);

    public IReadOnlyList<Customer> Customers => _customers;

    /// <summary>Customer i: id derived from i, name "Customer 0007", alias "alias_7".</summary>
    public static Customer MakeCustomer(int i, DateTimeOffset? archivedAt = null) => new()
    {
        Id = SandboxIds.Derive("test-customer", i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        Name = $"Customer {i:D4}",
        ExternalId = $"alias_{i}",
        IngestAliases = [$"alias_{i}"],
        CustomFields = new Dictionary<string, string>(),
        CustomerConfig = new CustomerConfig(),
        CreatedAt = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(i),
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

    public TestDataset WithCustomer(Customer customer)
    {
        _customers.Add(customer);
        return this;
    }

    public TestDataset WithInvoice(Invoice invoice)
    {
        _invoices.Add(invoice);
        return this;
    }

    public TestDataset WithPlans(string customerId, params CustomerPlan[] plans)
    {
        _plans[customerId] = plans;
        return this;
    }

    public TestDataset WithGrant(CreditGrant grant)
    {
        _grants.Add(grant);
        return this;
    }

    public TestDataset WithBalances(string customerId, params ContractBalance[] balances)
    {
        _balances[customerId] = balances;
        return this;
    }

    public SandboxDataset Build() =>
        new(_customers, _invoices, _plans, _grants, _balances, [SandboxDataset.UsdCents, new CreditTypeInfo { Id = Tokens.Id, Name = Tokens.Name, IsCurrency = false }], Now);

    public static Invoice MakeInvoice(string customerId, string status, decimal total, DateTimeOffset start, CreditType? creditType = null, string? id = null) => new()
    {
        Id = id ?? SandboxIds.Derive("test-invoice", customerId, status, start.ToString("O", System.Globalization.CultureInfo.InvariantCulture), total.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        CustomerId = customerId,
        Status = status,
        Type = "PLAN_ARREARS",
        Total = total,
        CreditType = creditType ?? CreditType.UsdCents,
        StartTimestamp = start,
        EndTimestamp = start.AddMonths(1),
        IssuedAt = status == Invoice.Draft ? null : start.AddMonths(1).AddDays(1),
        PlanName = "Test plan",
        LineItems =
        [
            new InvoiceLineItem
            {
                Name = "Usage", Total = total, Type = "usage", CreditType = creditType ?? CreditType.UsdCents, Quantity = 1,
                SubLineItems = [new InvoiceSubLineItem { Name = "Usage charge", Quantity = 4, Subtotal = total, Price = total / 4 }],
            },
        ],
    };

    public static CreditGrant MakeGrant(string customerId, string name, decimal excludingPending, decimal includingPending, CreditType? creditType = null) => new()
    {
        Id = SandboxIds.Derive("test-grant", customerId, name),
        CustomerId = customerId,
        Name = name,
        EffectiveAt = Now.AddMonths(-2),
        ExpiresAt = Now.AddMonths(10),
        Priority = 1,
        GrantAmount = new GrantAmount { Amount = excludingPending, CreditType = creditType ?? CreditType.UsdCents },
        PaidAmount = new GrantAmount { Amount = 0, CreditType = creditType ?? CreditType.UsdCents },
        Balance = new CreditGrantBalance { EffectiveAt = Now, ExcludingPending = excludingPending, IncludingPending = includingPending },
    };

    public static ContractBalance MakeBalance(string name, string type, decimal balance, CreditType? creditType = null, bool contractLevel = true) => new()
    {
        Id = SandboxIds.Derive("test-balance", name),
        Type = type,
        Name = name,
        Product = new ProductRef { Id = SandboxIds.Derive("test-product", name), Name = name },
        Contract = contractLevel ? new ContractRef { Id = SandboxIds.Derive("test-contract") } : null,
        AccessSchedule = new AccessSchedule { CreditType = creditType ?? CreditType.UsdCents },
        Balance = balance,
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
