using System.Runtime.InteropServices;
using Workbook.Cli;

// Ctrl+C (SIGINT) and SIGTERM cancel the running command's token: its loops observe it, its temporary files are removed
// on the way out, and it reports "error: cancelled" with exit code 1.
// The watchdog below is only the last resort for code that cannot observe a token (native SQLite/DuckDB calls).
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
    // Its own thread: a busy command may keep the thread pool from running a timer's callback in time.
    new Thread(() =>
    {
        Thread.Sleep(TimeSpan.FromMilliseconds(500));
        if (Interlocked.CompareExchange(ref stopping, 2, 1) != 1)
        {
            return; // the command ended by itself meanwhile
        }

        Workbook.Core.AtomicFile.DeleteTemporaryFiles();
        Console.Error.WriteLine("error: cancelled (the command did not stop within half a second, so the process was ended)");
        Console.Out.Flush();
        Console.Error.Flush();

        // Now, not after the runtime's orderly shutdown, which first waits for the busy threads to reach a safe point
        // (measured: 0.6 s into a `generate` run); the temporary files are gone and the outputs were never renamed.
        ExitNow(ExitCodes.Failed);
    }) { IsBackground = true, Priority = ThreadPriority.Highest }.Start();
}

[DllImport("libc", EntryPoint = "_exit")]
static extern void ExitNow(int status);

using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
var exitCode = await WorkbookCli.RunAsync(args, CliContext.FromConsole(), cancel.Token);
if (Interlocked.Exchange(ref stopping, 3) == 2)
{
    Thread.Sleep(Timeout.Infinite); // the watchdog is ending the process
}

return exitCode;
