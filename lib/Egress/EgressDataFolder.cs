using Workbook.Core;

namespace Workbook.Egress;

/// <summary>Where the data export is read from.</summary>
public static class EgressDataFolder
{
    public const string EnvironmentVariable = "WORKBOOK_EGRESS_DIR";

    /// <summary>The repository folder where a user drops the exercise's files.</summary>
    public const string RepoFolder = "sample-egress-data";

    /// <summary>
    /// The exercise's shared folder beside the checkout (<c>../shared/sample-egress-data</c>), where the exercise
    /// environment and its CI keep the export: the last place looked, so a fresh clone there runs as is.
    /// </summary>
    public const string SharedFolder = "../shared/sample-egress-data";

    /// <summary>The default search, for help texts: where the export is looked for when --data is not given.</summary>
    public const string DefaultSearch = "$" + EnvironmentVariable + ", else " + RepoFolder + "/ in the repository, else " + SharedFolder + " beside it, when it holds the nine files";

    /// <summary>
    /// <c>--data DIR</c>, else the <c>WORKBOOK_EGRESS_DIR</c> environment variable, else the repository's
    /// <c>sample-egress-data/</c> when it holds the nine files, else <see cref="SharedFolder"/> when it holds them;
    /// otherwise a <see cref="WorkbookException"/> that says how to get data. A folder given explicitly must exist
    /// (its files are checked by the loader).
    /// </summary>
    public static string Resolve(string? dataOption, Func<string, string?> getEnvironmentVariable) =>
        Resolve(dataOption, getEnvironmentVariable, RepoPaths.TryFind(RepoFolder), RepoPaths.TryFind(SharedFolder));

    /// <summary>
    /// As <see cref="Resolve(string?, Func{string, string?})"/> without <c>--data</c>, but null rather than an error
    /// when no export is configured or found anywhere (run-all then generates one). A folder named by the environment
    /// that does not exist is still an error.
    /// </summary>
    public static string? TryResolve(Func<string, string?> getEnvironmentVariable) =>
        TryResolve(null, getEnvironmentVariable, RepoPaths.TryFind(RepoFolder), RepoPaths.TryFind(SharedFolder));

    /// <summary>As <see cref="Resolve(string?, Func{string, string?})"/>, with the repository's folders given (for tests).</summary>
    internal static string Resolve(string? dataOption, Func<string, string?> getEnvironmentVariable, string? repoFolder, string? sharedFolder = null) =>
        TryResolve(dataOption, getEnvironmentVariable, repoFolder, sharedFolder) ?? throw new WorkbookException(
            "no Metronome data export found. Pass --data DIR, set " + EnvironmentVariable +
            $", or copy the exercise's nine CSV files into {RepoFolder}/ (see {RepoFolder}/README.md); " +
            "without the exercise data, run 'workbook generate egress --out DIR' and pass --data DIR.");

    private static string? TryResolve(string? dataOption, Func<string, string?> getEnvironmentVariable, string? repoFolder, string? sharedFolder)
    {
        if (!string.IsNullOrWhiteSpace(dataOption))
        {
            return Existing(dataOption, "--data");
        }

        if (getEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment)
        {
            return Existing(fromEnvironment, EnvironmentVariable);
        }

        return new[] { repoFolder, sharedFolder }.FirstOrDefault(folder => folder is not null && EgressExport.IsComplete(folder)) is { } found
            ? Path.GetFullPath(found)
            : null;
    }

    private static string Existing(string folder, string source) =>
        Directory.Exists(folder)
            ? Path.GetFullPath(folder)
            : throw new WorkbookException($"the data folder given by {source} does not exist: {folder}");
}
