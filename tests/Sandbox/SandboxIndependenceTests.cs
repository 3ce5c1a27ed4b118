using System.Reflection;
using System.Text.RegularExpressions;
using Workbook.Core;

namespace Workbook.Tests.Sandbox;

/// <summary>
/// The sandbox is the client's independent check, so it must not share the client's model classes or JSON
/// settings (a field misnamed in one place would otherwise be misnamed on both sides).
/// </summary>
public class SandboxIndependenceTests
{
    private static string Root => RepoPaths.TryFindRoot() ?? throw new InvalidOperationException("not inside the checkout");

    [Fact]
    public void No_sandbox_source_file_mentions_the_client_namespace()
    {
        var files = Directory.GetFiles(Path.Combine(Root, "lib", "Sandbox"), "*.cs");
        Assert.NotEmpty(files);
        Assert.Empty(files.Where(f => File.ReadAllText(f).Contains("Workbook.Metronome", StringComparison.Ordinal)).Select(Path.GetFileName));
    }

    [Fact]
    public void No_sandbox_type_exposes_or_stores_a_client_type()
    {
        var sandboxTypes = typeof(Workbook.Sandbox.SandboxServer).Assembly.GetTypes().Where(t => t.Namespace == "Workbook.Sandbox").ToList();
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var used = sandboxTypes.SelectMany(t =>
                t.GetFields(all).Select(f => f.FieldType)
                    .Concat(t.GetProperties(all).Select(p => p.PropertyType))
                    .Concat(t.GetMethods(all).SelectMany(m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType)))
                    .Concat(t.GetConstructors(all).SelectMany(c => c.GetParameters().Select(p => p.ParameterType))))
            .SelectMany(Flatten)
            .Where(t => t.Namespace == "Workbook.Metronome")
            .Select(t => t.Name)
            .Distinct();
        Assert.Empty(used);
    }

    [Fact]
    public void No_sql_against_the_exports_tables_outside_lib_egress()
    {
        // tests/Egress holds the loader's own tests, which look at the tables it loads.
        var tables = "customer|customer_ingest_alias|plan|product|billable_metric|plan_charge|invoice|line_item|sub_line_item|events|metered_usage|metric_rule";
        var sql = new Regex($@"\b(FROM|JOIN|INTO|UPDATE)\s+({tables})\b", RegexOptions.IgnoreCase);
        var places = new[] { "lib", "tools", "tests" }
            .SelectMany(folder => Directory.GetFiles(Path.Combine(Root, folder), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => !Path.GetRelativePath(Root, f).StartsWith(Path.Combine("lib", "Egress"), StringComparison.Ordinal))
            .Where(f => !Path.GetRelativePath(Root, f).StartsWith(Path.Combine("tests", "Egress"), StringComparison.Ordinal))
            .Where(f => f != Path.Combine(Root, "tests", "Sandbox", "SandboxIndependenceTests.cs"))
            .Where(f => sql.IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(Root, f));
        Assert.Empty(places);
    }

    private static IEnumerable<Type> Flatten(Type type) =>
        type.IsGenericType ? type.GetGenericArguments().SelectMany(Flatten).Append(type)
        : type.HasElementType ? Flatten(type.GetElementType()!)
        : [type];
}
