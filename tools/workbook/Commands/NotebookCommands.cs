using System.CommandLine;

namespace Workbook.Cli.Commands;

/// <summary>`workbook notebooks run` and `workbook notebooks export`.</summary>
internal static class NotebookCommands
{
    public static Command Create(CliContext context)
    {
        var notebooks = new Command("notebooks", "Execute the workbook's notebooks headless, or export them as a static HTML site.");
        notebooks.Subcommands.Add(NotYetImplemented.Attach(new Command("run", "Execute notebooks and store their outputs."), context));
        notebooks.Subcommands.Add(NotYetImplemented.Attach(new Command("export", "Write the notebooks as a static HTML walkthrough."), context));
        return notebooks;
    }
}
