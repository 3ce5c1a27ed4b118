using System.Data.Common;
using System.Text.Json;
using Workbook.Sql;

namespace Workbook.Egress;

/// <summary>One row of metered_usage: an event's quantity of one billable metric, its customer resolved.</summary>
internal readonly record struct MeteredEvent(string CustomerId, DateTime Timestamp, string BillableMetricId, decimal? Quantity, string TransactionId);

/// <summary>
/// Derives metered_usage's rows from each event as the loader reads it, by metric_rule (schema.sql): an event of a
/// rule's event_type feeds the unarchived billable metric named "&lt;family&gt; (&lt;group value&gt;)", with '×' read
/// as 'x', its quantity the rule's property when that is a JSON number (else NULL, which SUM skips), its customer the
/// owner of the ingest alias it was sent under. Events of other types, of unknown aliases or whose group value names
/// no metric feed nothing. Done in the load's reading pass, where the properties are already at hand, rather than
/// by parsing every event's JSON again in SQL: the same rule for the three engines, and the engine's thread free.
/// </summary>
internal sealed class UsageMetering
{
    private readonly IReadOnlyDictionary<string, string> _customerOfAlias;
    private readonly Dictionary<string, List<(string Family, string QuantityProperty, string GroupProperty)>> _rulesByEventType;
    private readonly Dictionary<string, List<string>> _metricsByName;

    private UsageMetering(
        IReadOnlyDictionary<string, string> customerOfAlias,
        Dictionary<string, List<(string, string, string)>> rulesByEventType,
        Dictionary<string, List<string>> metricsByName)
    {
        _customerOfAlias = customerOfAlias;
        _rulesByEventType = rulesByEventType;
        _metricsByName = metricsByName;
    }

    /// <summary>The rules and billable metrics as loaded into <paramref name="connection"/>; the aliases as read from customer.</summary>
    public static UsageMetering Read(DbConnection connection, IReadOnlyDictionary<string, string> customerOfAlias)
    {
        var rules = SqlDatabase.Query(connection,
                "SELECT event_type, family, quantity_property, group_property FROM metric_rule ORDER BY family",
                row => (EventType: row.GetString(0), Rule: (row.GetString(1), row.GetString(2), row.GetString(3))))
            .GroupBy(rule => rule.EventType, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Select(rule => rule.Rule).ToList(), StringComparer.Ordinal);
        var metrics = SqlDatabase.Query(connection,
                "SELECT name, id FROM billable_metric WHERE archived_at IS NULL ORDER BY id",
                row => (Name: row.GetString(0), Id: row.GetString(1)))
            .GroupBy(metric => metric.Name, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Select(metric => metric.Id).ToList(), StringComparer.Ordinal);
        return new UsageMetering(customerOfAlias, rules, metrics);
    }

    /// <summary>Adds the rows <paramref name="transactionId"/> feeds to <paramref name="into"/>; a quantity no decimal holds is a <see cref="FormatException"/>.</summary>
    /// <param name="propertiesJson">The event's properties as the loader stores them (properties_json), or null.</param>
    public void Meter(string transactionId, string alias, DateTime timestamp, string eventType, string? propertiesJson, List<MeteredEvent> into)
    {
        if (propertiesJson is null
            || !_rulesByEventType.TryGetValue(eventType, out var rules)
            || !_customerOfAlias.TryGetValue(alias, out var customer))
        {
            return;
        }

        using var properties = JsonDocument.Parse(propertiesJson);
        foreach (var (family, quantityProperty, groupProperty) in rules)
        {
            if (GroupValue(properties.RootElement, groupProperty) is not { } group
                || !_metricsByName.TryGetValue($"{family} ({group.Replace('×', 'x')})", out var metrics))
            {
                continue;
            }

            var quantity = properties.RootElement.TryGetProperty(quantityProperty, out var value) && value.ValueKind == JsonValueKind.Number
                ? value.TryGetDecimal(out var exact) ? exact : throw new FormatException($"{quantityProperty} {value.GetRawText()} does not fit a decimal")
                : (decimal?)null;
            foreach (var metric in metrics)
            {
                into.Add(new MeteredEvent(customer, timestamp, metric, quantity, transactionId));
            }
        }
    }

    /// <summary>The group property's value as SQL's ->> reads it: a string's text, a number's or boolean's JSON text; null when absent or null.</summary>
    private static string? GroupValue(JsonElement properties, string name) =>
        !properties.TryGetProperty(name, out var value) ? null : value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Null => null,
            _ => value.GetRawText(),
        };
}
