using System.Reflection;
using System.Runtime.Loader;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.PackageManagement;

namespace Workbook.Notebooks.Kernel;

/// <summary>
/// The engine VS Code's Polyglot Notebooks and the Jupyter kernel run, as this kernel process builds it: a composite kernel with the
/// C# kernel (aliases c# and C#), <c>#r "nuget: ..."</c> / <c>#i</c>, <c>display(...)</c> and value sharing. A package's
/// extensions (the DLLs in its interactive-extensions/dotnet/) are loaded when the package is added, as
/// dotnet-interactive does; unlike the tool, this host prints no "Loading extensions from PATH" line, so that no
/// machine path reaches a committed notebook. Packages are always restored, never taken from the engine's results
/// cache (~/.packagemanagement): that cache is per user and keyed by the package references alone, so it can hand a
/// notebook the workbook's package restored from another checkout or another packages folder.
/// </summary>
internal static class NotebookKernel
{
    public static CompositeKernel Create()
    {
        var root = new CompositeKernel();
        var csharp = new CSharpKernel()
            .UseNugetDirective(async (kernel, packages) =>
            {
                kernel.AddAssemblyReferences(packages.SelectMany(p => p.AssemblyPaths));
                foreach (var package in packages)
                {
                    await LoadExtensionsAsync(root, package.PackageRoot);
                }
            }, forceRestore: true)
            .UseKernelHelpers()
            .UseValueSharing();
        root.Add(csharp, ["c#", "C#"]);
        root.DefaultKernelName = csharp.Name;
        return root;
    }

    /// <summary>Every public <see cref="IKernelExtension"/> of every DLL in the package's interactive-extensions/dotnet/.</summary>
    private static async Task LoadExtensionsAsync(CompositeKernel root, string? packageRoot)
    {
        var folder = packageRoot is null ? null : Path.Combine(packageRoot, "interactive-extensions", "dotnet");
        if (folder is null || !Directory.Exists(folder))
        {
            return;
        }

        foreach (var file in Directory.GetFiles(folder, "*.dll").Order(StringComparer.Ordinal))
        {
            var assembly = LoadOnce(file);
            foreach (var type in assembly.ExportedTypes.Where(t => t is { IsAbstract: false, IsInterface: false, IsGenericTypeDefinition: false } && typeof(IKernelExtension).IsAssignableFrom(t)))
            {
                await ((IKernelExtension)Activator.CreateInstance(type)!).OnLoadAsync(root);
            }
        }
    }

    /// <summary>An extension assembly is loaded into the default context once per process, as the tool does.</summary>
    private static Assembly LoadOnce(string file)
    {
        var name = AssemblyName.GetAssemblyName(file);
        return AssemblyLoadContext.Default.Assemblies.FirstOrDefault(a => AssemblyName.ReferenceMatchesDefinition(a.GetName(), name) && a.GetName().Version == name.Version)
            ?? AssemblyLoadContext.Default.LoadFromAssemblyPath(file);
    }
}
