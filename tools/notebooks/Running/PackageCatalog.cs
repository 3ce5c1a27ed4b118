using System.Reflection;
using System.Text.Json;

namespace Workbook.Notebooks.Running;

/// <summary>
/// The NuGet packages the running program was built with, read from its .deps.json: what a notebook's
/// <c>#r "nuget: Name, Version"</c> can bind to, since no package can be downloaded at run time. A package resolves
/// to its runtime assemblies and those of its dependencies, loaded from the program's own folder.
/// </summary>
internal sealed class PackageCatalog
{
    private readonly Dictionary<string, Package> _packages;

    private PackageCatalog(Dictionary<string, Package> packages) => _packages = packages;

    public sealed record Package(string Name, string Version, IReadOnlyList<string> AssemblyNames, IReadOnlyList<string> Dependencies);

    public IEnumerable<Package> Packages => _packages.Values.OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The catalog of the running program (the CLI, or the test host in tests): its own .deps.json, the first of
    /// APP_CONTEXT_DEPS_FILES (the others describe the shared frameworks, not packages).
    /// </summary>
    public static PackageCatalog ForRunningProgram()
    {
        var own = (AppContext.GetData("APP_CONTEXT_DEPS_FILES") as string ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return new PackageCatalog(own is not null && File.Exists(own) ? Parse(File.ReadAllText(own)) : new(StringComparer.OrdinalIgnoreCase));
    }

    internal static PackageCatalog FromDepsJson(string json) => new(Parse(json));

    public Package? Find(string name) => _packages.GetValueOrDefault(name);

    /// <summary>
    /// The package, checked against the pinned version; null with a message naming what is available when it is not
    /// among the program's packages or is restored at another version.
    /// </summary>
    public Package? Find(string name, string? version, out string? problem)
    {
        problem = null;
        if (!_packages.TryGetValue(name, out var package))
        {
            problem = $"package '{name}' is not among the workbook's restored dependencies, and the runner cannot download packages. "
                + $"Available: {string.Join(", ", Packages.Select(p => $"{p.Name} {p.Version}"))}";
            return null;
        }

        if (version is not null && !string.Equals(version, package.Version, StringComparison.OrdinalIgnoreCase))
        {
            problem = $"the workbook restores {package.Name} {package.Version}, not {version}: pin {package.Version} in the notebook";
            return null;
        }

        return package;
    }

    /// <summary>The runtime assemblies of a package and of everything it depends on, loaded into the default context.</summary>
    public IReadOnlyList<Assembly> Load(Package package)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var assemblies = new List<Assembly>();
        var pending = new Stack<Package>([package]);
        while (pending.TryPop(out var next))
        {
            if (!seen.Add(next.Name))
            {
                continue;
            }

            foreach (var assemblyName in next.AssemblyNames)
            {
                assemblies.Add(Assembly.Load(new AssemblyName(assemblyName)));
            }

            foreach (var dependency in next.Dependencies)
            {
                if (_packages.TryGetValue(dependency, out var dependent))
                {
                    pending.Push(dependent);
                }
            }
        }

        return assemblies;
    }

    private static Dictionary<string, Package> Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var packages = new Dictionary<string, Package>(StringComparer.OrdinalIgnoreCase);
        if (!root.TryGetProperty("runtimeTarget", out var runtimeTarget)
            || !runtimeTarget.TryGetProperty("name", out var targetName)
            || !root.TryGetProperty("targets", out var targets)
            || !targets.TryGetProperty(targetName.GetString()!, out var target)
            || !root.TryGetProperty("libraries", out var libraries))
        {
            return packages;
        }

        foreach (var library in target.EnumerateObject())
        {
            if (!libraries.TryGetProperty(library.Name, out var info)
                || !info.TryGetProperty("type", out var type) || type.GetString() != "package")
            {
                continue;
            }

            var slash = library.Name.IndexOf('/');
            var assemblies = library.Value.TryGetProperty("runtime", out var runtime)
                ? runtime.EnumerateObject().Select(a => Path.GetFileNameWithoutExtension(a.Name)).ToList()
                : [];
            var dependencies = library.Value.TryGetProperty("dependencies", out var deps)
                ? deps.EnumerateObject().Select(d => d.Name).ToList()
                : [];
            var package = new Package(library.Name[..slash], library.Name[(slash + 1)..], assemblies, dependencies);
            packages.TryAdd(package.Name, package);
        }

        return packages;
    }
}
