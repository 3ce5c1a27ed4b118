using Workbook.Core;

namespace Workbook.Egress;

/// <summary>Where the data export is read from.</summary>
public static class EgressDataFolder
{
    public const string EnvironmentVariable = "WORKBOOK_EGRESS_DIR";

    /// <summary>The repository folder where a user drops the exercise's files.</summary>
    public const string RepoFolder = "sample-egress-data";

    /// <summary>
    /// <c>--data DIR</c>, else the <c>WORKBOOK_EGRESS_DIR</c> environment variable, else the repository's
    /// <c>sample-egress-data/</c> when it holds the nine files; otherwise a <see cref="WorkbookException"/>
    /// that says how to get data. A folder given explicitly must exist (its files are checked by the loader).
    /// </summary>
    public static string Resolve(string? dataOption, Func<string, string?> getEnvironmentVariable) =>
        Resolve(dataOption, getEnvironmentVariable, RepoPaths.TryFind(RepoFolder));

    /// <summary>As <see cref="Resolve(string?, Func{string, string?})"/>, with the repository folder given (for tests).</summary>
    internal static string Resolve(string? dataOption, Func<string, string?> getEnvironmentVariable, string? repoFolder)
    {
        if (!string.IsNullOrWhiteSpace(dataOption))
        {
            return Existing(dataOption, "--data");
        }

        if (getEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment)
        {
            return Existing(fromEnvironment, EnvironmentVariable);
        }

        if (repoFolder is not null && EgressExport.IsComplete(repoFolder))
        {
            return repoFolder;
        }

        throw new WorkbookException(
            "no Metronome data export found. Pass --data DIR, set " + EnvironmentVariable +
            $", or copy the exercise's nine CSV files into {RepoFolder}/ (see {RepoFolder}/README.md); " +
            "without the exercise data, run 'workbook generate egress --out DIR' and pass --data DIR.");
    }

    private static string Existing(string folder, string source) =>
        Directory.Exists(folder)
            ? Path.GetFullPath(folder)
            : throw new WorkbookException($"the data folder given by {source} does not exist: {folder}");
}
