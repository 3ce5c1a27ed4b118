using System.CommandLine;

namespace Workbook.Cli.Commands;

/// <summary>Part 2: `workbook egress` (the three SQL answers) and `workbook generate egress`.</summary>
internal static class EgressCommands
{
    public static Command Create(CliContext context) =>
        NotYetImplemented.Attach(new Command("egress", "Load the Metronome data export into SQLite and write the Part 2 answers as CSV."), context);

    public static Command CreateGenerate(CliContext context) =>
        NotYetImplemented.Attach(new Command("egress", "Write a synthetic Metronome data export."), context);
}
