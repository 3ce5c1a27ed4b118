using System.Diagnostics;
using System.Text;
using Workbook.Cli;
using Workbook.Core;

namespace Workbook.Tests.Cli;

/// <summary>
/// Runs the built `workbook` program as a process, as a user does: its real exit code (an unhandled exception is the
/// runtime's 134 here, not a test failure), its real stderr, signals. <c>WORKBOOK_CLI</c> names another build's
/// workbook.dll to run the same tests against (e.g. main's, to see them fail there).
/// </summary>
public static class CliProcess
{
    public sealed record Result(int ExitCode, string Out, string Err);

    public static string Program
    {
        get
        {
            if (Environment.GetEnvironmentVariable("WORKBOOK_CLI") is { Length: > 0 } other)
            {
                return other;
            }

            var beside = Path.Combine(Path.GetDirectoryName(typeof(WorkbookCli).Assembly.Location)!, "workbook.dll");
            return File.Exists(Path.ChangeExtension(beside, ".runtimeconfig.json"))
                ? beside
                : throw new InvalidOperationException($"the workbook program is not built beside the tests: {beside}");
        }
    }

    public static ProcessStartInfo StartInfo(string workingDirectory, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(Program);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // Only what the program needs: a developer's METRONOME_BEARER_TOKEN or PG* variables never leak in.
        foreach (var name in new[] { "METRONOME_BEARER_TOKEN", "METRONOME_BASE_URL", "WORKBOOK_EGRESS_DIR", "PGHOST", "PGDATABASE", "PGUSER", "PGPASSWORD", "PGPORT" })
        {
            start.Environment.Remove(name);
        }

        return start;
    }

    public static async Task<Result> RunAsync(string workingDirectory, params string[] args)
    {
        using var process = Process.Start(StartInfo(workingDirectory, args))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"workbook {string.Join(' ', args)} did not finish within 3 minutes");
        }

        return new Result(process.ExitCode, await output, await error);
    }
}
