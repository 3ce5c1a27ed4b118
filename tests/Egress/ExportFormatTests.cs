using System.Globalization;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Workbook.Egress;

namespace Workbook.Tests.Egress;

/// <summary>The export's timestamp and {key=value} spellings.</summary>
public class ExportFormatTests
{
    [Theory]
    [InlineData("2024-03-13 00:57:44.673000 UTC", "2024-03-13T00:57:44.673Z")]
    [InlineData("2024-02-29 0:00:00", "2024-02-29T00:00:00.000Z")]
    [InlineData("2024-04-02 16:04:26", "2024-04-02T16:04:26.000Z")]
    [InlineData("2024-02-29 23:59:59.9999999", "2024-02-29T23:59:59.999Z")] // truncated, never rounded into the next day
    [InlineData("2024-02-29T10:00:00+02:00", "2024-02-29T08:00:00.000Z")]
    [InlineData("2024-03-01T00:00:00.5Z", "2024-03-01T00:00:00.500Z")]
    [InlineData("2024-03-01", "2024-03-01T00:00:00.000Z")]
    public void Timestamps_are_normalised_to_fixed_width_utc(string exported, string stored)
    {
        Assert.True(ExportTimestamp.TryNormalize(exported, out var normalized));
        Assert.Equal(stored, normalized);
    }

    [Theory]
    [InlineData("2024-02-30 0:00:00")]
    [InlineData("2024-02-29 24:00:00")]
    [InlineData("29/02/2024 10:00")]
    [InlineData("2024-3-1 0:00:00")]
    [InlineData("yesterday")]
    public void Impossible_or_foreign_timestamps_are_rejected(string text) =>
        Assert.False(ExportTimestamp.TryNormalize(text, out _));

    [Fact]
    public void Stored_text_orders_like_time_for_every_export_spelling()
    {
        var instant = Gen.Choose(0, int.MaxValue).Select(ms => new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMilliseconds(ms * 10L + ms % 10));
        Prop.ForAll(instant.Two().ToArbitrary(), pair =>
            {
                var (a, b) = pair;
                var storedA = Normalize(a.ToString("yyyy-MM-dd H:mm:ss.ffffff 'UTC'", CultureInfo.InvariantCulture));
                var storedB = Normalize(b.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
                return storedA.Length == 24
                    && ExportTimestamp.Parse(storedA).UtcDateTime == a
                    && Math.Sign(string.CompareOrdinal(storedA, storedB)) == a.CompareTo(b);
            })
            .QuickCheckThrowOnFailure();

        static string Normalize(string text) => ExportTimestamp.TryNormalize(text, out var stored) ? stored : throw new FormatException(text);
    }

    [Fact]
    public void Properties_become_a_json_object_with_numbers_as_numbers()
    {
        var json = EventProperties.ToJson("{event_type_version=1.1, cpu_hours=74, instanceType=m5.4xlarge, storage_gb-hours=6226.5, clusterid=8b35-4bd5-9ce4}");
        Assert.Equal("""{"event_type_version":1.1,"cpu_hours":74,"instanceType":"m5.4xlarge","storage_gb-hours":6226.5,"clusterid":"8b35-4bd5-9ce4"}""", json);
    }

    [Fact]
    public void Property_values_are_kept_verbatim_with_json_escaping()
    {
        Assert.Equal("""{"image_size":"256×256","user":"say \"hi\" \\ bye","zip":"01234","empty":""}""",
            EventProperties.ToJson("""{image_size=256×256, user=say "hi" \ bye, zip=01234, empty=}"""));
        // No escaping exists in the format: a segment without '=' continues the previous value.
        Assert.Equal("""{"note":"a, b, c","n":1}""", EventProperties.ToJson("{note=a, b, c, n=1}"));
        Assert.Equal("{}", EventProperties.ToJson("{}"));
        Assert.Equal("""{"already": "json"}""", EventProperties.ToJson("""{"already": "json"}"""));
    }

    [Theory]
    [InlineData("cpu_hours=74", "expected {key=value, ...}")]
    [InlineData("{cpu_hours}", "expected key=value, found 'cpu_hours'")]
    [InlineData("{a=1, a=2}", "the key 'a' appears twice")]
    [InlineData("{\"a\": }", "not valid JSON")]
    public void Malformed_properties_say_what_is_wrong(string raw, string message) =>
        Assert.StartsWith(message, Assert.Throws<FormatException>(() => EventProperties.ToJson(raw)).Message);

    [Fact]
    public void Any_map_of_simple_keys_and_values_round_trips_through_json()
    {
        var key = Gen.Elements("a", "b", "cpu_hours", "storage_gb-hours", "instanceType", "x.y");
        var value = Gen.OneOf(
            Gen.Choose(-1000, 100_000).Select(i => i.ToString(CultureInfo.InvariantCulture)),
            Gen.Choose(0, 100_000).Select(i => (i / 8m).ToString(CultureInfo.InvariantCulture)),
            Gen.Elements("aws", "256×256", "m5.4xlarge", "", "a \"quoted\" value", "01", "1e5", "-", "x=y"));
        Prop.ForAll(key.Zip(value).ListOf().ToArbitrary(), pairs =>
            {
                var unique = pairs.DistinctBy(p => p.Item1).ToList();
                var raw = "{" + string.Join(", ", unique.Select(p => $"{p.Item1}={p.Item2}")) + "}";
                using var json = JsonDocument.Parse(EventProperties.ToJson(raw));
                return unique.All(p =>
                {
                    var element = json.RootElement.GetProperty(p.Item1);
                    return element.ValueKind == JsonValueKind.Number ? element.GetRawText() == p.Item2 : element.GetString() == p.Item2;
                });
            })
            .QuickCheckThrowOnFailure();
    }
}
