using System.Diagnostics;
using Workbook.Metronome;
using Workbook.Sandbox;
using Workbook.Tests.Sandbox;

namespace Workbook.Tests.Metronome;

public class RetryTests
{
    private static async Task<(TestSandbox Sandbox, string CustomerId)> StartAsync(params SandboxFault[] faults)
    {
        var data = new TestDataset().WithCustomers(3);
        return (await TestSandbox.StartAsync(data.Build(), faults), data.Customers[1].Id);
    }

    [Fact]
    public async Task Rate_limited_then_success_waits_what_Retry_After_says()
    {
        var (sandbox, customerId) = await StartAsync(new SandboxFault { Kind = SandboxFaultKind.RateLimit, Times = 1, RetryAfterSeconds = 2 });
        await using var _ = sandbox;
        var retries = new List<MetronomeRetry>();
        // Delays are scaled by 1/100 so the test waits 20 ms, while the hook still sees the 2 s the server asked for.
        using var client = sandbox.Client(o => o with { RetryDelayScale = 0.01, OnRetry = retries.Add });

        var customer = await client.Customers.RetrieveAsync(customerId);

        Assert.Equal(customerId, customer.Id);
        var retry = Assert.Single(retries);
        Assert.Equal(429, retry.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(0.02), retry.Delay);
        Assert.Equal($"/v1/customers/{customerId}", retry.Path);
        Assert.Equal(2, sandbox.Server.RequestCount);
    }

    [Fact]
    public async Task Retry_after_ms_takes_precedence_and_the_client_really_waits_that_long()
    {
        var (sandbox, customerId) = await StartAsync(
            new SandboxFault { Kind = SandboxFaultKind.RateLimit, Times = 1, RetryAfterMilliseconds = 300, RetryAfterSeconds = 30 });
        await using var _ = sandbox;
        var retries = new List<MetronomeRetry>();
        using var client = sandbox.Client(o => o with { RetryDelayScale = 1, OnRetry = retries.Add });

        var clock = Stopwatch.StartNew();
        await client.Customers.RetrieveAsync(customerId);
        clock.Stop();

        Assert.Equal(TimeSpan.FromMilliseconds(300), Assert.Single(retries).Delay);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(290), $"the retry came after {clock.Elapsed.TotalMilliseconds} ms, before the 300 ms asked for");
    }

    [Fact]
    public async Task Rate_limited_without_Retry_After_backs_off_from_half_a_second_with_jitter()
    {
        var (sandbox, customerId) = await StartAsync(new SandboxFault { Kind = SandboxFaultKind.RateLimit, Times = 2 });
        await using var _ = sandbox;
        var retries = new List<MetronomeRetry>();
        using var client = sandbox.Client(o => o with { RetryDelayScale = 0.01, OnRetry = retries.Add });

        await client.Customers.RetrieveAsync(customerId);

        Assert.Equal(2, retries.Count);
        // 0.5 s then 1 s, each minus up to 25 % jitter, scaled by 1/100.
        Assert.InRange(retries[0].Delay.TotalMilliseconds, 3.75, 5);
        Assert.InRange(retries[1].Delay.TotalMilliseconds, 7.5, 10);
    }

    [Fact]
    public async Task Server_error_twice_then_success()
    {
        var (sandbox, customerId) = await StartAsync(new SandboxFault { Kind = SandboxFaultKind.ServerError, Times = 2 });
        await using var _ = sandbox;
        using var client = sandbox.Client();

        var invoices = await client.Customers.Invoices.ListAsync(customerId).ToListAsync();

        Assert.Empty(invoices);
        Assert.Equal(3, sandbox.Server.RequestCount);
    }

    [Fact]
    public async Task Server_error_three_times_fails_after_three_attempts_with_the_servers_message()
    {
        var (sandbox, customerId) = await StartAsync(new SandboxFault { Kind = SandboxFaultKind.ServerError, Times = 3, Status = 503 });
        await using var _ = sandbox;
        using var client = sandbox.Client();

        var error = await Assert.ThrowsAsync<MetronomeApiException>(() => client.Customers.RetrieveAsync(customerId));

        Assert.Equal(MetronomeErrorKind.Server, error.Kind);
        Assert.Equal(503, error.StatusCode);
        Assert.Equal(3, error.Attempts);
        Assert.Equal("internal server error (injected)", error.ServerMessage);
        Assert.Equal($"GET /v1/customers/{customerId}: server error (503 Service Unavailable): internal server error (injected) (after 3 attempts)", error.Message);
        Assert.Equal(3, sandbox.Server.RequestCount);
    }

    [Fact]
    public async Task Max_retries_is_configurable()
    {
        var (sandbox, customerId) = await StartAsync(new SandboxFault { Kind = SandboxFaultKind.ServerError });
        await using var _ = sandbox;
        using var noRetries = sandbox.Client(o => o with { MaxRetries = 0 });
        using var fiveRetries = sandbox.Client(o => o with { MaxRetries = 5 });

        Assert.Equal(1, (await Assert.ThrowsAsync<MetronomeApiException>(() => noRetries.Customers.RetrieveAsync(customerId))).Attempts);
        Assert.Equal(6, (await Assert.ThrowsAsync<MetronomeApiException>(() => fiveRetries.Customers.RetrieveAsync(customerId))).Attempts);
        Assert.Equal(7, sandbox.Server.RequestCount);
    }

    [Fact]
    public async Task A_dropped_connection_is_retried()
    {
        var (sandbox, customerId) = await StartAsync(new SandboxFault { Kind = SandboxFaultKind.DropConnection, Times = 1 });
        await using var _ = sandbox;
        var retries = new List<MetronomeRetry>();
        using var client = sandbox.Client(o => o with { OnRetry = retries.Add });

        var customer = await client.Customers.RetrieveAsync(customerId);

        Assert.Equal(customerId, customer.Id);
        Assert.Null(Assert.Single(retries).StatusCode);
        Assert.Equal(nameof(HttpRequestException), retries[0].Reason);
    }

    [Fact]
    public async Task A_connection_that_keeps_dropping_is_a_connection_error()
    {
        var (sandbox, customerId) = await StartAsync(new SandboxFault { Kind = SandboxFaultKind.DropConnection });
        await using var _ = sandbox;
        using var client = sandbox.Client();

        var error = await Assert.ThrowsAsync<MetronomeApiException>(() => client.Customers.RetrieveAsync(customerId));

        Assert.Equal(MetronomeErrorKind.Connection, error.Kind);
        Assert.Equal(3, error.Attempts);
        Assert.StartsWith($"GET /v1/customers/{customerId}: connection failed", error.Message);
    }

    [Fact]
    public async Task A_slow_response_times_out_after_every_attempt()
    {
        var (sandbox, customerId) = await StartAsync(
            new SandboxFault { Kind = SandboxFaultKind.Latency, Latency = TimeSpan.FromSeconds(5), PathContains = "/invoices" });
        await using var _ = sandbox;
        using var client = sandbox.Client(o => o with { Timeout = TimeSpan.FromMilliseconds(150), MaxRetries = 1 });

        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<MetronomeApiException>(() => client.Customers.Invoices.ListAsync(customerId).ToListAsync().AsTask());

        Assert.Equal(MetronomeErrorKind.Timeout, error.Kind);
        Assert.Equal(2, error.Attempts);
        Assert.Contains("no response within 0.15 s", error.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4), "the timeout did not cut the 5 s latency short");
        // Other paths are not slowed down.
        Assert.Equal(customerId, (await client.Customers.RetrieveAsync(customerId)).Id);
    }

    [Fact]
    public async Task A_timeout_followed_by_a_fast_answer_succeeds()
    {
        var (sandbox, customerId) = await StartAsync(
            new SandboxFault { Kind = SandboxFaultKind.Latency, Latency = TimeSpan.FromSeconds(5), Times = 1 });
        await using var _ = sandbox;
        using var client = sandbox.Client(o => o with { Timeout = TimeSpan.FromMilliseconds(200) });

        Assert.Equal(customerId, (await client.Customers.RetrieveAsync(customerId)).Id);
    }

    [Fact]
    public async Task Cancellation_stops_a_call_and_its_retries()
    {
        var (sandbox, customerId) = await StartAsync(new SandboxFault { Kind = SandboxFaultKind.Latency, Latency = TimeSpan.FromSeconds(5) });
        await using var _ = sandbox;
        using var client = sandbox.Client();
        using var cancel = new CancellationTokenSource();

        // Cancelled once the server holds the request (not after a fixed delay, which a loaded machine can outlast
        // before the request is even sent): the call must stop there, without a retry.
        var call = client.Customers.RetrieveAsync(customerId, cancel.Token);
        var waited = Stopwatch.StartNew();
        while (sandbox.Server.RequestCount == 0 && waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(10);
        }

        Assert.Equal(1, sandbox.Server.RequestCount);
        var cancelled = Stopwatch.StartNew();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.True(cancelled.Elapsed < TimeSpan.FromSeconds(4), "the call ran on into the server's 5 s latency after it was cancelled");
        Assert.Equal(1, sandbox.Server.RequestCount);
    }
}
