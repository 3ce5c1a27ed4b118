using Workbook.Metronome;

namespace Workbook.Tests.Metronome;

/// <summary>
/// <c>MaxRetries = N</c> means at most N + 1 requests per call, also when the server drops connections, which .NET's
/// HTTP handler would otherwise resend by itself underneath the client's retries.
/// </summary>
public class ConnectionDropTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public async Task A_server_dropping_connections_receives_max_retries_plus_one_requests_per_call(int maxRetries)
    {
        await using var server = new DroppingServer();
        using var client = new MetronomeClient(new MetronomeClientOptions
        {
            BaseUrl = server.BaseUrl, BearerToken = "tok_dropping", MaxRetries = maxRetries, RetryDelayScale = 0.001,
        });

        var get = await Assert.ThrowsAsync<MetronomeApiException>(() => client.Customers.ListAsync().ToListAsync().AsTask());
        Assert.Equal(maxRetries + 1, server.Requests);

        var post = await Assert.ThrowsAsync<MetronomeApiException>(
            () => client.CreditGrants.ListAsync(new CreditGrantListParams { CustomerIds = ["c1"] }).ToListAsync().AsTask());
        Assert.Equal(2 * (maxRetries + 1), server.Requests);

        Assert.All(new[] { get, post }, e => Assert.Equal(MetronomeErrorKind.Connection, e.Kind));
        Assert.All(new[] { get, post }, e => Assert.Equal(maxRetries + 1, e.Attempts));
        Assert.Contains("the server closed the connection without a response", get.Message);
    }
}
