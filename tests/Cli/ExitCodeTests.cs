namespace Workbook.Tests.Cli;

public class ExitCodeTests
{
    [Fact]
    public async Task Unknown_command_is_bad_usage()
    {
        var result = await CliRunner.RunAsync(["no-such-command"]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no-such-command", result.Err);
    }

    [Fact]
    public async Task Help_succeeds_and_lists_the_commands()
    {
        var result = await CliRunner.RunAsync(["--help"]);
        Assert.Equal(0, result.ExitCode);
        foreach (var command in new[] { "run-all", "customer-summary", "egress", "arr", "generate", "sandbox", "notebooks" })
        {
            Assert.Contains(command, result.Out);
        }
    }
}
