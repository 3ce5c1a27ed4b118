using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Workbook.Core;
using Workbook.Metronome;
using Workbook.Sandbox;
using Workbook.Tests.Sandbox;

namespace Workbook.Tests.Metronome;

/// <summary>
/// The wire contract, pinned on both sides by hand-written fixtures (tests/Metronome/Fixtures): the client parses
/// each endpoint's full and minimal response and asks within the documented parameters; the sandbox answers each
/// fixture request with the fixture's shape. The two sides share no model class and no JSON setting.
/// </summary>
public class WireContractTests
{
    public static TheoryData<string> Endpoints => [.. WireFixture.Names];

    /// <summary>What the client calls for each fixture, and the type it reads the answer into.</summary>
    private static readonly Dictionary<string, (Type Response, Func<MetronomeClient, Task> Call)> ClientCalls = new()
    {
        ["customers-list"] = (typeof(Page<Customer>), c => c.Customers.ListAsync(new CustomerListParams
        {
            Limit = 100, OnlyArchived = true, IngestAlias = "acme", CustomerIds = [WireFixture.CustomerId],
        }).ToListAsync().AsTask()),
        ["customers-retrieve"] = (typeof(Envelope<Customer>), c => c.Customers.RetrieveAsync(WireFixture.CustomerId)),
        ["invoices-list"] = (typeof(Page<Invoice>), c => c.Customers.Invoices.ListAsync(WireFixture.CustomerId, new InvoiceListParams
        {
            Limit = 100, Status = "DRAFT", Sort = "date_desc", StartingOn = DateTimeOffset.UnixEpoch, EndingBefore = DateTimeOffset.UnixEpoch.AddYears(100),
            CreditTypeId = CreditType.UsdCentsId, SkipZeroQtyLineItems = true,
        }).ToListAsync().AsTask()),
        ["invoices-retrieve"] = (typeof(Envelope<Invoice>), c => c.Customers.Invoices.RetrieveAsync(WireFixture.CustomerId, WireFixture.InvoiceId)),
        ["customer-plans-list"] = (typeof(Page<CustomerPlan>), c => c.Customers.Plans.ListAsync(WireFixture.CustomerId, new CustomerPlanListParams { Limit = 100 }).ToListAsync().AsTask()),
        ["credit-grants-list"] = (typeof(Page<CreditGrant>), c => c.CreditGrants.ListAsync(new CreditGrantListParams
        {
            CustomerIds = [WireFixture.CustomerId], CreditTypeIds = [CreditType.UsdCentsId],
            EffectiveBefore = DateTimeOffset.UnixEpoch.AddYears(100), NotExpiringBefore = DateTimeOffset.UnixEpoch, Limit = 100,
        }).ToListAsync().AsTask()),
        ["contract-balances-list"] = (typeof(Page<ContractBalance>), c => c.Contracts.ListBalancesAsync(new ContractBalanceListParams
        {
            CustomerId = WireFixture.CustomerId, IncludeBalance = true, IncludeContractBalances = true, IncludeArchived = true,
            ExcludeZeroBalances = true, CoveringDate = DateTimeOffset.UnixEpoch, Limit = 25,
        }).ToListAsync().AsTask()),
        ["credit-types-list"] = (typeof(Page<CreditTypeInfo>), c => c.CreditTypes.ListAsync(new CreditTypeListParams { Limit = 100 }).ToListAsync().AsTask()),
    };

    [Fact]
    public void There_is_one_fixture_per_endpoint_the_client_calls()
    {
        Assert.Equal(
            WireFixture.Names.Order(StringComparer.Ordinal),
            Directory.GetFiles(WireFixture.Folder, "*.json").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal));
        Assert.Equal(WireFixture.Names.Order(StringComparer.Ordinal), ClientCalls.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public void Every_object_of_a_fixture_says_which_of_its_fields_are_required(string name)
    {
        var fixture = WireFixture.Load(name);
        Assert.All(fixture.Shape.Keys, path => Assert.True(fixture.Required.ContainsKey(path), $"no 'required' entry for '{path}'"));
        Assert.Empty(fixture.Required.Where(r => !fixture.Shape.TryGetValue(r.Key, out var known) || !r.Value.IsSubsetOf(known.Keys)).Select(r => r.Key));
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public void The_clients_models_read_fixture_fields_and_require_nothing_the_sdk_leaves_optional(string name) =>
        Assert.Empty(ClientWireModel.Problems(ClientCalls[name].Response, WireFixture.Load(name)));

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task The_client_reads_the_full_and_the_minimal_response_and_asks_within_the_documented_parameters(string name)
    {
        var fixture = WireFixture.Load(name);
        foreach (var body in new[] { fixture.Response, fixture.MinimalResponse() })
        {
            await using var server = await LengthRequiredServer.StartAsync((received, _) => Task.FromResult(new LengthRequiredServer.Answer(200,
                // Only the first page is the fixture; a follow-up page (the full customer list has a cursor) is empty.
                received.Query.ContainsKey("next_page") || Encoding.UTF8.GetString(received.Body).Contains("next_page", StringComparison.Ordinal)
                    ? """{"data": []}"""
                    : body.ToJsonString())));
            using var client = new MetronomeClient(new MetronomeClientOptions { BaseUrl = server.BaseUrl, BearerToken = "tok_wire", MaxRetries = 0 });

            await ClientCalls[name].Call(client);

            var request = server.Requests.First();
            var expected = fixture.Request;
            Assert.Equal(expected["method"]!.GetValue<string>(), request.Method);
            Assert.Equal(expected["path"]!.GetValue<string>(), request.Path);
            Assert.Subset(fixture.QueryParams.ToHashSet(), request.Query.Keys.ToHashSet());
            Assert.Equal(0, server.Refused);
            Assert.StartsWith($"{UserAgent.Name}/", request.UserAgent);
            if (request.Body.Length > 0)
            {
                Assert.Equal(request.Body.Length, request.ContentLength);
                var sent = JsonNode.Parse(request.Body)!.AsObject();
                Assert.Subset(fixture.BodyParams.ToHashSet(), sent.Select(p => p.Key).ToHashSet());
            }
            else
            {
                Assert.Empty(fixture.BodyParams);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task The_sandbox_answers_each_fixture_request_in_the_fixtures_shape(string name)
    {
        var fixture = WireFixture.Load(name);
        await using var sandbox = await TestSandbox.StartAsync(ContractDataset());
        using var http = sandbox.RawHttp();

        var answer = await SendAsync(http, fixture.Request);

        Assert.Equal(200, (int)answer.Status);
        Assert.Empty(fixture.ProblemsIn(answer.Body));
        // The sandbox must not answer with empty lists: every item shape has to be checked.
        Assert.All(Lists(answer.Body), list => Assert.NotEmpty(list));
    }

    [Fact]
    public async Task A_field_renamed_in_the_sandboxs_answer_alone_fails_the_contract()
    {
        var fixture = WireFixture.Load("credit-grants-list");
        await using var sandbox = await TestSandbox.StartAsync(ContractDataset());
        using var http = sandbox.RawHttp();
        var answer = (await SendAsync(http, fixture.Request)).Body;
        var balance = answer["data"]![0]!["balance"]!.AsObject();
        balance["includingPending"] = balance["including_pending"]!.DeepClone();
        balance.Remove("including_pending");

        Assert.Equal(
            ["credit-grants-list: 'data[].balance.includingPending' is not a field of the fixture", "credit-grants-list: required 'data[].balance.including_pending' is missing"],
            fixture.ProblemsIn(answer));
    }

    [Fact]
    public void A_field_renamed_in_the_contract_alone_shows_up_against_the_clients_models()
    {
        var text = File.ReadAllText(Path.Combine(WireFixture.Folder, "credit-grants-list.json")).Replace("\"excluding_pending\"", "\"excluding_pending_v2\"", StringComparison.Ordinal);
        var problems = ClientWireModel.Problems(typeof(Page<CreditGrant>), WireFixture.Parse("renamed", text));

        Assert.Single(problems);
        Assert.Contains("'data[].balance.excluding_pending', which is not a field of the fixture", problems[0]);
    }

    [Fact]
    public void An_optional_field_the_client_required_would_fail_the_contract()
    {
        // Credit types: every field optional in the SDKs; the fixture's root alone stays required.
        var fixture = WireFixture.Load("credit-types-list");
        Assert.Equal(new JsonObject { ["data"] = new JsonArray(new JsonObject()) }.ToJsonString(), fixture.MinimalResponse().ToJsonString());
    }

    /// <summary>A dataset holding the fixtures' customer and invoice, and one of everything the sandbox can serve.</summary>
    private static SandboxDataset ContractDataset()
    {
        var march = new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var customer = new SandboxCustomer(WireFixture.CustomerId, "Acme Rockets", ["acme"], march.AddMonths(-3))
        {
            CustomFields = new Dictionary<string, string> { ["region"] = "emea" },
            SalesforceAccountId = "0015g00000XyZAbCDE",
        };
        var data = new TestDataset()
            .WithCustomer(customer)
            .WithInvoice(TestDataset.MakeInvoice(customer.Id, SandboxInvoice.Finalized, 810127.205m, march, id: WireFixture.InvoiceId) with { PlanId = "plan-1" })
            .WithInvoice(TestDataset.MakeInvoice(customer.Id, SandboxInvoice.Draft, 41379m, march.AddMonths(1)))
            .WithPlans(customer.Id, new SandboxPlan("customer-plan-1", "plan-1", "Infra SaaS Paygo", march) { Description = "Pay as you go" })
            .WithGrant(TestDataset.MakeGrant(customer.Id, "promo", 35000m, 30749.5m) with
            {
                Deductions = [new SandboxDeduction(-15000m, "March invoice", march.AddMonths(1))],
                GrantAmount = 50000m,
            })
            .WithBalances(
                customer.Id,
                TestDataset.MakeBalance("2024 prepaid", SandboxContractBalance.Prepaid, 874250.8m),
                TestDataset.MakeBalance("Goodwill credit", SandboxContractBalance.Credit, 2500m));
        return data.Build();
    }

    private static async Task<(System.Net.HttpStatusCode Status, JsonNode Body)> SendAsync(HttpClient http, JsonObject request)
    {
        var query = string.Join('&', request["query"]!.AsObject().Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value!.GetValue<string>())}"));
        using var message = new HttpRequestMessage(new HttpMethod(request["method"]!.GetValue<string>()), request["path"]!.GetValue<string>().TrimStart('/') + (query.Length > 0 ? "?" + query : ""));
        if (request["body"] is JsonObject body)
        {
            message.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(message);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    private static IEnumerable<JsonArray> Lists(JsonNode node) => node switch
    {
        JsonObject obj => obj.Where(p => p.Value is not null && p.Key != "custom_fields").SelectMany(p => Lists(p.Value!)),
        JsonArray array => [array, .. array.Where(i => i is not null).SelectMany(i => Lists(i!))],
        _ => [],
    };
}
