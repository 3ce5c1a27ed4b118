using Workbook.Metronome;

namespace Workbook.Tests.Metronome;

/// <summary>The client is a project of its own: what it is compiled against is the boundary, not a search of its text.</summary>
public class ClientBoundaryTests
{
    [Fact]
    public void The_client_assembly_references_only_the_core_polly_and_the_runtime()
    {
        var references = typeof(MetronomeClient).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.Contains("Workbook.Core", references);
        Assert.All(references, name => Assert.True(
            name is "Workbook.Core" or "Polly.Core" or "netstandard" || name.StartsWith("System.", StringComparison.Ordinal) || name == "System",
            $"Workbook.Metronome references {name}"));
    }
}
