using Workbook.Cli;

using var cancel = new CancellationTokenSource();
ConsoleCancelEventHandler onCancel = (_, e) =>
{
    // Ctrl+C cancels the running command, which then exits cleanly (no half-written output).
    e.Cancel = true;
    cancel.Cancel();
};
Console.CancelKeyPress += onCancel;
try
{
    return await WorkbookCli.RunAsync(args, CliContext.FromConsole(), cancel.Token);
}
finally
{
    // Unhook before the token source is disposed: a late Ctrl+C must not touch a disposed source.
    Console.CancelKeyPress -= onCancel;
}
