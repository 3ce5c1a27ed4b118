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
