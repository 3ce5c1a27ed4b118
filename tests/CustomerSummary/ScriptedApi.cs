using System.Text.Json.Nodes;
using Workbook.Metronome;
using Workbook.Tests.Metronome;

namespace Workbook.Tests.CustomerSummary;

/// <summary>
/// A Metronome API played by hand-written JSON over real HTTP (<see cref="LengthRequiredServer"/>): per customer, the
/// invoices, plans, grants and contract balances a test sets, answered on the documented paths. Written independently
/// of the client's models, like the wire fixtures, so a test states the wire, not the client's idea of it.
/// </summary>
public sealed class ScriptedApi
{
    public List<JsonObject> Customers { get; } = [];

    public Dictionary<string, List<JsonObject>> Invoices { get; } = [];

    public Dictionary<string, List<JsonObject>> Grants { get; } = [];

    public Dictionary<string, List<JsonObject>> Balances { get; } = [];

    /// <summary>True: listGrants ignores its customer_ids filter, as a broken proxy would.</summary>
    public bool IgnoreGrantFilter { get; init; }

    public const string Usd = """{"id": "2714e483-4ff1-48e4-9e25-ac732e8f24f2", "name": "USD (cents)"}""";

    public Task<LengthRequiredServer> StartAsync() => LengthRequiredServer.StartAsync((received, _) => Task.FromResult(Answer(received)));

    public static MetronomeClient Client(LengthRequiredServer server, int maxRetries = 0) =>
        new(new MetronomeClientOptions { BaseUrl = server.BaseUrl, BearerToken = "tok_scripted_api", MaxRetries = maxRetries, RetryDelayScale = 0.001 });

    private LengthRequiredServer.Answer Answer(LengthRequiredServer.Received request)
    {
        var segments = request.Path.Trim('/').Split('/');
        return (request.Method, segments) switch
        {
            ("GET", ["v1", "customers"]) => Page(request.Query.ContainsKey("only_archived") ? [] : Customers),
            ("GET", ["v1", "customers", var id, "invoices"]) => Page(Invoices.GetValueOrDefault(id) ?? []),
            ("GET", ["v1", "customers", _, "plans"]) => Page([]),
            ("POST", ["v1", "credits", "listGrants"]) => Page(GrantsFor(JsonNode.Parse(request.Body)!["customer_ids"]![0]!.GetValue<string>())),
            ("POST", ["v1", "contracts", "customerBalances", "list"]) => Page(Balances.GetValueOrDefault(JsonNode.Parse(request.Body)!["customer_id"]!.GetValue<string>()) ?? []),
            _ => new LengthRequiredServer.Answer(404, """{"message": "no such endpoint"}"""),
        };
    }

    private List<JsonObject> GrantsFor(string customerId) =>
        IgnoreGrantFilter ? [.. Grants.Values.SelectMany(g => g)] : Grants.GetValueOrDefault(customerId) ?? [];

    private static LengthRequiredServer.Answer Page(IEnumerable<JsonObject> items) =>
        new(200, new JsonObject { ["data"] = new JsonArray([.. items.Select(i => i.DeepClone())]), ["next_page"] = null }.ToJsonString());

    public static JsonObject Json(string text) => JsonNode.Parse(text)!.AsObject();
}
