using System.CommandLine;

namespace Workbook.Cli.Commands;

/// <summary>Part 1: `workbook customer-summary` and `workbook sandbox`.</summary>
internal static class MetronomeCommands
{
    public static Command CreateCustomerSummary(CliContext context) =>
        NotYetImplemented.Attach(new Command("customer-summary", "Query the Metronome API (or the local sandbox) and write the customer summary CSV."), context);

    public static Command CreateSandbox(CliContext context) =>
        NotYetImplemented.Attach(new Command("sandbox", "Serve a local Metronome API sandbox seeded from the data export."), context);
}
