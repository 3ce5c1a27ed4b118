using Workbook.Core;
using Workbook.Sandbox;

namespace Workbook.Tests.Sandbox;

public class SandboxFaultTests
{
    [Fact]
    public void Parses_the_cli_form()
    {
        var fault = SandboxFault.Parse("rate-limit:times=3,retry-after=1.5,retry-after-ms=200,path=/v1/customers/abc");

        Assert.Equal(SandboxFaultKind.RateLimit, fault.Kind);
        Assert.Equal(3, fault.Times);
        Assert.Equal(1.5, fault.RetryAfterSeconds);
        Assert.Equal(200, fault.RetryAfterMilliseconds);
        Assert.Equal("/v1/customers/abc", fault.PathContains);
        Assert.Equal(TimeSpan.FromMilliseconds(20), SandboxFault.Parse("latency:ms=20").Latency);
        Assert.Equal(503, SandboxFault.Parse("server-error:status=503").Status);
        Assert.Null(SandboxFault.Parse("drop-connection").Times);
    }

    [Theory]
    [InlineData("explode", "unknown kind 'explode'")]
    [InlineData("latency", "latency needs ms=<milliseconds>")]
    [InlineData("server-error:times=0", "times must be a number >= 1, got '0'")]
    [InlineData("server-error:status=404", "status must be a number >= 500")]
    [InlineData("rate-limit:colour=red", "unknown key 'colour'")]
    [InlineData("rate-limit:times", "'times' is not key=value")]
    public void Bad_specs_are_explained(string spec, string problem) =>
        Assert.Contains(problem, Assert.Throws<WorkbookException>(() => SandboxFault.Parse(spec)).Message);

    [Fact]
    public void A_rule_applies_to_the_first_n_fitting_requests_even_under_contention()
    {
        var fault = new SandboxFault { Kind = SandboxFaultKind.ServerError, Times = 50, PathContains = "/invoices" };
        var applied = 0;

        Parallel.For(0, 1000, i =>
        {
            if (fault.TryApply(i % 2 == 0 ? "/v1/customers/x/invoices" : "/v1/customers/x/plans"))
            {
                Interlocked.Increment(ref applied);
            }
        });

        Assert.Equal(50, applied);
        Assert.Equal(50, fault.Used);
    }
}

/// <summary>The faults the API has and the official SDKs react to: 408, 409 and x-should-retry.</summary>
public class SandboxRetryFaultTests
{
    [Theory]
    [InlineData(SandboxFaultKind.RequestTimeout)]
    [InlineData(SandboxFaultKind.Conflict)]
    public async Task Request_timeouts_and_conflicts_are_retried_like_the_sdks_do(SandboxFaultKind kind)
    {
        var retries = new List<Workbook.Metronome.MetronomeRetry>();
        await using var sandbox = await TestSandbox.StartAsync(new TestDataset().WithCustomers(3).Build(), new SandboxFault { Kind = kind, Times = 2 });
        using var client = sandbox.Client(o => o with { OnRetry = retries.Add });

        var customers = await client.Customers.ListAsync().ToListAsync();

        Assert.Equal(3, customers.Count);
        Assert.Equal([kind == SandboxFaultKind.RequestTimeout ? 408 : 409, kind == SandboxFaultKind.RequestTimeout ? 408 : 409], retries.Select(r => r.StatusCode));
        Assert.Equal(3, sandbox.Server.RequestCount);
    }

    [Theory]
    [InlineData("server-error:should-retry=false", 500, 1)]
    [InlineData("conflict:should-retry=false", 409, 1)]
    [InlineData("request-timeout:should-retry=false", 408, 1)]
    [InlineData("server-error:status=503,should-retry=true", 503, 3)]
    public async Task X_should_retry_overrides_the_status_rule(string spec, int status, int attempts)
    {
        await using var sandbox = await TestSandbox.StartAsync(new TestDataset().WithCustomers(1).Build(), SandboxFault.Parse(spec));
        using var client = sandbox.Client();

        var error = await Assert.ThrowsAsync<Workbook.Metronome.MetronomeApiException>(() => client.Customers.ListAsync().ToListAsync().AsTask());

        Assert.Equal(status, error.StatusCode);
        Assert.Equal(attempts, error.Attempts);
        Assert.Equal(attempts, sandbox.Server.RequestCount);
    }

    [Fact]
    public void The_new_kinds_parse()
    {
        Assert.Equal(SandboxFaultKind.RequestTimeout, SandboxFault.Parse("request-timeout").Kind);
        Assert.Equal(SandboxFaultKind.LengthRequired, SandboxFault.Parse("length-required").Kind);
        Assert.False(SandboxFault.Parse("conflict:should-retry=false").ShouldRetry);
        Assert.Contains("should-retry must be true or false", Assert.Throws<WorkbookException>(() => SandboxFault.Parse("conflict:should-retry=maybe")).Message);
    }
}
