using System.CommandLine;
using Workbook.Cli.Commands;
using Workbook.Core;

namespace Workbook.Cli;

/// <summary>Builds the command tree and runs it with the workbook's exit-code contract (0 ok, 1 failed work, 2 bad usage).</summary>
public static class WorkbookCli
{
    /// <summary>The top-level commands, by the name each one's factory gives it (a test keeps the two in step).</summary>
    internal static readonly (string Name, Func<CliContext, Command> Create)[] Commands =
    [
        ("run-all", RunAllCommand.Create),
        ("customer-summary", MetronomeCommands.CreateCustomerSummary),
        ("egress", EgressCommands.Create),
        ("arr", ArrCommands.Create),
        ("generate", GenerateCommand.Create),
        ("sandbox", MetronomeCommands.CreateSandbox),
        ("notebooks", NotebookCommands.Create),
    ];

    /// <summary>
    /// The whole tree, or only the top-level command named <paramref name="only"/> when there is one by that name:
    /// building every command's options is a noticeable share of a short command's run (about 10 ms of 300).
    /// </summary>
    public static RootCommand BuildRoot(CliContext context, string? only = null)
    {
        var root = new RootCommand("Revenue-operations workbook: Metronome customer summary, data-export SQL answers, ARR rollup, and the notebooks that present them.")
        {
            new Option<bool>(CliErrors.VerboseOption) { Description = "On an error, also print its stack trace.", Recursive = true },
        };
        var one = Commands.Any(command => command.Name == only);
        foreach (var (name, create) in Commands)
        {
            if (!one || name == only)
            {
                root.Subcommands.Add(create(context));
            }
        }

        return root;
    }

    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken = default)
    {
        var verbose = args.Contains(CliErrors.VerboseOption);
        try
        {
            // Help, errors and suggestions for anything but a known command's own line see the whole tree.
            var parsed = BuildRoot(context, args.FirstOrDefault()).Parse(args);
            if (parsed.Errors.Count > 0)
            {
                // One line, the parser's messages in order (an unknown command is two: unrecognized, and no command given).
                context.Err.WriteLine($"error: {CliErrors.OneLine(string.Join(" ", parsed.Errors.Select(error => error.Message)))}");

                context.Err.WriteLine("Run 'workbook --help' (or '<command> --help') for usage.");
                return ExitCodes.Usage;
            }

            var configuration = new InvocationConfiguration
            {
                Output = context.Out,
                Error = context.Err,
                EnableDefaultExceptionHandler = false,
                // Signals are the program's (Program.cs): they cancel cancellationToken, which every long command observes.
                ProcessTerminationTimeout = null,
            };
            return await parsed.InvokeAsync(configuration, cancellationToken);
        }
        catch (Exception error)
        {
            return CliErrors.Report(error, context.Err, verbose);
        }
    }
}
