using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Workbook.Sandbox;

/// <summary>
/// The endpoints, with the documented shapes and pagination styles: cursor in the query for GET lists and for
/// listGrants, in the body for customerBalances/list. Limits 1–100 (1–25 for balances), 404 for unknown ids.
/// </summary>
internal sealed class SandboxApi(SandboxDataset data, SandboxPaging paging, SandboxFaults faults)
{
    private const int MaxLimit = 100;
    private const int MaxBalancesLimit = 25;

    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/customers", ListCustomers);
        app.MapGet("/v1/customers/{customerId}", RetrieveCustomer);
        app.MapGet("/v1/customers/{customerId}/invoices", ListInvoices);
        app.MapGet("/v1/customers/{customerId}/invoices/{invoiceId}", RetrieveInvoice);
        app.MapGet("/v1/customers/{customerId}/plans", ListPlans);
        app.MapPost("/v1/credits/listGrants", ListGrants);
        app.MapPost("/v1/contracts/customerBalances/list", ListBalances);
        app.MapGet("/v1/credit-types/list", ListCreditTypes);
    }

    private Task ListCustomers(HttpContext context)
    {
        var request = context.Request;
        var limit = SandboxHttp.Limit(request.Query["limit"], MaxLimit, MaxLimit);
        var alias = request.Query["ingest_alias"].ToString();
        var ids = SandboxHttp.List(request.Query["customer_ids"]);
        if (ids.Count > 100)
        {
            throw SandboxError.BadRequest("customer_ids takes at most 100 ids");
        }

        // Like the API: active customers by default, only archived ones with only_archived=true.
        var archived = SandboxHttp.Bool(request, "only_archived") ?? false;
        var idSet = ids.ToHashSet(StringComparer.Ordinal);
        var customers = data.Customers
            .Where(c => (c.ArchivedAt is not null) == archived)
            .Where(c => alias.Length == 0 || c.IngestAliases.Contains(alias, StringComparer.Ordinal))
            .Where(c => idSet.Count == 0 || idSet.Contains(c.Id))
            .ToList();
        return WritePageAsync(context, paging.Page(customers, limit, request.Query["next_page"], context), SandboxJson.Customer);
    }

    private Task RetrieveCustomer(HttpContext context, string customerId)
    {
        var customer = RequireCustomer(customerId);
        return SandboxHttp.WriteJsonAsync(context, json => SandboxJson.Single(json, customer, SandboxJson.Customer), faults);
    }

    private Task ListInvoices(HttpContext context, string customerId)
    {
        RequireCustomer(customerId);
        var request = context.Request;
        var limit = SandboxHttp.Limit(request.Query["limit"], MaxLimit, MaxLimit);
        var status = request.Query["status"].ToString();
        var creditTypeId = request.Query["credit_type_id"].ToString();
        var startingOn = SandboxHttp.Timestamp(request, "starting_on");
        var endingBefore = SandboxHttp.Timestamp(request, "ending_before");
        var skipZero = SandboxHttp.Bool(request, "skip_zero_qty_line_items") ?? false;
        var descending = request.Query["sort"].ToString() switch
        {
            "" or "date_asc" => false,
            "date_desc" => true,
            var other => throw SandboxError.BadRequest($"sort must be date_asc or date_desc, got '{other}'"),
        };

        var invoices = data.InvoicesOf(customerId)
            .Where(i => status.Length == 0 || string.Equals(i.Status, status, StringComparison.OrdinalIgnoreCase))
            .Where(i => creditTypeId.Length == 0 || i.CreditType.Id == creditTypeId)
            .Where(i => startingOn is null || i.Start >= startingOn)
            .Where(i => endingBefore is null || i.End < endingBefore)
            .Select(i => skipZero ? i with { LineItems = i.LineItems.Where(l => l.Quantity is not 0m).ToList() } : i);
        // Sorted by issue date; a draft has none yet, so it counts as newest. Ties by id keep pages stable.
        var sorted = (descending
                ? invoices.OrderByDescending(IssueOrder).ThenByDescending(i => i.Id, StringComparer.Ordinal)
                : invoices.OrderBy(IssueOrder).ThenBy(i => i.Id, StringComparer.Ordinal))
            .ToList();
        return WritePageAsync(context, paging.Page(sorted, limit, request.Query["next_page"], context), SandboxJson.Invoice);
    }

    private Task RetrieveInvoice(HttpContext context, string customerId, string invoiceId)
    {
        RequireCustomer(customerId);
        var invoice = data.InvoicesOf(customerId).FirstOrDefault(i => i.Id == invoiceId)
            ?? throw SandboxError.NotFound($"invoice {invoiceId} not found for customer {customerId}");
        return SandboxHttp.WriteJsonAsync(context, json => SandboxJson.Single(json, invoice, SandboxJson.Invoice), faults);
    }

    private Task ListPlans(HttpContext context, string customerId)
    {
        RequireCustomer(customerId);
        var limit = SandboxHttp.Limit(context.Request.Query["limit"], MaxLimit, MaxLimit);
        return WritePageAsync(context, paging.Page(data.PlansOf(customerId), limit, context.Request.Query["next_page"], context), SandboxJson.Plan);
    }

    private async Task ListGrants(HttpContext context)
    {
        var limit = SandboxHttp.Limit(context.Request.Query["limit"], MaxLimit, MaxLimit);
        var body = await SandboxHttp.BodyAsync(context, required: false);
        var customerIds = body.Strings("customer_ids").ToHashSet(StringComparer.Ordinal);
        var typeIds = body.Strings("credit_type_ids").ToHashSet(StringComparer.Ordinal);
        var grantIds = body.Strings("credit_grant_ids").ToHashSet(StringComparer.Ordinal);
        var effectiveBefore = body.Timestamp("effective_before");
        var notExpiringBefore = body.Timestamp("not_expiring_before");
        if (grantIds.Count > 0 && (customerIds.Count > 0 || typeIds.Count > 0))
        {
            throw SandboxError.BadRequest("credit_grant_ids cannot be combined with customer_ids or credit_type_ids");
        }

        var grants = data.CreditGrants
            .Where(g => customerIds.Count == 0 || customerIds.Contains(g.CustomerId))
            .Where(g => typeIds.Count == 0 || typeIds.Contains(g.CreditType.Id))
            .Where(g => grantIds.Count == 0 || grantIds.Contains(g.Id))
            .Where(g => effectiveBefore is null || g.EffectiveAt < effectiveBefore)
            .Where(g => notExpiringBefore is null || g.ExpiresAt >= notExpiringBefore)
            .ToList();
        await WritePageAsync(context, paging.Page(grants, limit, context.Request.Query["next_page"], context),
            (json, grant) => SandboxJson.CreditGrant(json, grant, data.BalanceOf(grant)));
    }

    private async Task ListBalances(HttpContext context)
    {
        var body = await SandboxHttp.BodyAsync(context, required: true);
        var customerId = body.String("customer_id");
        if (string.IsNullOrEmpty(customerId))
        {
            throw SandboxError.BadRequest("customer_id is required");
        }

        RequireCustomer(customerId);
        var limit = body.Int("limit") is { } given
            ? SandboxHttp.Limit(given.ToString(System.Globalization.CultureInfo.InvariantCulture), MaxBalancesLimit, MaxBalancesLimit)
            : MaxBalancesLimit;
        var includeBalance = body.Bool("include_balance") ?? false;
        var includeContracts = body.Bool("include_contract_balances") ?? false;
        var excludeZero = body.Bool("exclude_zero_balances") ?? false;
        var items = data.ContractBalancesOf(customerId)
            .Where(b => includeContracts || b.ContractId is null)
            .Where(b => !excludeZero || b.Balance != 0m)
            .ToList();
        // Without include_balance the field is absent, as in the API.
        await WritePageAsync(context, paging.Page(items, limit, body.String("next_page"), context),
            (json, item) => SandboxJson.ContractBalance(json, item, includeBalance));
    }

    private Task ListCreditTypes(HttpContext context)
    {
        var limit = SandboxHttp.Limit(context.Request.Query["limit"], MaxLimit, MaxLimit);
        return WritePageAsync(context, paging.Page(data.CreditTypes, limit, context.Request.Query["next_page"], context), SandboxJson.CreditType);
    }

    private Task WritePageAsync<T>(HttpContext context, SandboxPage<T> page, Action<Utf8JsonWriter, T> item) =>
        SandboxHttp.WriteJsonAsync(context, json => SandboxJson.Page(json, page, item), faults);

    private SandboxCustomer RequireCustomer(string customerId) =>
        data.FindCustomer(customerId) ?? throw SandboxError.NotFound($"customer {customerId} not found");

    private static DateTimeOffset IssueOrder(SandboxInvoice invoice) => invoice.IssuedAt ?? DateTimeOffset.MaxValue;
}
