using System.Reflection;

namespace Workbook.Sql;

/// <summary>
/// SQL files embedded in the library (a folder's *.sql, plus &lt;engine&gt;/*.sql where an engine needs its own
/// text), read exactly as in the repository: the library runs these texts, the notebooks and tests show the same.
/// </summary>
/// <param name="resourcePrefix">The folder's embedded-resource prefix, e.g. "Workbook.Egress.Sql." (see lib/Workbook.Library.csproj).</param>
public sealed class SqlTexts(string resourcePrefix)
{
    private static readonly Assembly Assembly = typeof(SqlTexts).Assembly;

    /// <summary>The shared text of <paramref name="fileName"/>.</summary>
    public string Text(string fileName) =>
        TryText(resourcePrefix + fileName) ?? throw new ArgumentException($"no embedded SQL file named {fileName}", nameof(fileName));

    /// <summary>
    /// The text <paramref name="engine"/> runs for <paramref name="fileName"/>: its own file in &lt;engine&gt;/ where
    /// the dialects differ (that file says why), else the shared one.
    /// </summary>
    public string Text(string fileName, SqlEngine engine) =>
        (engine == SqlEngine.Sqlite ? null : TryText($"{resourcePrefix}{engine.Name()}.{fileName}")) ?? Text(fileName);

    /// <summary>True when <paramref name="engine"/> has its own text of <paramref name="fileName"/>.</summary>
    public bool HasOwnText(string fileName, SqlEngine engine) =>
        engine != SqlEngine.Sqlite && Assembly.GetManifestResourceInfo($"{resourcePrefix}{engine.Name()}.{fileName}") is not null;

    /// <summary>The names of the shared files.</summary>
    public IReadOnlyList<string> FileNames => Names("");

    /// <summary>The names of <paramref name="engine"/>'s own files.</summary>
    public IReadOnlyList<string> OwnFileNames(SqlEngine engine) => Names(engine.Name() + ".");

    private static string? TryText(string resource)
    {
        using var stream = Assembly.GetManifestResourceStream(resource);
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private List<string> Names(string folder) =>
        [.. Assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(resourcePrefix + folder, StringComparison.Ordinal))
            .Select(name => name[(resourcePrefix + folder).Length..])
            .Where(name => name.IndexOf('.') == name.LastIndexOf('.'))
            .Order(StringComparer.Ordinal)];
}
