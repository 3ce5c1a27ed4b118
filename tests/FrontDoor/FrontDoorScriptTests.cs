using Workbook.Core;

namespace Workbook.Tests.FrontDoor;

/// <summary>
/// `./workbook`, the README's way of running commands repeatedly: it runs the Release build directly and builds
/// only when the build is missing or older than the sources.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class FrontDoorScriptTests
{
    private static readonly string Root = RepoPaths.TryFindRoot()!;

    [Fact]
    public async Task On_a_built_checkout_it_runs_the_program_without_building()
    {
        var script = Path.Combine(Root, "workbook");
        // The first call builds when this checkout's Release build is missing or stale.
        var first = await ExternalProgram.RunAsync(script, ["--help"], TimeSpan.FromMinutes(20));
        Assert.True(first.Exit == 0, first.Err);

        var second = await ExternalProgram.RunAsync(script, ["--help"], TimeSpan.FromMinutes(1));

        Assert.Equal(0, second.Exit);
        Assert.DoesNotContain("building", second.Err);
        Assert.Contains("run-all", second.Out);
        Assert.Equal(first.Out, second.Out);
    }

    /// <summary>
    /// The staleness rule, on a copy of the script in a scratch checkout whose `dotnet` is a stand-in that records
    /// each build and writes a program echoing its arguments: the real build is what the test above runs.
    /// </summary>
    [Fact]
    public async Task It_builds_when_the_build_is_missing_or_a_source_is_newer_and_a_failed_build_stamps_nothing()
    {
        using var temp = new TempDir();
        var checkout = Directory.CreateDirectory(temp.File("checkout")).FullName;
        File.Copy(Path.Combine(Root, "workbook"), Path.Combine(checkout, "workbook"));
        File.SetUnixFileMode(Path.Combine(checkout, "workbook"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        foreach (var file in new[] { "lib/Money.cs", "tools/workbook/Program.cs", "Directory.Build.props", "Directory.Packages.props", "global.json" })
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(checkout, file))!);
            File.WriteAllText(Path.Combine(checkout, file), "");
            File.SetLastWriteTimeUtc(Path.Combine(checkout, file), DateTime.UtcNow.AddMinutes(-10));
        }

        var bin = Directory.CreateDirectory(temp.File("bin")).FullName;
        var builds = temp.File("builds.txt");
        var dotnet = Path.Combine(bin, "dotnet");
        File.WriteAllText(dotnet, $"""
            #!/bin/sh
            echo "$*" >> '{builds}'
            [ -f '{temp.File("fail")}' ] && exit 1
            exe='{checkout}/artifacts/bin/Workbook.Cli/release/workbook'
            mkdir -p "$(dirname "$exe")"
            printf '#!/bin/sh\necho "ran $*"\n' > "$exe"
            chmod +x "$exe"
            """.Replace("\r\n", "\n", StringComparison.Ordinal));
        File.SetUnixFileMode(dotnet, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var environment = new Dictionary<string, string> { ["PATH"] = $"{bin}:{Environment.GetEnvironmentVariable("PATH")}" };
        int Builds() => File.Exists(builds) ? File.ReadAllLines(builds).Length : 0;
        Task<(int Exit, string Out, string Err)> Run() =>
            ExternalProgram.RunAsync(Path.Combine(checkout, "workbook"), ["arr", "--as-of", "2023-06-30"], TimeSpan.FromMinutes(1), environment);

        var missing = await Run();
        Assert.Equal((0, "ran arr --as-of 2023-06-30\n"), (missing.Exit, missing.Out));
        Assert.Equal(1, Builds());
        Assert.Contains("build tools/workbook/Workbook.Cli.csproj -c Release", File.ReadAllText(builds).Replace(checkout + "/", "", StringComparison.Ordinal));

        Assert.Equal(0, (await Run()).Exit);
        Assert.Equal(1, Builds());

        File.SetLastWriteTimeUtc(Path.Combine(checkout, "lib/Money.cs"), DateTime.UtcNow.AddMinutes(1));
        Assert.Equal(0, (await Run()).Exit);
        Assert.Equal(2, Builds());

        File.SetLastWriteTimeUtc(Path.Combine(checkout, "Directory.Packages.props"), DateTime.UtcNow.AddMinutes(2));
        File.WriteAllText(temp.File("fail"), "");
        var failed = await Run();
        Assert.Equal(1, failed.Exit);
        Assert.Contains("error: the build failed", failed.Err);
        Assert.Equal("", failed.Out);
        Assert.False(File.Exists(Path.Combine(checkout, "artifacts", "workbook-release.stamp.new")));

        File.Delete(temp.File("fail"));
        Assert.Equal(0, (await Run()).Exit);
        Assert.Equal(4, Builds());
    }
}
