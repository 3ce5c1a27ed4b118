namespace Workbook.Tests.Cli;

/// <summary>The shared option rules: a value out of range or a malformed date is bad usage (exit 2) with a message naming the option.</summary>
public class CliOptionsTests
{
    [Theory]
    [InlineData(new[] { "generate", "egress", "--out", "x", "--customers", "1" }, "--customers must be between 2 and 1000000 (A1 Company and B1 Company are always there), got 1")]
    [InlineData(new[] { "generate", "egress", "--out", "x", "--events-per-customer", "0" }, "--events-per-customer must be between 1 and 100000, got 0")]
    [InlineData(new[] { "customer-summary", "--out", "x.csv", "--concurrency", "0" }, "--concurrency must be between 1 and 256, got 0")]
    [InlineData(new[] { "customer-summary", "--out", "x.csv", "--max-retries", "11" }, "--max-retries must be between 0 and 10, got 11")]
    [InlineData(new[] { "sandbox", "--port", "70000" }, "--port must be between 0 and 65535, got 70000")]
    [InlineData(new[] { "run-all", "--as-of", "2023-02-30" }, "--as-of '2023-02-30' is not a date: expected yyyy-MM-dd")]
    [InlineData(new[] { "generate", "arr", "--out", "x", "--accounts", "0" }, "--accounts must be between 1 and 100000000, got 0")]
    [InlineData(new[] { "arr", "--accounts", "a", "--subscriptions", "s", "--items", "i", "--out", "o", "--as-of", "2023-6-30" }, "--as-of '2023-6-30' is not a date: expected yyyy-MM-dd")]
    public async Task Out_of_range_values_are_bad_usage_naming_the_option(string[] args, string message)
    {
        var result = await CliRunner.RunAsync(args);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Err);
    }
}
