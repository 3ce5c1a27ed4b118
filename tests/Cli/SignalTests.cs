using System.Diagnostics;

namespace Workbook.Tests.Cli;

/// <summary>
/// Ctrl+C (SIGINT) and SIGTERM stop a long command: a real `workbook generate arr` process, signalled while it
/// writes, exits with code 1 and "error: cancelled" promptly, leaving neither temporary files nor outputs.
/// </summary>
public class SignalTests
{
    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task A_signal_stops_generate_and_leaves_no_temporary_file(string signal)
    {
        using var dir = new TempDir();
        using var process = Process.Start(CliProcess.StartInfo(dir.Path, ["generate", "arr", "--out", "gen", "--accounts", "20000000"]))!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();

        // Signalled once it is writing: a temporary file holds data.
        var writing = Stopwatch.StartNew();
        while (!TemporaryFiles(dir.Path).Any(file => new FileInfo(file).Length > 0))
        {
            if (process.HasExited)
            {
                Assert.Fail($"generate ended before writing: {await error}");
            }

            Assert.True(writing.Elapsed < TimeSpan.FromMinutes(1),
                $"no temporary file with data within a minute; files: {string.Join(", ", Directory.EnumerateFileSystemEntries(dir.Path, "*", All))}");
            await Task.Delay(50);
        }

        var (killed, _, killError) = await ExternalProgram.RunAsync("kill", [$"-{signal}", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(10));
        Assert.True(killed == 0, killError);
        var stopping = Stopwatch.StartNew();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await process.WaitForExitAsync(timeout.Token);
        stopping.Stop();

        Assert.Equal(1, process.ExitCode);
        Assert.Contains("error: cancelled", await error, StringComparison.Ordinal);
        Assert.DoesNotContain("wrote", await output, StringComparison.Ordinal);
        Assert.Empty(TemporaryFiles(dir.Path));
        Assert.Empty(Directory.EnumerateFiles(dir.Path, "*", All));
        Console.WriteLine($"SIG{signal}: stopped {stopping.ElapsedMilliseconds} ms after the signal");
    }

    private static readonly EnumerationOptions All = new() { RecurseSubdirectories = true, AttributesToSkip = 0 };

    private static IEnumerable<string> TemporaryFiles(string folder) => Directory.EnumerateFiles(folder, "*.tmp", All);
}
