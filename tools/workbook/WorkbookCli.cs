using System.CommandLine;
using Workbook.Cli.Commands;
using Workbook.Core;

namespace Workbook.Cli;

/// <summary>Builds the command tree and runs it with the workbook's exit-code contract (0 ok, 1 failed work, 2 bad usage).</summary>
public static class WorkbookCli
{
    public static RootCommand BuildRoot(CliContext context)
    {
        var root = new RootCommand("Revenue-operations workbook: Metronome customer summary, data-export SQL answers, ARR rollup, and the notebooks that present them.");
        root.Subcommands.Add(RunAllCommand.Create(context));
        root.Subcommands.Add(MetronomeCommands.CreateCustomerSummary(context));
        root.Subcommands.Add(EgressCommands.Create(context));
        root.Subcommands.Add(ArrCommands.Create(context));
        root.Subcommands.Add(GenerateCommand.Create(context));
        root.Subcommands.Add(MetronomeCommands.CreateSandbox(context));
        root.Subcommands.Add(NotebookCommands.Create(context));
        return root;
    }

    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken = default)
    {
        var parsed = BuildRoot(context).Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                context.Err.WriteLine($"error: {error.Message}");
            }

            context.Err.WriteLine("Run 'workbook --help' (or '<command> --help') for usage.");
            return ExitCodes.Usage;
        }

        try
        {
            var configuration = new InvocationConfiguration
            {
                Output = context.Out,
                Error = context.Err,
                EnableDefaultExceptionHandler = false,
            };
            return await parsed.InvokeAsync(configuration, cancellationToken);
        }
        catch (WorkbookException error)
        {
            context.Err.WriteLine($"error: {error.Message}");
            return ExitCodes.Failed;
        }
        catch (OperationCanceledException)
        {
            context.Err.WriteLine("cancelled");
            return ExitCodes.Failed;
        }
    }
}
