using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Workbook.Core;

namespace Workbook.Metronome;

/// <summary>
/// The client's JSON conventions: snake_case names, RFC 3339 UTC timestamps, amounts as exact decimals, credit types
/// as {id, name}, required fields enforced. The client's alone: the sandbox writes its own JSON, so that the two sides
/// are checked against the wire fixtures independently (tests/Metronome/Fixtures).
/// </summary>
public static class MetronomeJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            // Request filters left null are not sent.
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            // A number sent as a string is a malformed response, not something to guess about.
            NumberHandling = JsonNumberHandling.Strict,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
        };
        options.Converters.Add(new UtcTimestampConverter());
        options.Converters.Add(new CreditTypeConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>RFC 3339 in UTC with a Z, fractional seconds only when there are some: 2024-04-02T16:03:33.485Z.</summary>
    public static string FormatTimestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>Reads any ISO 8601 timestamp with an offset and normalises it to UTC.</summary>
    public static bool TryParseTimestamp(string? text, out DateTimeOffset value)
    {
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            value = parsed.ToUniversalTime();
            return true;
        }

        value = default;
        return false;
    }

    private sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.GetString();
            return TryParseTimestamp(text, out var value)
                ? value
                : throw new JsonException($"'{text}' is not an RFC 3339 timestamp");
        }

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(FormatTimestamp(value));
    }

    /// <summary>Only {id, name} go over the wire; <see cref="CreditType"/>'s helpers stay in C#.</summary>
    private sealed class CreditTypeConverter : JsonConverter<CreditType>
    {
        public override CreditType Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new JsonException("a credit_type must be an object {id, name}");
            }

            string? id = null;
            string? name = null;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var property = reader.GetString();
                reader.Read();
                switch (property)
                {
                    case "id":
                        id = reader.GetString();
                        break;
                    case "name":
                        name = reader.GetString();
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }

            return id is null || name is null
                ? throw new JsonException("a credit_type needs both id and name")
                : new CreditType(id, name);
        }

        public override void Write(Utf8JsonWriter writer, CreditType value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            writer.WriteString("id", value.Id);
            writer.WriteString("name", value.Name);
            writer.WriteEndObject();
        }
    }
}
