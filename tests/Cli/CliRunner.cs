using System.Text;
using Workbook.Cli;

namespace Workbook.Tests.Cli;

/// <summary>Runs the CLI in-process with captured output and an optional fixed clock and environment.</summary>
public static class CliRunner
{
    public sealed record Result(int ExitCode, string Out, string Err);

    public static async Task<Result> RunAsync(
        string[] args,
        TimeProvider? clock = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var output = new StringWriter(new StringBuilder());
        var error = new StringWriter(new StringBuilder());
        // Only the variables the test gives exist: a developer's real METRONOME_BEARER_TOKEN never leaks in.
        var env = environment ?? new Dictionary<string, string>();
        var context = new CliContext(clock ?? TimeProvider.System, output, error, Interactive: false, name => env.TryGetValue(name, out var v) ? v : null);
        var code = await WorkbookCli.RunAsync(args, context);
        return new Result(code, output.ToString(), error.ToString());
    }
}
