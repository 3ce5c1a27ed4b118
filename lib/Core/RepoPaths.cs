namespace Workbook.Core;

/// <summary>
/// Finds the workbook's own folders (sample-egress-data/, arr-data/, notebooks/) wherever the program is
/// started from: the current directory or any parent of it that holds Workbook.sln, else the same search
/// from the program's own location.
/// </summary>
public static class RepoPaths
{
    public const string MarkerFile = "Workbook.sln";

    /// <summary>The repository root, or null when the program runs outside a checkout.</summary>
    public static string? TryFindRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, MarkerFile)))
                {
                    return dir.FullName;
                }
            }
        }

        return null;
    }

    /// <summary>A folder of the repository (e.g. "arr-data"), or null outside a checkout.</summary>
    public static string? TryFind(string relative) =>
        TryFindRoot() is { } root ? Path.Combine(root, relative) : null;
}
