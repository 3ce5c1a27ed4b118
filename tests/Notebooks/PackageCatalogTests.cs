using Workbook.Notebooks.Running;

namespace Workbook.Tests.Notebooks;

public class PackageCatalogTests
{
    private const string DepsJson = """
        {
          "runtimeTarget": { "name": ".NETCoreApp,Version=v10.0" },
          "targets": {
            ".NETCoreApp,Version=v10.0": {
              "Workbook.Library/1.0.0": { "dependencies": { "Polly.Core": "8.9.1" }, "runtime": { "Workbook.Library.dll": {} } },
              "Microsoft.Data.Sqlite.Core/6.0.7": { "dependencies": { "SQLitePCLRaw.core": "2.0.6" }, "runtime": { "lib/net6.0/Microsoft.Data.Sqlite.dll": {} } },
              "SQLitePCLRaw.core/2.0.6": { "runtime": { "lib/netstandard2.0/SQLitePCLRaw.core.dll": {} } },
              "Polly.Core/8.9.1": { "runtime": { "lib/net8.0/Polly.Core.dll": {} } }
            }
          },
          "libraries": {
            "Workbook.Library/1.0.0": { "type": "project" },
            "Microsoft.Data.Sqlite.Core/6.0.7": { "type": "package" },
            "SQLitePCLRaw.core/2.0.6": { "type": "package" },
            "Polly.Core/8.9.1": { "type": "package" }
          }
        }
        """;

    [Fact]
    public void Packages_come_from_the_deps_file_with_their_assemblies_and_projects_are_not_packages()
    {
        var catalog = PackageCatalog.FromDepsJson(DepsJson);

        Assert.Equal(["Microsoft.Data.Sqlite.Core", "Polly.Core", "SQLitePCLRaw.core"], catalog.Packages.Select(p => p.Name));
        var sqlite = catalog.Find("microsoft.data.sqlite.core", "6.0.7", out var problem)!;
        Assert.Null(problem);
        Assert.Equal(["Microsoft.Data.Sqlite"], sqlite.AssemblyNames);
        Assert.Null(catalog.Find("Workbook.Library"));
    }

    [Fact]
    public void An_unknown_package_or_another_version_is_refused_with_what_is_available()
    {
        var catalog = PackageCatalog.FromDepsJson(DepsJson);

        Assert.Null(catalog.Find("Newtonsoft.Json", "13.0.3", out var unknown));
        Assert.Equal(
            "package 'Newtonsoft.Json' is not among the workbook's restored dependencies, and the runner cannot download packages. "
            + "Available: Microsoft.Data.Sqlite.Core 6.0.7, Polly.Core 8.9.1, SQLitePCLRaw.core 2.0.6",
            unknown);
        Assert.Null(catalog.Find("Polly.Core", "8.0.0", out var version));
        Assert.Equal("the workbook restores Polly.Core 8.9.1, not 8.0.0: pin 8.9.1 in the notebook", version);
    }

    [Fact]
    public void A_package_loads_with_its_dependencies_from_the_running_program()
    {
        var catalog = PackageCatalog.ForRunningProgram();

        var sqlite = catalog.Find("Microsoft.Data.Sqlite.Core", "6.0.7", out _)!;
        var names = catalog.Load(sqlite).Select(a => a.GetName().Name).ToList();

        Assert.Contains("Microsoft.Data.Sqlite", names);
        Assert.Contains("SQLitePCLRaw.core", names);
        Assert.Same(typeof(Microsoft.Data.Sqlite.SqliteConnection).Assembly, catalog.Load(sqlite)[0]);
    }
}
