using Workbook.Egress;
using Workbook.Tests.Cli;

namespace Workbook.Tests.Egress;

/// <summary>`workbook egress` and `workbook generate egress`, run in-process.</summary>
public class EgressCliTests
{
    [Fact]
    public async Task Egress_on_the_exercise_data_writes_the_four_csvs_with_the_expected_values()
    {
        using var dir = new TempDir();
        var result = await CliRunner.RunAsync(["egress", "--data", SharedData.EgressDir, "--out", dir.Path]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Err);
        Assert.Contains("(b) A1 Company, March 2024: 20 charges, total $8,101.27", result.Out);
        Assert.Contains("reconciliation: 51 of 51 billed quantities match the events", result.Out);
        Assert.Equal("image_size,num_images\n256x256,1411\n512x512,1308\n1024x1024,1328\n", File.ReadAllText(dir.File("images_by_size.csv")));
        Assert.Equal("plan_name,invoices,customers,total_usd\nInfra SaaS Paygo,1,1,8101.27\nFree Plan,1,1,2954.12\n",
            File.ReadAllText(dir.File("billings_by_plan.csv")));
        Assert.Equal("plan_name,invoices,customers,total_usd\nInfra SaaS Paygo,1,1,71.63\nFree Plan,1,1,29.22\n",
            File.ReadAllText(dir.File("billings_by_plan_issued.csv")));

        var invoice = File.ReadAllLines(dir.File("a1_march_invoice.csv"));
        Assert.Equal(24, invoice.Length);
        Assert.Equal("product,description,quantity,unit_price_usd,total_usd", invoice[0]);
        Assert.Equal("CPU Hours,CPU hours (c5.12xlarge),1668,0.012000,20.02", invoice[1]);
        Assert.Equal("CPU Hours,Subtotal,,,2222.15", invoice[17]);
        Assert.Equal("Storage,Storage GB-Hours (us-east-2),1011415.5,0.001100,1112.56", invoice[20]);
        Assert.Equal("Storage,Subtotal,,,5879.12", invoice[22]);
        Assert.Equal(",Invoice total,,,8101.27", invoice[23]);

        var reconciliation = File.ReadAllLines(dir.File("reconciliation.csv"));
        Assert.Equal("customer_name,period_start,period_end,product,billable_metric,billed_quantity,metered_quantity,difference,status", reconciliation[0]);
        Assert.Contains("A1 Company,2024-03-01,2024-04-01,Storage,Storage GB-Hours (us-east-2),1011415.5,1011415.5,0,match", reconciliation);
        Assert.Equal(52, reconciliation.Length);
    }

    [Fact]
    public async Task Egress_overwrites_its_outputs_and_keeps_the_database_when_asked()
    {
        using var data = new TempDir();
        EgressGenerator.Write(data.Path, new EgressGeneratorOptions(Customers: 5, Seed: 3));
        using var dir = new TempDir();
        File.WriteAllText(dir.File("images_by_size.csv"), "stale content that must disappear\n");

        var first = await CliRunner.RunAsync(["egress", "--data", data.Path, "--out", dir.Path, "--db", dir.File("egress.db")]);
        var firstFiles = Directory.GetFiles(dir.Path, "*.csv").Order().Select(File.ReadAllBytes).ToList();
        var second = await CliRunner.RunAsync(["egress", "--data", data.Path, "--out", dir.Path, "--db", dir.File("egress.db")]);

        Assert.Equal((0, 0), (first.ExitCode, second.ExitCode));
        Assert.Equal(firstFiles, Directory.GetFiles(dir.Path, "*.csv").Order().Select(File.ReadAllBytes).ToList());
        Assert.StartsWith("image_size,num_images\n", File.ReadAllText(dir.File("images_by_size.csv")));
        Assert.Contains($"database: {dir.File("egress.db")}", second.Out);
        Assert.Equal(
            ["a1_march_invoice.csv", "billings_by_plan.csv", "billings_by_plan_issued.csv", "egress.db", "images_by_size.csv", "reconciliation.csv"],
            Directory.GetFiles(dir.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        using var kept = EgressDatabase.Open(dir.File("egress.db"));
        Assert.Equal(5, ExportTables.Customers(kept.Connection).Count);
    }

    [Fact]
    public async Task Egress_reads_the_folder_from_the_environment_variable()
    {
        using var data = new TempDir();
        EgressGenerator.Write(data.Path, new EgressGeneratorOptions(Customers: 3));
        using var dir = new TempDir();
        var result = await CliRunner.RunAsync(["egress", "--out", dir.Path],
            environment: new Dictionary<string, string> { [EgressDataFolder.EnvironmentVariable] = data.Path });
        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"from {data.Path}", result.Out);
    }

    [Fact]
    public async Task Egress_with_a_missing_data_folder_is_bad_usage()
    {
        using var dir = new TempDir();
        var result = await CliRunner.RunAsync(["egress", "--data", dir.File("nowhere"), "--out", dir.Path]);
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"error: --data {dir.File("nowhere")}: no such folder\n", result.Err);
    }

    [Fact]
    public async Task Egress_on_bad_input_names_the_file_line_and_column_and_writes_nothing()
    {
        using var data = new TempDir();
        EgressGenerator.Write(data.Path, new EgressGeneratorOptions(Customers: 3));
        var invoices = Path.Combine(data.Path, EgressExport.FileName("invoice"));
        var lines = File.ReadAllText(invoices).Split("\r\n");
        lines[2] += ",12,34";
        File.WriteAllText(invoices, string.Join("\r\n", lines));
        using var dir = new TempDir();

        var result = await CliRunner.RunAsync(["egress", "--data", data.Path, "--out", dir.Path, "--db", dir.File("e.db")]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"error: {invoices}:3: expected 17 fields as in the header, found 19\n", result.Err);
        Assert.Empty(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public async Task Generate_writes_the_nine_files_and_says_what_it_wrote()
    {
        using var dir = new TempDir();
        var result = await CliRunner.RunAsync(["generate", "egress", "--out", dir.Path, "--customers", "4", "--seed", "9", "--events-per-customer", "10"]);
        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"^wrote a synthetic export to .+: 4 customers, [\d,]+ events, \d+ invoices \(\d+ FINALIZED\)\n$", result.Out);
        Assert.Equal(EgressExport.Tables.Select(EgressExport.FileName).Order(StringComparer.Ordinal),
            Directory.GetFiles(dir.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("--customers", "1", "--customers must be between 2 and 1000000")]
    [InlineData("--events-per-customer", "0", "--events-per-customer must be between 1 and 100000")]
    public async Task Generate_rejects_bad_counts_as_bad_usage(string option, string value, string message)
    {
        using var dir = new TempDir();
        var result = await CliRunner.RunAsync(["generate", "egress", "--out", dir.Path, option, value]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Err);
        Assert.Empty(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public async Task Generate_requires_out()
    {
        var result = await CliRunner.RunAsync(["generate", "egress"]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--out", result.Err);
    }

    [Theory]
    [InlineData(new[] { "egress", "--help" }, new[] { "--data", "--out", "--db", "WORKBOOK_EGRESS_DIR" })]
    [InlineData(new[] { "generate", "egress", "--help" }, new[] { "--out", "--seed", "--customers", "--events-per-customer" })]
    public async Task Help_documents_every_option(string[] args, string[] options)
    {
        var result = await CliRunner.RunAsync(args);
        Assert.Equal(0, result.ExitCode);
        Assert.All(options, option => Assert.Contains(option, result.Out));
    }
}
