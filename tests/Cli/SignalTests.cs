using System.Diagnostics;
using System.Globalization;
using Workbook.Arr;

namespace Workbook.Tests.Cli;

/// <summary>
/// Ctrl+C (SIGINT) and SIGTERM stop a long command: a real `workbook` process, signalled while it works, exits with
/// code 1 and exactly "error: cancelled", leaving neither temporary files nor outputs. That line is the command's own
/// (its loops observe the cancellation token); the program's last-resort watchdog, which ends a command that ignores
/// the token, says otherwise, so a test passing here proves the token path, not a fast watchdog.
/// </summary>
public class SignalTests
{
    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task A_signal_stops_generate_arr_through_its_token(string signal) =>
        await StopsAsync(signal, ["generate", "arr", "--out", "gen", "--accounts", "20000000"], WritingAsync);

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task A_signal_stops_generate_egress_through_its_token(string signal) =>
        await StopsAsync(signal, ["generate", "egress", "--out", "gen", "--customers", "20000", "--events-per-customer", "2000"], WritingEventsAsync,
            completed: ["billable_metric", "customer", "plan", "plan_charge", "product"]);

    /// <summary>`arr` on 2,000,000 accounts (several seconds of loading and rolling up), signalled a second in.</summary>
    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task A_signal_stops_a_large_arr_run_through_its_token(string signal)
    {
        using var inputs = new TempDir();
        ArrGenerator.Write(inputs.Path, 2_000_000, seed: 3);
        string[] args =
        [
            "arr", "--accounts", Path.Combine(inputs.Path, ArrInputs.AccountsFile), "--subscriptions", Path.Combine(inputs.Path, ArrInputs.SubscriptionsFile),
            "--items", Path.Combine(inputs.Path, ArrInputs.ItemsFile), "--as-of", "2023-06-30", "--out", "out/accounts.csv", "--details", "out/details.csv",
        ];
        await StopsAsync(signal, args, (_, _, _) => Task.Delay(TimeSpan.FromSeconds(1)));
    }

    /// <param name="completed">Export tables written whole before the interrupted one (each file is atomic on its own).</param>
    private static async Task StopsAsync(string signal, string[] args, Func<string, Process, Task<string>, Task> ready, string[]? completed = null)
    {
        using var dir = new TempDir();
        using var process = Process.Start(CliProcess.StartInfo(dir.Path, args))!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        await ready(dir.Path, process, error);
        if (process.HasExited)
        {
            Assert.Fail($"the command ended before the signal: exit {process.ExitCode}, {await error}");
        }

        var (killed, _, killError) = await ExternalProgram.RunAsync("kill", [$"-{signal}", process.Id.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(10));
        Assert.True(killed == 0, killError);
        var stopping = Stopwatch.StartNew();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await process.WaitForExitAsync(timeout.Token);
        stopping.Stop();

        Assert.Equal(1, process.ExitCode);
        Assert.Equal("error: cancelled", (await error).TrimEnd('\n'));
        Assert.DoesNotContain("wrote", await output, StringComparison.Ordinal);
        Assert.Empty(TemporaryFiles(dir.Path));
        Assert.Equal([.. (completed ?? []).Select(table => $"Metronome Sample Egress Data - {table}.csv")],
            Directory.EnumerateFiles(dir.Path, "*", All).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Console.WriteLine($"{string.Join(' ', args.Take(2))}, SIG{signal}: stopped {stopping.ElapsedMilliseconds} ms after the signal");
    }

    /// <summary>Waits until the command is writing: a temporary file holds data.</summary>
    private static Task WritingAsync(string folder, Process process, Task<string> error) => WritingAsync(folder, process, error, "");

    /// <summary>Waits until `generate egress` is writing its events.</summary>
    private static Task WritingEventsAsync(string folder, Process process, Task<string> error) => WritingAsync(folder, process, error, "events.csv");

    private static async Task WritingAsync(string folder, Process process, Task<string> error, string table)
    {
        var writing = Stopwatch.StartNew();
        while (!TemporaryFiles(folder).Any(file => Path.GetFileName(file).Contains(table, StringComparison.Ordinal) && Length(file) > 0))
        {
            if (process.HasExited)
            {
                Assert.Fail($"the command ended before writing: {await error}");
            }

            Assert.True(writing.Elapsed < TimeSpan.FromMinutes(1),
                $"no temporary file with data within a minute; files: {string.Join(", ", Directory.EnumerateFileSystemEntries(folder, "*", All))}");
            await Task.Delay(50);
        }
    }

    private static long Length(string file)
    {
        var info = new FileInfo(file);
        return info.Exists ? info.Length : 0; // a small file may be renamed into place between listing and looking
    }

    private static readonly EnumerationOptions All = new() { RecurseSubdirectories = true, AttributesToSkip = 0 };

    private static IEnumerable<string> TemporaryFiles(string folder) => Directory.EnumerateFiles(folder, "*.tmp", All);
}
