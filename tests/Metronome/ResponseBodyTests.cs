using Workbook.Metronome;

namespace Workbook.Tests.Metronome;

/// <summary>A 2xx answer whose body is not the documented JSON gets an error that names the endpoint and says what is wrong.</summary>
public class ResponseBodyTests
{
    private const string Token = "tok_body_tests_7f3a";

    private static async Task<MetronomeApiException> FailureAsync(string body, Func<MetronomeClient, Task> call)
    {
        await using var server = await LengthRequiredServer.StartAsync((_, _) => Task.FromResult(new LengthRequiredServer.Answer(200, body)));
        using var client = new MetronomeClient(new MetronomeClientOptions { BaseUrl = server.BaseUrl, BearerToken = Token });
        var error = await Assert.ThrowsAsync<MetronomeApiException>(() => call(client));
        Assert.Equal(MetronomeErrorKind.MalformedResponse, error.Kind);
        Assert.Single(server.Requests); // not retried, like the SDKs
        return error;
    }

    private static Task ListCustomers(MetronomeClient client) => client.Customers.ListAsync().ToListAsync().AsTask();

    [Fact]
    public async Task A_body_that_is_not_json_says_so_with_an_excerpt() =>
        Assert.Equal(
            "GET /v1/customers: 200 OK with a body that is not JSON (application/json): <html><body>Gateway login</body></html>",
            (await FailureAsync("<html><body>Gateway login</body></html>", ListCustomers)).Message);

    [Fact]
    public async Task A_truncated_body_says_it_ends_part_way() =>
        Assert.Equal(
            "GET /v1/customers: 200 OK with a JSON body that ends part-way (25 bytes, truncated)",
            (await FailureAsync("""{"data": [{"id": "c1", "n""", ListCustomers)).Message);

    [Fact]
    public async Task An_error_body_sent_with_200_is_reported_as_the_servers_error_with_the_token_redacted() =>
        Assert.Equal(
            "GET /v1/customers: 200 OK with an error body instead of data: internal lock timeout for Bearer [redacted]",
            (await FailureAsync($$"""{"message": "internal lock timeout for Bearer {{Token}}"}""", ListCustomers)).Message);

    [Fact]
    public async Task An_unknown_enum_value_names_the_value_and_the_known_ones()
    {
        var error = await FailureAsync(
            """{"data": [{"id": "b1", "type": "GIFT_CARD", "product": {"id": "p", "name": "P"}}], "next_page": null}""",
            c => c.Contracts.ListBalancesAsync(new ContractBalanceListParams { CustomerId = "c1" }).ToListAsync().AsTask());

        Assert.StartsWith("POST /v1/contracts/customerBalances/list: 200 OK with JSON that is not the documented shape", error.Message);
        Assert.Contains("unknown value 'GIFT_CARD' (this client knows PREPAID, POSTPAID, CREDIT)", error.Message);
        Assert.Contains("$.data[0].type", error.Message);
    }

    [Fact]
    public async Task A_missing_required_field_is_named()
    {
        var error = await FailureAsync("""{"data": [{"id": "g1"}], "next_page": null}""", c => c.CreditGrants.ListAsync().ToListAsync().AsTask());

        Assert.StartsWith("POST /v1/credits/listGrants: 200 OK with JSON that is not the documented shape", error.Message);
        Assert.Contains("missing required properties including: 'customer_id'", error.Message);
    }
}
