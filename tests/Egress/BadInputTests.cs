using Workbook.Core;
using Workbook.Egress;

namespace Workbook.Tests.Egress;

/// <summary>
/// Bad input is an error naming file, line and column, and a failed load leaves nothing behind. Each case takes a
/// small generated export and breaks one thing in it.
/// </summary>
public class BadInputTests
{
    /// <summary>A fresh 3-customer export whose <paramref name="table"/> file is edited by <paramref name="edit"/> (rows split on CRLF).</summary>
    private static TempDir ExportWith(string table, Action<string[]> edit, out string path)
    {
        var dir = new TempDir();
        EgressGenerator.Write(dir.Path, new EgressGeneratorOptions(Customers: 3, EventsPerCustomer: 5));
        path = Path.Combine(dir.Path, EgressExport.FileName(table));
        var rows = File.ReadAllText(path).Split("\r\n");
        edit(rows);
        File.WriteAllText(path, string.Join("\r\n", rows));
        return dir;
    }

    /// <summary>Sets one cell of a data row (1-based data row; the header is row 0), assuming no quoted cell before it.</summary>
    private static void SetCell(string[] rows, int row, int column, string value)
    {
        var cells = rows[row].Split(',');
        cells[column] = value;
        rows[row] = string.Join(',', cells);
    }

    private static InputDataException LoadFails(string folder, string? databasePath = null) =>
        Assert.Throws<InputDataException>(() => EgressDatabase.Load(folder, databasePath ?? EgressDatabase.InMemory).Dispose());

    [Fact]
    public void Missing_file_is_named_with_both_accepted_names()
    {
        using var dir = ExportWith("plan", _ => { }, out var path);
        File.Delete(path);
        var error = LoadFails(dir.Path);
        Assert.Equal(
            $"{path}: file not found (expected 'Metronome Sample Egress Data - plan.csv' or 'plan.csv' in {dir.Path})",
            error.Message);
    }

    [Fact]
    public void Short_file_names_are_accepted_but_not_both_names_at_once()
    {
        using var dir = ExportWith("plan", _ => { }, out var path);
        var shortName = Path.Combine(dir.Path, "plan.csv");
        File.Copy(path, shortName);
        Assert.Contains("the plan table is present twice", LoadFails(dir.Path).Message);

        File.Delete(path);
        using var db = EgressDatabase.Load(dir.Path);
        Assert.Equal(2L, db.RowCounts["plan"]);
    }

    [Fact]
    public void Missing_column_is_named()
    {
        using var dir = ExportWith("invoice", rows => rows[0] = rows[0].Replace("issued_at", "issued", StringComparison.Ordinal), out var path);
        var error = LoadFails(dir.Path);
        Assert.Equal(path, error.File);
        Assert.Equal(1, error.Line);
        Assert.Equal("issued_at", error.Field);
        Assert.StartsWith($"{path}:1: column 'issued_at': missing column (the header has: id, status, total,", error.Message);
    }

    [Fact]
    public void Unparsable_timestamp_names_line_and_column()
    {
        using var dir = ExportWith("events", rows => SetCell(rows, 3, 2, "2024-13-01 00:00:00 UTC"), out var path);
        var error = LoadFails(dir.Path);
        Assert.Equal(
            $"{path}:4: column 'timestamp': '2024-13-01 00:00:00 UTC' is not a timestamp (expected e.g. 2024-03-13 00:57:44.673000 UTC, 2024-02-29 0:00:00 or ISO-8601)",
            error.Message);
    }

    [Fact]
    public void Unparsable_number_names_line_and_column()
    {
        using var dir = ExportWith("invoice", rows => SetCell(rows, 2, 2, "12.5.0"), out var path);
        var error = LoadFails(dir.Path);
        Assert.Equal($"{path}:3: column 'total': '12.5.0' is not a number", error.Message);
    }

    [Fact]
    public void Duplicate_id_names_line_and_value()
    {
        string? duplicated = null;
        using var dir = ExportWith("sub_line_item", rows =>
        {
            duplicated = rows[1].Split(',')[0];
            SetCell(rows, 4, 0, duplicated);
        }, out var path);
        var error = LoadFails(dir.Path);
        Assert.Equal($"{path}:5: column 'id': duplicate id '{duplicated}': an earlier row has the same one", error.Message);
    }

    [Fact]
    public void Duplicate_transaction_id_is_a_duplicate_too()
    {
        using var dir = ExportWith("events", rows => SetCell(rows, 2, 0, rows[1].Split(',')[0]), out var path);
        Assert.Contains($"{path}:3: column 'transaction_id': duplicate transaction_id", LoadFails(dir.Path).Message);
    }

    [Fact]
    public void Empty_required_value_is_named()
    {
        using var dir = ExportWith("invoice", rows => SetCell(rows, 1, 1, ""), out var path);
        Assert.Equal($"{path}:2: column 'status': a value is required", LoadFails(dir.Path).Message);
    }

    [Fact]
    public void Invalid_json_and_bad_properties_are_named()
    {
        using (var dir = ExportWith("plan_charge", rows => rows[1] = rows[1].Replace(",{},", ",{oops},", StringComparison.Ordinal), out var path))
        {
            Assert.StartsWith($"{path}:2: column 'custom_fields': not valid JSON", LoadFails(dir.Path).Message);
        }

        using (var dir = ExportWith("events", rows => rows[1] = rows[1].Replace("\"{", "\"{garbage, ", StringComparison.Ordinal), out var path))
        {
            Assert.Equal($"{path}:2: column 'properties': expected key=value, found 'garbage'", LoadFails(dir.Path).Message);
        }
    }

    [Fact]
    public void An_alias_of_two_customers_is_an_error()
    {
        using var dir = ExportWith("customer", rows => rows[2] = rows[2].Replace("\"[\"\"b1_company\"\"]\"", "\"[\"\"a1_company\"\"]\"", StringComparison.Ordinal), out var path);
        Assert.Equal($"{path}:3: column 'ingest_aliases': the alias 'a1_company' already belongs to another customer", LoadFails(dir.Path).Message);
    }

    [Fact]
    public void A_failed_file_load_leaves_no_file_and_an_existing_database_untouched()
    {
        using var dir = ExportWith("line_item", rows => SetCell(rows, rows.Length - 1, 7, "many"), out _);
        using var output = new TempDir();
        var target = output.File("egress.db");

        LoadFails(dir.Path, target);
        Assert.Empty(Directory.GetFiles(output.Path));

        File.WriteAllText(target, "the previous database");
        LoadFails(dir.Path, target);
        Assert.Equal(["egress.db"], Directory.GetFiles(output.Path).Select(Path.GetFileName));
        Assert.Equal("the previous database", File.ReadAllText(target));
    }

    [Fact]
    public void The_database_may_not_overwrite_an_input()
    {
        using var dir = ExportWith("plan", _ => { }, out var path);
        var error = Assert.Throws<UsageException>(() => EgressDatabase.Load(dir.Path, path));
        Assert.Contains("it is an input file", error.Message);
    }

    [Fact]
    public void Data_folder_resolution_prefers_the_option_then_the_environment_then_the_repository_then_the_shared_folder()
    {
        using var option = new TempDir();
        using var environment = new TempDir();
        using var repo = ExportWith("plan", _ => { }, out _);
        using var shared = ExportWith("plan", _ => { }, out _);
        Func<string, string?> env = name => name == EgressDataFolder.EnvironmentVariable ? environment.Path : null;
        Func<string, string?> noEnv = _ => null;

        Assert.Equal(option.Path, EgressDataFolder.Resolve(option.Path, env, repo.Path));
        Assert.Equal(environment.Path, EgressDataFolder.Resolve(null, env, repo.Path));
        Assert.Equal(repo.Path, EgressDataFolder.Resolve(null, noEnv, repo.Path, shared.Path));
        Assert.Equal(shared.Path, EgressDataFolder.Resolve(null, noEnv, option.Path, shared.Path));

        var none = Assert.Throws<WorkbookException>(() => EgressDataFolder.Resolve(null, noEnv, option.Path, environment.Path));
        Assert.Contains("no Metronome data export found", none.Message);
        Assert.Contains("workbook generate egress --out DIR", none.Message);
        Assert.Contains(EgressDataFolder.EnvironmentVariable, none.Message);
    }
}
