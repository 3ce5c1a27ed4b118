using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Workbook.Metronome;

namespace Workbook.Tests.Metronome;

/// <summary>
/// Compares the client's response models, as its serializer sees them (names and required-ness from
/// <see cref="MetronomeJson.Options"/>), with a <see cref="WireFixture"/>: every property the client reads must be a
/// field of the fixture at the same path, and the client may require only what the SDK types require (it requires
/// less: only the fields the report reads, so that an unused field never fails a response).
/// </summary>
public static class ClientWireModel
{
    public static IReadOnlyList<string> Problems(Type responseType, WireFixture fixture)
    {
        var problems = new List<string>();
        Visit(responseType, "", fixture, problems);
        return problems;
    }

    private static void Visit(Type type, string path, WireFixture fixture, List<string> problems)
    {
        var info = MetronomeJson.Options.GetTypeInfo(type);
        if (info.Kind != JsonTypeInfoKind.Object || fixture.Maps.Contains(path))
        {
            return;
        }

        if (!fixture.Shape.TryGetValue(path, out var known))
        {
            problems.Add($"{fixture.Name}: the client reads an object at '{path}', which the fixture does not have");
            return;
        }

        var required = fixture.Required.GetValueOrDefault(path) ?? new HashSet<string>();
        foreach (var property in info.Properties.Where(p => p.Get is not null || p.Set is not null))
        {
            var where = WireFixture.Join(path, property.Name);
            if (!known.ContainsKey(property.Name))
            {
                problems.Add($"{fixture.Name}: {type.Name}.{property.AttributeProvider?.ToString()?.Split(' ').Last()} reads '{where}', which is not a field of the fixture");
                continue;
            }

            if (property.IsRequired && !required.Contains(property.Name))
            {
                problems.Add($"{fixture.Name}: the client makes '{where}' required, the SDK types optional");
            }

            var child = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            var childInfo = MetronomeJson.Options.GetTypeInfo(child);
            if (childInfo.Kind == JsonTypeInfoKind.Enumerable)
            {
                Visit(childInfo.ElementType!, where + "[]", fixture, problems);
            }
            else if (childInfo.Kind == JsonTypeInfoKind.Object)
            {
                Visit(child, where, fixture, problems);
            }
        }
    }
}
