using System.Globalization;

namespace Workbook.Core;

/// <summary>Refuses to start writing what would not fit: a full disk half-way through helps nobody.</summary>
public static class DiskSpace
{
    /// <summary>
    /// Throws when the file system holding <paramref name="folder"/> (or its nearest existing parent) has less free
    /// space than <paramref name="bytes"/>, saying how much is needed and how much there is.
    /// </summary>
    public static void EnsureRoomFor(string folder, long bytes, string what)
    {
        var existing = Path.GetFullPath(folder);
        while (!Directory.Exists(existing) && Path.GetDirectoryName(existing) is { } parent)
        {
            existing = parent;
        }

        var free = new DriveInfo(existing).AvailableFreeSpace;
        if (bytes > free)
        {
            throw new WorkbookException(string.Create(CultureInfo.InvariantCulture,
                $"{what} needs about {Gigabytes(bytes)} in {folder}, and its disk has {Gigabytes(free)} free"));
        }
    }

    private static string Gigabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e9:0.0} GB");
}
