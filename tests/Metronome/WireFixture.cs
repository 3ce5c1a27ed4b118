using System.Text.Json;
using System.Text.Json.Nodes;
using Workbook.Core;

namespace Workbook.Tests.Metronome;

/// <summary>
/// One endpoint's wire contract (tests/Metronome/Fixtures/*.json, see its README): the request it takes and the
/// response shape, with which fields are required. Knows nothing of the client's or the sandbox's types.
/// </summary>
public sealed class WireFixture
{
    public const string CustomerId = "5b1c7a0e-2f4d-4c1e-9a51-0c7a8e3d9f10";
    public const string InvoiceId = "0f6d2b8e-7a31-4d55-8c0e-52b1e4a7c901";

    private WireFixture(string name, JsonObject root)
    {
        Name = name;
        Root = root;
        Required = root["required"]!.AsObject().ToDictionary(p => p.Key, p => (IReadOnlySet<string>)p.Value!.AsArray().Select(v => v!.GetValue<string>()).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        Maps = root["maps"]!.AsArray().Select(v => v!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        Shape = new Dictionary<string, Dictionary<string, JsonValueKind>>(StringComparer.Ordinal);
        CollectShape(Response, "");
    }

    public static readonly IReadOnlyList<string> Names =
    [
        "customers-list", "customers-retrieve", "invoices-list", "invoices-retrieve", "customer-plans-list",
        "credit-grants-list", "contract-balances-list", "credit-types-list",
    ];

    public string Name { get; }

    public JsonObject Root { get; }

    public string Endpoint => Root["endpoint"]!.GetValue<string>();

    public JsonObject Request => Root["request"]!.AsObject();

    /// <summary>The full response: every field the workbook knows.</summary>
    public JsonObject Response => Root["response"]!.AsObject();

    /// <summary>Required field names per object path ("" is the root, "data[]" a list's items).</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>> Required { get; }

    public IReadOnlySet<string> Maps { get; }

    /// <summary>The keys (and their JSON kinds) of every object path of the full response.</summary>
    public Dictionary<string, Dictionary<string, JsonValueKind>> Shape { get; }

    public IReadOnlySet<string> QueryParams => Root["query_params"]!.AsArray().Select(v => v!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);

    public IReadOnlySet<string> BodyParams => Root["body_params"]!.AsArray().Select(v => v!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);

    public static string Folder => Path.Combine(RepoPaths.TryFindRoot() ?? throw new InvalidOperationException("not inside the checkout"), "tests", "Metronome", "Fixtures");

    public static WireFixture Load(string name) => Parse(name, File.ReadAllText(Path.Combine(Folder, name + ".json")));

    public static WireFixture Parse(string name, string json) => new(name, JsonNode.Parse(json)!.AsObject());

    /// <summary>The response with every optional field left out (recursively): what the SDK types promise at the least.</summary>
    public JsonObject MinimalResponse() => (JsonObject)Minimal(Response, "")!;

    private JsonNode? Minimal(JsonNode? node, string path) => node switch
    {
        JsonObject obj when !Maps.Contains(path) => new JsonObject(obj
            .Where(p => Required.GetValueOrDefault(path)?.Contains(p.Key) == true)
            .Select(p => KeyValuePair.Create(p.Key, Minimal(p.Value, Child(path, p.Key, p.Value))))),
        JsonArray array => new JsonArray([.. array.Select(item => Minimal(item, path + "[]"))]),
        _ => node?.DeepClone(),
    };

    /// <summary>
    /// What in <paramref name="actual"/> (a server's answer) breaks the contract: a key the fixture does not have
    /// (a renamed or invented field), a required key missing, a value of another JSON kind. Null is allowed for any field.
    /// </summary>
    public IReadOnlyList<string> ProblemsIn(JsonNode actual)
    {
        var problems = new List<string>();
        Check(actual, "", problems);
        return problems;
    }

    private void Check(JsonNode? node, string path, List<string> problems)
    {
        switch (node)
        {
            case JsonObject obj when !Maps.Contains(path):
                if (!Shape.TryGetValue(path, out var known))
                {
                    problems.Add($"{Name}: object at '{path}' is not in the fixture");
                    return;
                }

                foreach (var (key, value) in obj)
                {
                    if (!known.TryGetValue(key, out var kind))
                    {
                        problems.Add($"{Name}: '{Join(path, key)}' is not a field of the fixture");
                    }
                    else if (value is not null && kind != JsonValueKind.Null && value.GetValueKind() != kind && !(IsBoolean(kind) && IsBoolean(value.GetValueKind())))
                    {
                        problems.Add($"{Name}: '{Join(path, key)}' is {value.GetValueKind()}, the fixture has {kind}");
                    }

                    Check(value, Child(path, key, value), problems);
                }

                foreach (var key in Required.GetValueOrDefault(path) ?? new HashSet<string>())
                {
                    if (!obj.ContainsKey(key))
                    {
                        problems.Add($"{Name}: required '{Join(path, key)}' is missing");
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Check(item, path + "[]", problems);
                }

                break;
        }
    }

    private void CollectShape(JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonObject obj when !Maps.Contains(path):
                var known = Shape.TryGetValue(path, out var existing) ? existing : Shape[path] = new Dictionary<string, JsonValueKind>(StringComparer.Ordinal);
                foreach (var (key, value) in obj)
                {
                    known[key] = value?.GetValueKind() ?? JsonValueKind.Null;
                    CollectShape(value, Child(path, key, value));
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    CollectShape(item, path + "[]");
                }

                break;
        }
    }

    private static bool IsBoolean(JsonValueKind kind) => kind is JsonValueKind.True or JsonValueKind.False;

    public static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    private static string Child(string path, string key, JsonNode? value) => Join(path, key);
}
