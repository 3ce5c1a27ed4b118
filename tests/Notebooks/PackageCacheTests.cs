using System.Text.Json.Nodes;
using Workbook.Core;

namespace Workbook.Tests.Notebooks;

/// <summary>
/// A library change reaches the next notebook run although the package keeps its id and version (hosts cache a
/// package by both): the library's build evicts the stale copy from the global packages folder
/// (lib/NotebookPackage.targets). Checked end to end in an isolated build (its own artifacts folder, feed and
/// NUGET_PACKAGES) with the real engine process: build, run a cell, change the library, build, run again. The engine
/// runs with its own HOME too: its resolution cache (~/.packagemanagement) is per user, not per NUGET_PACKAGES, and
/// would otherwise hand it the user's own restored copy.
/// The change is the assembly's informational version (SourceRevisionId), which every build may set.
/// </summary>
[Collection(NotebookRunCollection.Name)]
public class PackageCacheTests
{
    private static readonly string Root = RepoPaths.TryFindRoot()!;

    [Fact]
    public async Task A_library_change_reaches_the_next_run_without_clearing_a_cache_by_hand()
    {
        using var temp = new TempDir();
        var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = temp.File("packages") };
        var engineEnvironment = new Dictionary<string, string>(environment) { ["HOME"] = Directory.CreateDirectory(temp.File("home")).FullName };
        var notebookFolder = Directory.CreateDirectory(temp.File("notebook")).FullName;
        File.WriteAllText(Path.Combine(notebookFolder, "NuGet.config"),
            $"""<configuration><packageSources><add key="feed" value="{temp.File("artifacts/notebook-feed")}" /></packageSources></configuration>""");
        var notebook = NotebookFixtures.Write(notebookFolder, "version.ipynb",
            "#r \"nuget: RevOpsWorkbook.Local, 1.0.0-local\"\n"
            + "System.Reflection.CustomAttributeExtensions.GetCustomAttribute<System.Reflection.AssemblyInformationalVersionAttribute>(typeof(Workbook.Core.AtomicFile).Assembly)!.InformationalVersion");

        var first = await BuildAsync(temp, environment, "first-build");
        Assert.DoesNotContain("removing the stale copy", first);
        Assert.EndsWith("+first-build", await RunAsync(notebook, engineEnvironment));

        var second = await BuildAsync(temp, environment, "second-build");
        Assert.Contains("RevOpsWorkbook.Local 1.0.0-local changed: removing the stale copy", second);
        Assert.EndsWith("+second-build", await RunAsync(notebook, engineEnvironment));

        // An unchanged library packs the same bytes: nothing is evicted, the restored copy stays.
        Assert.DoesNotContain("removing the stale copy", await BuildAsync(temp, environment, "second-build"));
    }

    private static async Task<string> BuildAsync(TempDir temp, Dictionary<string, string> environment, string revision)
    {
        var (exit, output, error) = await ExternalProgram.RunAsync("dotnet",
            ["build", Path.Combine(Root, "lib", "Workbook.Library.csproj"), "--nologo", "-v", "minimal",
             $"-p:ArtifactsPath={temp.File("artifacts")}", $"-p:PackageOutputPath={temp.File("artifacts/notebook-feed")}/", $"-p:SourceRevisionId={revision}"],
            TimeSpan.FromMinutes(10), environment);
        Assert.True(exit == 0, output + error);
        return output;
    }

    /// <summary>The notebook's one cell in a fresh `dotnet-interactive stdio` process; the text it returned.</summary>
    private static async Task<string> RunAsync(string notebook, Dictionary<string, string> environment)
    {
        var tool = Path.Combine(Root, "artifacts", "dotnet-interactive", "dotnet-interactive");
        Assert.True(File.Exists(tool), $"{tool} is missing: tests/run.sh installs it");
        var (exit, output, error) = await ExternalProgram.RunAsync("/usr/bin/python3",
            [Path.Combine(Root, "tests", "Notebooks", "clients", "stdio_run.py"), tool, notebook, "1"], TimeSpan.FromMinutes(5), environment);
        Assert.True(exit == 0, error);
        var cell = JsonNode.Parse(output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Single())!;
        Assert.True(cell["outcome"]!.GetValue<string>() == "CommandSucceeded", cell.ToJsonString());
        return cell["values"]!["text/plain"]!.GetValue<string>();
    }
}
