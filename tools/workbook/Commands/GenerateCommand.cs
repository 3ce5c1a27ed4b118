using System.CommandLine;

namespace Workbook.Cli.Commands;

/// <summary>`workbook generate egress|arr`: synthetic data so everything runs on a fresh machine.</summary>
internal static class GenerateCommand
{
    public static Command Create(CliContext context)
    {
        var generate = new Command("generate", "Write synthetic input data (deterministic for a seed).");
        generate.Subcommands.Add(EgressCommands.CreateGenerate(context));
        generate.Subcommands.Add(ArrCommands.CreateGenerate(context));
        return generate;
    }
}
