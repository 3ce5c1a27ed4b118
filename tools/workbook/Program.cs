using System.Runtime.InteropServices;
using Workbook.Cli;

// Ctrl+C (SIGINT) and SIGTERM cancel the running command, which then exits cleanly (no half-written output). A
// command still busy half a second later (a loop that does not watch the token) is stopped here: its temporary files are
// deleted and the process exits 1, so "stop" always means stopped within a second and nothing left behind.
using var cancel = new CancellationTokenSource();
var stopping = 0; // 0 running, 1 cancelled, 2 the watchdog ends the process, 3 the command ended
void Stop(PosixSignalContext signal)
{
    signal.Cancel = true; // this process decides how it ends
    if (Interlocked.CompareExchange(ref stopping, 1, 0) != 0)
    {
        return; // already stopping, or done
    }

    cancel.Cancel();
    _ = Task.Delay(TimeSpan.FromMilliseconds(500)).ContinueWith(_ =>
    {
        if (Interlocked.CompareExchange(ref stopping, 2, 1) != 1)
        {
            return; // the command ended by itself meanwhile
        }

        Workbook.Core.AtomicFile.DeleteTemporaryFiles();
        Console.Error.WriteLine("error: cancelled");
        Environment.Exit(ExitCodes.Failed);
    }, TaskScheduler.Default);
}

using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
var exitCode = await WorkbookCli.RunAsync(args, CliContext.FromConsole(), cancel.Token);
if (Interlocked.Exchange(ref stopping, 3) == 2)
{
    Thread.Sleep(Timeout.Infinite); // the watchdog is ending the process
}

return exitCode;
