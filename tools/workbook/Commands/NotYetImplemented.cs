using System.CommandLine;

namespace Workbook.Cli.Commands;

/// <summary>Placeholder action for a command whose issue has not landed yet.</summary>
internal static class NotYetImplemented
{
    public static Command Attach(Command command, CliContext context)
    {
        command.SetAction(_ =>
        {
            context.Err.WriteLine($"error: '{command.Name}' is not implemented yet");
            return ExitCodes.Failed;
        });
        return command;
    }
}
