using System.CommandLine;

namespace Workbook.Cli.Commands;

/// <summary>`workbook run-all`: every deliverable in one go.</summary>
internal static class RunAllCommand
{
    public static Command Create(CliContext context) =>
        NotYetImplemented.Attach(new Command("run-all", "Produce every deliverable: customer summary, Part 2 CSVs, ARR rollup, executed notebooks, HTML site."), context);
}
