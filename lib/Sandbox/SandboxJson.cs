using System.Globalization;
using System.Text.Json;
using Workbook.Core;

namespace Workbook.Sandbox;

/// <summary>
/// The sandbox's own JSON: every response written field by field with the API's wire names (snake_case, from the
/// official SDKs' types), independent of the client's models and serializer settings. Timestamps are RFC 3339 UTC,
/// amounts exact JSON numbers, every amount beside its credit type {id, name}.
/// </summary>
internal static class SandboxJson
{
    public static string Timestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    public static bool TryParseTimestamp(string? text, out DateTimeOffset value)
    {
        var ok = DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
        value = value.ToUniversalTime();
        return ok;
    }

    /// <summary>A list page: <c>{"data": [...], "next_page": cursor | null}</c>, next_page always present.</summary>
    public static void Page<T>(Utf8JsonWriter json, SandboxPage<T> page, Action<Utf8JsonWriter, T> item)
    {
        json.WriteStartObject();
        json.WriteStartArray("data");
        foreach (var value in page.Data)
        {
            item(json, value);
        }

        json.WriteEndArray();
        if (page.NextPage is null)
        {
            json.WriteNull("next_page");
        }
        else
        {
            json.WriteString("next_page", page.NextPage);
        }

        json.WriteEndObject();
    }

    /// <summary>A single object: <c>{"data": {...}}</c>.</summary>
    public static void Single<T>(Utf8JsonWriter json, T value, Action<Utf8JsonWriter, T> item)
    {
        json.WriteStartObject();
        json.WritePropertyName("data");
        item(json, value);
        json.WriteEndObject();
    }

    public static void Error(Utf8JsonWriter json, string message)
    {
        json.WriteStartObject();
        json.WriteString("message", message);
        json.WriteEndObject();
    }

    public static void Customer(Utf8JsonWriter json, SandboxCustomer c)
    {
        json.WriteStartObject();
        json.WriteString("id", c.Id);
        json.WriteString("name", c.Name);
        json.WriteString("external_id", c.IngestAliases.Count > 0 ? c.IngestAliases[0] : c.Id);
        Strings(json, "ingest_aliases", c.IngestAliases);
        StringMap(json, "custom_fields", c.CustomFields);
        json.WriteStartObject("customer_config");
        Optional(json, "salesforce_account_id", c.SalesforceAccountId);
        json.WriteEndObject();
        json.WriteString("created_at", Timestamp(c.CreatedAt));
        json.WriteString("updated_at", Timestamp(c.UpdatedAt ?? c.CreatedAt));
        // Null while active: the API sends the field either way.
        if (c.ArchivedAt is { } archived)
        {
            json.WriteString("archived_at", Timestamp(archived));
        }
        else
        {
            json.WriteNull("archived_at");
        }

        json.WriteEndObject();
    }

    public static void Invoice(Utf8JsonWriter json, SandboxInvoice i)
    {
        json.WriteStartObject();
        json.WriteString("id", i.Id);
        json.WriteString("customer_id", i.CustomerId);
        json.WriteString("status", i.Status);
        json.WriteString("type", i.Type);
        Amount(json, "total", i.Total);
        Amount(json, "subtotal", i.Subtotal);
        CreditTypeOf(json, i.CreditType);
        json.WriteStartArray("line_items");
        foreach (var line in i.LineItems)
        {
            LineItem(json, line);
        }

        json.WriteEndArray();
        json.WriteString("start_timestamp", Timestamp(i.Start));
        json.WriteString("end_timestamp", Timestamp(i.End));
        OptionalTimestamp(json, "issued_at", i.IssuedAt);

        Optional(json, "plan_id", i.PlanId);
        Optional(json, "plan_name", i.PlanName);
        EmptyObject(json, "custom_fields");
        json.WriteEndObject();
    }

    private static void LineItem(Utf8JsonWriter json, SandboxLineItem line)
    {
        json.WriteStartObject();
        json.WriteString("name", line.Name);
        json.WriteString("type", line.Type);
        Amount(json, "total", line.Total);
        CreditTypeOf(json, line.CreditType);
        OptionalAmount(json, "quantity", line.Quantity);

        Optional(json, "product_id", line.ProductId);
        Optional(json, "product_type", line.ProductType);
        json.WriteStartArray("sub_line_items");
        foreach (var sub in line.SubLineItems)
        {
            json.WriteStartObject();
            json.WriteString("name", sub.Name);
            Amount(json, "quantity", sub.Quantity);
            Amount(json, "subtotal", sub.Subtotal);
            OptionalAmount(json, "price", sub.Price);

            Optional(json, "charge_id", sub.ChargeId);
            EmptyObject(json, "custom_fields");
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    public static void Plan(Utf8JsonWriter json, SandboxPlan p)
    {
        json.WriteStartObject();
        json.WriteString("id", p.Id);
        json.WriteString("plan_id", p.PlanId);
        json.WriteString("plan_name", p.PlanName);
        json.WriteString("plan_description", p.Description ?? "");
        EmptyObject(json, "custom_fields");
        json.WriteString("starting_on", Timestamp(p.StartingOn));
        OptionalTimestamp(json, "ending_before", p.EndingBefore);

        json.WriteEndObject();
    }

    public static void CreditGrant(Utf8JsonWriter json, SandboxCreditGrant g, GrantBalance balance)
    {
        json.WriteStartObject();
        json.WriteString("id", g.Id);
        json.WriteString("customer_id", g.CustomerId);
        json.WriteString("name", g.Name);
        json.WriteString("effective_at", Timestamp(g.EffectiveAt));
        json.WriteString("expires_at", Timestamp(g.ExpiresAt));
        Amount(json, "priority", g.Priority);
        AmountWithType(json, "grant_amount", g.GrantAmount, g.CreditType);
        AmountWithType(json, "paid_amount", g.PaidAmount, g.CreditType);
        json.WriteStartObject("balance");
        json.WriteString("effective_at", Timestamp(balance.EffectiveAt));
        Amount(json, "excluding_pending", balance.ExcludingPending);
        Amount(json, "including_pending", balance.IncludingPending);
        json.WriteEndObject();
        var running = g.GrantAmount;
        json.WriteStartArray("deductions");
        foreach (var d in g.Deductions)
        {
            LedgerEntry(json, g, d, running += d.Amount);
        }

        json.WriteEndArray();
        json.WriteStartArray("pending_deductions");
        foreach (var d in g.PendingDeductions)
        {
            LedgerEntry(json, g, d, running += d.Amount);
        }

        json.WriteEndArray();
        EmptyObject(json, "custom_fields");
        Optional(json, "credit_grant_type", g.GrantType);
        json.WriteEndObject();
    }

    private static void LedgerEntry(Utf8JsonWriter json, SandboxCreditGrant grant, SandboxDeduction deduction, decimal runningBalance)
    {
        json.WriteStartObject();
        Amount(json, "amount", deduction.Amount);
        json.WriteString("reason", deduction.Reason);
        Amount(json, "running_balance", runningBalance);
        json.WriteString("effective_at", Timestamp(deduction.EffectiveAt));
        json.WriteString("created_by", "Metronome System");
        json.WriteString("credit_grant_id", grant.Id);
        json.WriteEndObject();
    }

    /// <param name="includeBalance">The API sends <c>balance</c> only when asked with include_balance.</param>
    public static void ContractBalance(Utf8JsonWriter json, SandboxContractBalance b, bool includeBalance)
    {
        json.WriteStartObject();
        json.WriteString("id", b.Id);
        json.WriteString("type", b.Type);
        json.WriteString("name", b.Name);
        json.WriteStartObject("product");
        json.WriteString("id", b.ProductId);
        json.WriteString("name", b.ProductName);
        json.WriteEndObject();
        if (b.Type != SandboxContractBalance.Credit)
        {
            // Commits carry created_at (required on them); credits do not have the field.
            json.WriteString("created_at", Timestamp(b.StartingAt));
        }

        if (b.ContractId is { } contract)
        {
            json.WriteStartObject("contract");
            json.WriteString("id", contract);
            json.WriteEndObject();
        }

        json.WriteStartObject("access_schedule");
        CreditTypeOf(json, b.CreditType);
        json.WriteStartArray("schedule_items");
        json.WriteStartObject();
        json.WriteString("id", b.ScheduleItemId);
        Amount(json, "amount", b.Amount);
        json.WriteString("starting_at", Timestamp(b.StartingAt));
        json.WriteString("ending_before", Timestamp(b.EndingBefore));
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        if (includeBalance)
        {
            Amount(json, "balance", b.Balance);
        }

        json.WriteEndObject();
    }

    public static void CreditType(Utf8JsonWriter json, SandboxCreditType t)
    {
        json.WriteStartObject();
        json.WriteString("id", t.Id);
        json.WriteString("name", t.Name);
        json.WriteBoolean("is_currency", t.IsCurrency);
        json.WriteEndObject();
    }

    private static void AmountWithType(Utf8JsonWriter json, string name, decimal amount, CreditType creditType)
    {
        json.WriteStartObject(name);
        Amount(json, "amount", amount);
        CreditTypeOf(json, creditType);
        json.WriteEndObject();
    }

    private static void CreditTypeOf(Utf8JsonWriter json, CreditType creditType)
    {
        json.WriteStartObject("credit_type");
        json.WriteString("id", creditType.Id);
        json.WriteString("name", creditType.Name);
        json.WriteEndObject();
    }

    /// <summary>An exact number without trailing zeros (810127.205, not 810127.2050).</summary>
    private static void Amount(Utf8JsonWriter json, string name, decimal value) => json.WriteNumber(name, value / 1.0000000000000000000000000000m);

    private static void OptionalAmount(Utf8JsonWriter json, string name, decimal? value)
    {
        if (value is { } amount)
        {
            Amount(json, name, amount);
        }
    }

    private static void OptionalTimestamp(Utf8JsonWriter json, string name, DateTimeOffset? value)
    {
        if (value is { } instant)
        {
            json.WriteString(name, Timestamp(instant));
        }
    }

    private static void EmptyObject(Utf8JsonWriter json, string name)
    {
        json.WriteStartObject(name);
        json.WriteEndObject();
    }

    private static void Optional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    private static void Strings(Utf8JsonWriter json, string name, IReadOnlyList<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    private static void StringMap(Utf8JsonWriter json, string name, IReadOnlyDictionary<string, string> values)
    {
        json.WriteStartObject(name);
        foreach (var (key, value) in values.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            json.WriteString(key, value);
        }

        json.WriteEndObject();
    }
}

/// <summary>One page of a list, before it is written.</summary>
internal sealed record SandboxPage<T>(IReadOnlyList<T> Data, string? NextPage);
