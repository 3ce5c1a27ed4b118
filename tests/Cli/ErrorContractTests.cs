using System.Security.Cryptography;
using System.Text;
using Workbook.Arr;
using Workbook.Core;
using Workbook.Tests.Notebooks;

namespace Workbook.Tests.Cli;

/// <summary>
/// The CLI's error contract, one row per case of issue 20 plus the cases that already held, each run as a real
/// process: the exit code is the expected 0, 1 or 2; a failure prints exactly one "error:" line naming the file and
/// line or the option, no stack trace and no raw control character; every file that was there before is byte for byte
/// the same file (same content, same inode); a failure leaves no new file, except a command whose failure is reported
/// in its output (`notebooks run` writes the notebook with the error in it): then exactly the case's Outputs are
/// written; nor a new folder; nothing leaves a temporary file.
/// </summary>
public class ErrorContractTests
{
    private const string AsOf = "2023-06-30";
    private const string Accounts = "arr/accounts.csv";
    private const string Subscriptions = "arr/subscriptions.csv";
    private const string Items = "arr/subscription_items.csv";

    /// <param name="Expect">Text the error line (or, for exit 0, the standard output) must contain.</param>
    /// <param name="Outputs">For a failure that is reported in what the command writes: the files it writes, and no others.</param>
    public sealed record Case(string Name, int Exit, string Expect, string[] Args, Action<Fixture>? Arrange = null, Func<Fixture, CliProcess.Result, Task>? Then = null,
        string[]? Outputs = null);

    private static string[] Arr(string output, params string[] more) =>
        ["arr", "--accounts", Accounts, "--subscriptions", Subscriptions, "--items", Items, "--as-of", AsOf, "--out", output, .. more];

    private static string Export(string table) => $"data/Metronome Sample Egress Data - {table}.csv";

    private static readonly byte[] Windows1252E = [0xE9]; // é in Windows-1252: not UTF-8

    public static readonly Case[] Cases =
    [
        // 1. Input identity, not path text.
        new("out through a symlinked folder is the input", 2, "refusing to write inlink/accounts.csv: it is an input file",
            Arr("inlink/accounts.csv"), f => f.Symlink("inlink", "arr")),
        new("out as a hard link of the input", 2, "refusing to write hard.csv: it is an input file",
            Arr("hard.csv"), f => f.HardLink("hard.csv", Accounts)),
        new("details through a symlinked folder is an input", 2, "refusing to write inlink/subscriptions.csv",
            Arr("out.csv", "--details", "inlink/subscriptions.csv"), f => f.Symlink("inlink", "arr")),
        new("out through .. is the input", 2, "refusing to write arr/../arr/accounts.csv", Arr("arr/../arr/accounts.csv")),
        new("out is the input", 2, "refusing to write arr/accounts.csv", Arr(Accounts)),
        new("--db through a symlinked folder is an export file", 2, "it is an input file",
            ["egress", "--data", "data", "--out", "answers", "--db", "alias/Metronome Sample Egress Data - plan.csv"],
            f => { f.CopyEgress(); f.Symlink("alias", "data"); }),
        new("--db on an existing text file", 2, "refusing to replace notes.txt: it is not a sqlite database",
            ["egress", "--data", "data", "--out", "answers", "--db", "notes.txt"], f => { f.CopyEgress(); f.Write("notes.txt", "keep me\n"); }),
        new("--db on a DuckDB file names the engine", 2, "it is not a duckdb database",
            ["egress", "--engine", "duckdb", "--data", "data", "--out", "answers", "--db", "notes.txt"], f => { f.CopyEgress(); f.Write("notes.txt", "keep me\n"); }),

        // 2. --lenient bounded: a stray quote costs its own line, strict mode stops there.
        new("stray quote under --lenient costs its line", 0, "subscription_items.csv:11: a quote opens a field that the line does not close",
            ["arr", "--accounts", "gen/accounts.csv", "--subscriptions", "gen/subscriptions.csv", "--items", "gen/subscription_items.csv", "--as-of", AsOf, "--out", "lenient.csv", "--lenient"],
            f => { f.Generate("gen"); f.StrayQuote("gen/subscription_items.csv", 11); },
            Then: SameAsWithoutLine11Async),
        new("stray quote in strict mode fails at its line", 1, "subscription_items.csv:11",
            ["arr", "--accounts", "gen/accounts.csv", "--subscriptions", "gen/subscriptions.csv", "--items", "gen/subscription_items.csv", "--as-of", AsOf, "--out", "strict.csv"],
            f => { f.Generate("gen"); f.StrayQuote("gen/subscription_items.csv", 11); }),

        // 3. Failures that were stack traces.
        new("egress --out an existing file", 2, "answers.txt is a file, and a folder is expected",
            ["egress", "--data", "data", "--out", "answers.txt"], f => { f.CopyEgress(); f.Write("answers.txt", "x\n"); }),
        new("egress --out in a read-only folder", 1, "cannot create the folder /sys/kernel/workbook-answers: permission denied",
            ["egress", "--data", "data", "--out", "/sys/kernel/workbook-answers"], f => f.CopyEgress()),
        // Every output is checked before any input is read: a bad --out never leaves a --db (or the other output) written.
        new("egress --out an existing file, with a new --db", 2, "answers.txt is a file, and a folder is expected",
            ["egress", "--data", "data", "--out", "answers.txt", "--db", "answers.db"], f => { f.CopyEgress(); f.Write("answers.txt", "x\n"); }),
        new("egress --out an existing file, with an existing --db", 2, "answers.txt is a file, and a folder is expected",
            ["egress", "--data", "data", "--out", "answers.txt", "--db", "kept.db"], f => { f.CopyEgress(); f.Write("answers.txt", "x\n"); f.SqliteDatabase("kept.db"); }),
        new("egress --out in a read-only folder, with --db", 1, "cannot create the folder /sys/kernel/workbook-answers: permission denied",
            ["egress", "--data", "data", "--out", "/sys/kernel/workbook-answers", "--db", "kept.db"], f => { f.CopyEgress(); f.SqliteDatabase("kept.db"); }),
        new("egress --db in a read-only folder", 1, "cannot write /sys/kernel/answers.db: permission denied",
            ["egress", "--data", "data", "--out", "answers", "--db", "/sys/kernel/answers.db"], f => f.CopyEgress()),
        new("arr --details in a read-only folder", 1, "cannot write /sys/kernel/details.csv: permission denied", Arr("out.csv", "--details", "/sys/kernel/details.csv")),
        new("arr movements with its second file a folder", 2, $"cannot write m/{ArrMovementsOutput.MovementsFile}: it is a folder",
            ["arr", "movements", "--accounts", Accounts, "--subscriptions", Subscriptions, "--items", Items, "--from", "2023-01", "--to", "2023-06", "--out", "m"],
            f => Directory.CreateDirectory(f.Path($"m/{ArrMovementsOutput.MovementsFile}"))),
        new("arr --out in a read-only folder", 1, "cannot write /sys/kernel/accounts.csv: permission denied", Arr("/sys/kernel/accounts.csv")),
        new("arr --out an existing folder", 2, "cannot write arr: it is a folder", Arr("arr")),
        new("egress --db a folder", 2, "cannot write the database data: it is a folder",
            ["egress", "--data", "data", "--out", "answers", "--db", "data"], f => f.CopyEgress()),
        new("customer-summary --out a folder", 2, "cannot write data: it is a folder",
            ["customer-summary", "--data", "data", "--out", "data"], f => f.CopyEgress()),
        new("a field over the CSV reader's limit", 1, "accounts.csv:11: a row longer than the CSV reader's limit",
            Arr("out.csv"), f => f.Append(Accounts, Encoding.ASCII.GetBytes("big,," + new string('a', 17_000_000) + ",,,\n"))),
        new("an item ARR beyond decimal", 1, "subscription_items.csv:2: column 'quantity': quantity × list_price × (1 − discount) is over",
            Arr("out.csv"), f => f.ReplaceInLine(Items, 2, ",2000,", ",7900000000000000000000000000,")),
        new("an item ARR beyond decimal under --lenient", 0, "subscription_items.csv:2: column 'quantity'",
            Arr("out.csv", "--lenient"), f => f.ReplaceInLine(Items, 2, ",2000,", ",7900000000000000000000000000,")),
        new("--timeout 1.5", 2, "'--timeout'", ["customer-summary", "--out", "s.csv", "--timeout", "1.5"]),
        new("--concurrency abc", 2, "'--concurrency'", ["customer-summary", "--out", "s.csv", "--concurrency", "abc"]),
        new("sandbox --port abc", 2, "'--port'", ["sandbox", "--port", "abc"]),
        new("sandbox --latency-ms x", 2, "'--latency-ms'", ["sandbox", "--latency-ms", "x"]),
        new("generate arr --accounts abc", 2, "'--accounts'", ["generate", "arr", "--out", "gen", "--accounts", "abc"]),

        // 4. generate is bounded.
        new("generate arr --accounts 99999999999", 2, "--accounts must be between 1 and 100000000", ["generate", "arr", "--out", "gen", "--accounts", "99999999999"]),
        new("generate egress beyond the free disk space", 1, "generating 100,000 customers needs about 2500.6 GB in gen",
            ["generate", "egress", "--out", "gen", "--customers", "100000", "--events-per-customer", "100000"]),

        // 5. Encodings.
        new("Windows-1252 text in accounts.csv", 1, "accounts.csv:11: character 12: invalid UTF-8 (bytes E9)",
            Arr("out.csv"), f => f.Append(Accounts, [.. "extra,,Soci"u8, .. Windows1252E, .. "t,,,\n"u8])),
        new("Windows-1252 text in the export", 1, "customer.csv:2: character",
            ["egress", "--data", "data", "--out", "answers"], f => { f.CopyEgress(); f.InsertBytes(Export("customer"), 2, Windows1252E); }),
        new("Windows-1252 text in items under --lenient", 0, "subscription_items.csv:3: character 1: invalid UTF-8",
            Arr("out.csv", "--lenient"), f => f.InsertBytes(Items, 3, Windows1252E)),
        new("Windows-1252 text in subscriptions, strict", 1, "subscriptions.csv:2: character 1: invalid UTF-8",
            Arr("out.csv"), f => f.InsertBytes(Subscriptions, 2, Windows1252E)),
        new("UTF-16 LE accounts.csv", 1, "arr/accounts.csv:1: character 1: the file is UTF-16 (byte-order mark FF FE); save it as UTF-8",
            Arr("out.csv"), f => f.Reencode(Accounts, Encoding.Unicode)),
        new("UTF-16 BE items under --lenient", 1, "arr/subscription_items.csv:1: character 1: the file is UTF-16 (byte-order mark FE FF); save it as UTF-8",
            Arr("out.csv", "--lenient"), f => f.Reencode(Items, Encoding.BigEndianUnicode)),
        new("UTF-16 text in the export", 1, "customer.csv:1: character 1: the file is UTF-16 (byte-order mark FF FE); save it as UTF-8",
            ["egress", "--data", "data", "--out", "answers"], f => { f.CopyEgress(); f.Reencode(Export("customer"), Encoding.Unicode); }),
        new("a byte-order mark is accepted", 0, "wrote out.csv", Arr("out.csv"), f => f.InsertBytes(Accounts, 1, [0xEF, 0xBB, 0xBF])),

        // 7. The smaller ones.
        new("a duplicated header column is on line 1", 1, "accounts.csv:1: column 'name': the header names this column twice",
            Arr("out.csv"), f => f.ReplaceInLine(Accounts, 1, "name", "name,name")),
        new("--out and --details the same file", 2, "--details same.csv is the same file as --out same.csv", Arr("same.csv", "--details", "same.csv")),
        new("control characters in a header are escaped", 1, "column 'parent_id': missing column (the header has: id, \\u001B[31mparent_id, name",
            Arr("out.csv"), f => f.ReplaceInLine(Accounts, 1, "parent_id", "\u001b[31mparent_id")),
        new("egress --data a missing folder", 2, "--data nowhere: no such folder", ["egress", "--data", "nowhere"]),
        new("customer-summary --data a missing folder", 2, "--data nowhere: no such folder", ["customer-summary", "--data", "nowhere", "--out", "s.csv"]),
        new("sandbox --data a missing folder", 2, "--data nowhere: no such folder", ["sandbox", "--data", "nowhere"]),

        // 6. A notebook's kernel that ends is that notebook's error, in its cell; the next notebook still runs.
        new("a notebook cell calls Environment.Exit(3)", 1,
            "error: nb/a-exits.ipynb: cell 2 (id c0000001): The kernel process exited with code 3 while this cell ran; the rest of the notebook was not run.",
            ["notebooks", "run", "nb/a-exits.ipynb", "nb/b-next.ipynb", "--out", "ran"],
            f => { f.Notebook("nb/a-exits.ipynb", "1 + 1", "Console.WriteLine(\"leaving\"); Environment.Exit(3);", "2 + 2"); f.Notebook("nb/b-next.ipynb", "40 + 2"); },
            Then: (f, result) => KernelEndedInCellAsync(f, result, "ran/a-exits.ipynb", cell: 1, "The kernel process exited with code 3 while this cell ran"),
            Outputs: ["ran/a-exits.ipynb", "ran/b-next.ipynb"]),
        // FailFast aborts the process: SIGABRT, which the runtime reports as exit code 128 + 6, with its crash report.
        new("a notebook cell calls Environment.FailFast", 1,
            "error: nb/a-crashes.ipynb: cell 1 (id c0000000): The kernel process exited with code 134 while this cell ran",
            ["notebooks", "run", "nb/a-crashes.ipynb", "nb/b-next.ipynb", "--out", "ran"],
            f => { f.Notebook("nb/a-crashes.ipynb", "Environment.FailFast(\"the kernel gave up\");", "1 + 1"); f.Notebook("nb/b-next.ipynb", "40 + 2"); },
            Then: (f, result) => KernelEndedInCellAsync(f, result, "ran/a-crashes.ipynb", cell: 0, "The kernel process exited with code 134 while this cell ran", "the kernel gave up"),
            Outputs: ["ran/a-crashes.ipynb", "ran/b-next.ipynb"]),

        // Cases that already held.
        new("a missing input file", 1, "arr/missing.csv: file not found",
            ["arr", "--accounts", "arr/missing.csv", "--subscriptions", Subscriptions, "--items", Items, "--as-of", AsOf, "--out", "out.csv"]),
        new("a renamed column", 1, "subscription_items.csv:1: column 'quantity': missing column", Arr("out.csv"), f => f.ReplaceInLine(Items, 1, "quantity", "qty")),
        new("a truncated quoted field", 1, "subscriptions.csv:3: a quoted field is never closed", Arr("out.csv"), f => f.ReplaceInLine(Subscriptions, 3, "sub-", "\"sub-")),
        new("a duplicate id", 1, "subscriptions.csv:7: column 'id': duplicate subscription id 'sub-usa' (first on line 2)", Arr("out.csv"), f => f.Append(Subscriptions, Encoding.UTF8.GetBytes(File.ReadAllLines(f.Path(Subscriptions))[1] + "\n"))),
        new("a bad date", 1, "subscriptions.csv:2: column 'start_date': '2023-02-30' is not a date", Arr("out.csv"), f => f.ReplaceInLine(Subscriptions, 2, "2023-01-01", "2023-02-30")),
        new("a bad number", 1, "subscription_items.csv:2: column 'quantity': 'lots' is not a number", Arr("out.csv"), f => f.ReplaceInLine(Items, 2, ",2000,", ",lots,")),
        new("an unknown command", 2, "no-such-command", ["no-such-command"]),
        new("a missing required option", 2, "--out", ["arr", "--accounts", Accounts, "--subscriptions", Subscriptions, "--items", Items]),
        new("a bad --as-of", 2, "--as-of '30/06/2023' is not a date",
            ["arr", "--accounts", Accounts, "--subscriptions", Subscriptions, "--items", Items, "--as-of", "30/06/2023", "--out", "out.csv"]),
        new("--db with postgres", 2, "--db is for --engine sqlite or duckdb", ["egress", "--engine", "postgres", "--connection", "Host=nowhere", "--db", "x.db"]),
        new("a clean run", 0, "total ARR:      $45,086.63", Arr("out.csv")),
    ];

    public static TheoryData<string> Names => [.. Cases.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Keeps_the_contract(string name)
    {
        var test = Cases.Single(c => c.Name == name);
        using var fixture = new Fixture();
        test.Arrange?.Invoke(fixture);
        var before = fixture.Snapshot();
        var foldersBefore = fixture.Folders();

        var result = await CliProcess.RunAsync(fixture.Root, test.Args);

        Assert.True(test.Exit == result.ExitCode, $"exit {result.ExitCode}, expected {test.Exit}\nstdout: {result.Out}\nstderr: {Head(result.Err)}");
        Assert.DoesNotContain(result.Err, c => char.IsControl(c) && c is not '\n' and not '\r');
        Assert.DoesNotContain("Unhandled exception", result.Err, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(?m)^\s+at \S", result.Err);
        var errors = result.Err.Split('\n').Where(line => line.StartsWith("error: ", StringComparison.Ordinal)).ToList();
        if (test.Exit == 0)
        {
            Assert.Empty(errors);
            Assert.Contains(test.Expect, result.Out, StringComparison.Ordinal);
        }
        else
        {
            var error = Assert.Single(errors);
            Assert.Contains(test.Expect, error, StringComparison.Ordinal);
        }

        var after = fixture.Snapshot();
        foreach (var (path, state) in before)
        {
            Assert.True(after.TryGetValue(path, out var now) && now == state, $"{path} was modified or replaced");
        }

        if (test.Exit != 0)
        {
            Assert.Equal([.. (test.Outputs ?? []).Order(StringComparer.Ordinal)], after.Keys.Except(before.Keys).Order(StringComparer.Ordinal));
            // Nor a folder, but the written outputs' own.
            Assert.Equal([.. (test.Outputs ?? []).Select(output => System.IO.Path.GetDirectoryName(output)!).Distinct().Order(StringComparer.Ordinal)],
                fixture.Folders().Except(foldersBefore).Order(StringComparer.Ordinal));
        }

        Assert.Empty(Directory.EnumerateFiles(fixture.Root, "*.tmp", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }));
        if (test.Then is { } then)
        {
            await then(fixture, result);
        }
    }

    /// <summary>The lenient run wrote what a clean run of the same file without line 11 writes: only that line was lost.</summary>
    private static async Task SameAsWithoutLine11Async(Fixture fixture, CliProcess.Result lenient)
    {
        var lines = File.ReadAllLines(fixture.Path("gen/subscription_items.csv"));
        fixture.Write("clean/subscription_items.csv", string.Join("\n", lines.Where((_, i) => i != 10)) + "\n");
        var clean = await CliProcess.RunAsync(fixture.Root, "arr", "--accounts", "gen/accounts.csv", "--subscriptions", "gen/subscriptions.csv",
            "--items", "clean/subscription_items.csv", "--as-of", AsOf, "--out", "clean.csv");

        Assert.Equal(0, clean.ExitCode);
        Assert.Contains("1 bad row skipped", lenient.Out, StringComparison.Ordinal);
        Assert.Contains("lines skipped in gen/subscription_items.csv: 11\n", lenient.Out, StringComparison.Ordinal);
        Assert.Equal(Line(clean.Out, "total ARR:"), Line(lenient.Out, "total ARR:"));
        Assert.Equal(File.ReadAllBytes(fixture.Path("clean.csv")), File.ReadAllBytes(fixture.Path("lenient.csv")));
        Assert.Contains($"{lines.Length - 1} subscription items", lenient.Out, StringComparison.Ordinal); // rows read, the skipped one included
        Assert.Contains($"{lines.Length - 2} subscription items", clean.Out, StringComparison.Ordinal);
    }

    /// <summary>
    /// The notebook whose kernel ended carries the earlier cells' outputs, an error output in that cell and nothing after it; the run's next
    /// notebook (b-next.ipynb, "40 + 2") still ran.
    /// </summary>
    private static Task KernelEndedInCellAsync(Fixture fixture, CliProcess.Result result, string written, int cell, params string[] error)
    {
        var cells = NotebookFixtures.CodeCells(NotebookFixtures.Json(fixture.Path(written)));
        var output = Assert.Single(NotebookFixtures.Outputs(cells[cell]));
        Assert.Equal("error", output["output_type"]!.GetValue<string>());
        foreach (var text in error)
        {
            Assert.Contains(text, output["evalue"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        Assert.All(cells.Take(cell), earlier => Assert.NotEmpty(NotebookFixtures.Outputs(earlier)));
        Assert.All(cells.Skip(cell + 1), later => Assert.Null(later["execution_count"]));
        Assert.Contains($"{cell + 1} code cells run, 1 with errors, {cells.Count - cell - 1} not run", result.Out, StringComparison.Ordinal);
        Assert.Contains("nb/b-next.ipynb: 1 code cells run, 0 with errors -> ran/b-next.ipynb", result.Out, StringComparison.Ordinal);
        var next = NotebookFixtures.CodeCells(NotebookFixtures.Json(fixture.Path("ran/b-next.ipynb")));
        Assert.Contains("<pre>42</pre>", NotebookFixtures.Data(Assert.Single(NotebookFixtures.Outputs(next[0])), "text/html"), StringComparison.Ordinal);
        return Task.CompletedTask;
    }

    private static string Line(string text, string start) => text.Split('\n').Single(line => line.TrimStart().StartsWith(start, StringComparison.Ordinal));

    private static string Head(string text) => text.Length > 2000 ? text[..2000] : text;

    /// <summary>A case's folder: the commands run in it, with relative paths.</summary>
    public sealed class Fixture : IDisposable
    {
        private readonly TempDir _dir = new();

        public Fixture()
        {
            var example = RepoPaths.TryFind("arr-data/example") ?? throw new InvalidOperationException("arr-data/example not found");
            foreach (var file in new[] { ArrInputs.AccountsFile, ArrInputs.SubscriptionsFile, ArrInputs.ItemsFile })
            {
                Directory.CreateDirectory(Path("arr"));
                File.Copy(System.IO.Path.Combine(example, file), Path($"arr/{file}"));
            }
        }

        public string Root => _dir.Path;

        public string Path(string relative) => System.IO.Path.Combine(Root, relative);

        public void Write(string relative, string text) => _dir.Write(relative, text);

        public void CopyEgress()
        {
            Directory.CreateDirectory(Path("data"));
            foreach (var file in Directory.GetFiles(SharedData.EgressDir, "*.csv"))
            {
                File.Copy(file, Path($"data/{System.IO.Path.GetFileName(file)}"));
                File.SetAttributes(Path($"data/{System.IO.Path.GetFileName(file)}"), FileAttributes.Normal);
            }
        }

        public void Generate(string folder) => ArrGenerator.Write(Path(folder), 3_000, seed: 7);

        /// <summary>A notebook of C# cells at <paramref name="relative"/>.</summary>
        public void Notebook(string relative, params string[] sources)
        {
            var folder = System.IO.Path.GetDirectoryName(Path(relative))!;
            Directory.CreateDirectory(folder);
            NotebookFixtures.Write(folder, System.IO.Path.GetFileName(relative), sources);
        }

        /// <summary>A real SQLite database with one table, as a previous --db run leaves.</summary>
        public void SqliteDatabase(string relative)
        {
            using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path(relative)};Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE kept (id INTEGER); INSERT INTO kept VALUES (1);";
            command.ExecuteNonQuery();
        }

        public void Symlink(string link, string target) => Directory.CreateSymbolicLink(Path(link), target);

        public void HardLink(string link, string target)
        {
            var (exit, _, error) = ExternalProgram.RunAsync("ln", [Path(target), Path(link)], TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
            Assert.True(exit == 0, error);
        }

        public void Append(string relative, byte[] bytes)
        {
            using var file = new FileStream(Path(relative), FileMode.Append);
            file.Write(bytes);
        }

        /// <summary>Puts <paramref name="bytes"/> at the start of 1-based line <paramref name="line"/>.</summary>
        public void InsertBytes(string relative, int line, byte[] bytes)
        {
            var content = File.ReadAllBytes(Path(relative));
            var at = 0;
            for (var i = 1; i < line; i++)
            {
                at = Array.IndexOf(content, (byte)'\n', at) + 1;
            }

            File.WriteAllBytes(Path(relative), [.. content[..at], .. bytes, .. content[at..]]);
        }

        /// <summary>Rewrites a UTF-8 file in <paramref name="encoding"/>, with its byte-order mark, as a spreadsheet's "Unicode text" does.</summary>
        public void Reencode(string relative, Encoding encoding) =>
            File.WriteAllBytes(Path(relative), [.. encoding.GetPreamble(), .. encoding.GetBytes(File.ReadAllText(Path(relative), AtomicFile.Utf8))]);

        public void ReplaceInLine(string relative, int line, string old, string replacement)
        {
            var lines = File.ReadAllText(Path(relative)).Split('\n');
            Assert.Contains(old, lines[line - 1], StringComparison.Ordinal);
            var at = lines[line - 1].IndexOf(old, StringComparison.Ordinal);
            lines[line - 1] = lines[line - 1][..at] + replacement + lines[line - 1][(at + old.Length)..];
            File.WriteAllText(Path(relative), string.Join('\n', lines), AtomicFile.Utf8);
        }

        /// <summary>The issue's stray quote: `,2023-06-…` becomes `,2023" -06-…` in the line's first date.</summary>
        public void StrayQuote(string relative, int line) => ReplaceInLine(relative, line, ",20", ",20\" ");

        /// <summary>Every folder under the case's folder (links not followed).</summary>
        public HashSet<string> Folders() =>
        [
            .. Directory.EnumerateDirectories(Root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint })
                .Select(folder => System.IO.Path.GetRelativePath(Root, folder)),
        ];

        /// <summary>Every file under the folder (links not followed): its content hash and its identity.</summary>
        public Dictionary<string, (string Hash, FileIdentity? Identity)> Snapshot()
        {
            var files = Directory.EnumerateFiles(Root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint });
            return files.ToDictionary(file => System.IO.Path.GetRelativePath(Root, file),
                file => (Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file))), FileIdentity.Of(file)));
        }

        public void Dispose() => _dir.Dispose();
    }
}
