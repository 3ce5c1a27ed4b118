using System.Text;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Connection;
using Microsoft.DotNet.Interactive.Events;
using Workbook.Notebooks.Kernel;

// The protocol with `workbook notebooks run` (Running/KernelProcess.cs), in the engine's own JSON envelopes:
// each stdin line is one SubmitCode command; for it, stdout gets one line per event that becomes an output (display
// events, failures) and then an empty line. The process ends when stdin closes. stdout belongs to the protocol:
// whatever else writes to the console outside a cell (a cell's writes are captured by the engine) goes to stderr.
var channel = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false)) { NewLine = "\n" };
Console.SetOut(Console.Error);
using var commands = new StreamReader(Console.OpenStandardInput(), new UTF8Encoding(false));
using var kernel = NotebookKernel.Create();
while (await commands.ReadLineAsync() is { } line)
{
    var command = KernelCommandEnvelope.Deserialize(line).Command;
    var result = await kernel.SendAsync(command);
    foreach (var kernelEvent in result.Events.Where(e => e is DisplayEvent or CommandFailed))
    {
        await channel.WriteLineAsync(KernelEventEnvelope.Serialize(kernelEvent));
    }

    await channel.WriteLineAsync();
    await channel.FlushAsync();
}

return 0;
