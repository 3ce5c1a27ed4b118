using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Workbook.Metronome;

/// <summary>
/// An API enum read by its wire names (<see cref="JsonStringEnumMemberNameAttribute"/>). A value the client does
/// not know is an error that names the value and the known ones, never a silent default: the report's rules
/// (what counts as credit) depend on these values.
/// </summary>
public sealed class StrictEnumConverter<TEnum> : JsonConverter<TEnum>
    where TEnum : struct, Enum
{
    private static readonly IReadOnlyDictionary<string, TEnum> ByName = typeof(TEnum)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .ToDictionary(f => f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? f.Name, f => (TEnum)f.GetValue(null)!, StringComparer.Ordinal);

    private static readonly IReadOnlyDictionary<TEnum, string> NameOf = ByName.ToDictionary(p => p.Value, p => p.Key);

    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"expected one of {Known()} as a string, got {reader.TokenType}");
        }

        var text = reader.GetString()!;
        return ByName.TryGetValue(text, out var value)
            ? value
            : throw new JsonException($"unknown value '{text}' (this client knows {Known()})");
    }

    public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) => writer.WriteStringValue(NameOf[value]);

    private static string Known() => string.Join(", ", ByName.Keys);
}
