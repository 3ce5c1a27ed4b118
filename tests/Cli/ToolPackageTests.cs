using Workbook.Core;
using Workbook.Tests.Notebooks;

namespace Workbook.Tests.Cli;

/// <summary>
/// The README's .NET tool: `dotnet pack tools/workbook`, `dotnet tool install --tool-path`, then `workbook notebooks
/// run` through the installed tool, whose notebook kernel (a child process) must be in the package beside it. Alone
/// in the notebook runs' collection: packing rebuilds the library, which republishes the notebooks' package they restore.
/// </summary>
[Collection(NotebookRunCollection.Name)]
public class ToolPackageTests
{
    [Fact]
    public async Task The_installed_tool_runs_a_notebook_in_its_own_packaged_kernel()
    {
        using var dir = new TempDir();
        var root = RepoPaths.TryFindRoot()!;
        // Into the README's artifacts/package/release; without ReadyToRun, which precompiles the same files (the
        // composite build takes minutes): the package's layout is the same.
        var (packed, packOut, packError) = await ExternalProgram.RunAsync("dotnet",
            ["pack", Path.Combine(root, "tools", "workbook", "Workbook.Cli.csproj"), "-c", "Release", "-p:PublishReadyToRun=false", "--nologo"], TimeSpan.FromMinutes(10));
        Assert.True(packed == 0, packOut + packError);

        var (installed, installOut, installError) = await ExternalProgram.RunAsync("dotnet",
            ["tool", "install", "--tool-path", dir.File("tool"), "--add-source", Path.Combine(root, "artifacts", "package", "release"), "Workbook.Cli"], TimeSpan.FromMinutes(5));
        Assert.True(installed == 0, installOut + installError);

        Directory.CreateDirectory(dir.File("nb"));
        var notebook = NotebookFixtures.Write(dir.File("nb"), "small.ipynb", "40 + 2", "System.Environment.ProcessPath");
        var (exit, output, error) = await ExternalProgram.RunAsync(dir.File("tool/workbook"),
            ["notebooks", "run", notebook, "--out", dir.File("ran")], TimeSpan.FromMinutes(5));

        Assert.True(exit == 0, output + error);
        Assert.Contains("small.ipynb: 2 code cells run, 0 with errors", output, StringComparison.Ordinal);
        var cells = NotebookFixtures.CodeCells(NotebookFixtures.Json(dir.File("ran/small.ipynb")));
        Assert.Contains("<pre>42</pre>", NotebookFixtures.Data(Assert.Single(NotebookFixtures.Outputs(cells[0])), "text/html"), StringComparison.Ordinal);
        // The kernel that ran the cells is the package's, installed beside the tool.
        var kernel = NotebookFixtures.Data(Assert.Single(NotebookFixtures.Outputs(cells[1])), "text/plain");
        Assert.StartsWith(Path.Combine(dir.File("tool"), ".store", "workbook.cli"), kernel, StringComparison.Ordinal);
        Assert.EndsWith("/workbook-kernel", kernel, StringComparison.Ordinal);
    }
}
