using System.Runtime.InteropServices;
using Workbook.Cli;

// Ctrl+C (SIGINT) and SIGTERM cancel the running command, which then exits cleanly (no half-written output). A
// command still busy a second later (a loop that does not watch the token) is stopped here: its temporary files are
// deleted and the process exits 1, so "stop" always means stopped within a second and nothing left behind.
using var cancel = new CancellationTokenSource();
var stopping = 0;
void Stop(PosixSignalContext signal)
{
    signal.Cancel = true; // this process decides how it ends
    if (Interlocked.Exchange(ref stopping, 1) == 1)
    {
        return;
    }

    cancel.Cancel();
    _ = Task.Delay(TimeSpan.FromMilliseconds(800)).ContinueWith(_ =>
    {
        Workbook.Core.AtomicFile.DeleteTemporaryFiles();
        Console.Error.WriteLine("error: cancelled");
        Environment.Exit(ExitCodes.Failed);
    }, TaskScheduler.Default);
}

using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
return await WorkbookCli.RunAsync(args, CliContext.FromConsole(), cancel.Token);
