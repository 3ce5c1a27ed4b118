using System.CommandLine;

namespace Workbook.Cli.Commands;

/// <summary>Part 3: `workbook arr` (the ARR rollup) and `workbook generate arr`.</summary>
internal static class ArrCommands
{
    public static Command Create(CliContext context) =>
        NotYetImplemented.Attach(new Command("arr", "Fill ultimate_parent_id, arr and hierarchy_arr in accounts.csv."), context);

    public static Command CreateGenerate(CliContext context) =>
        NotYetImplemented.Attach(new Command("arr", "Write synthetic accounts, subscriptions and subscription items."), context);
}
