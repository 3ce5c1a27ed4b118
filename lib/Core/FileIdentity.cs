using System.Runtime.InteropServices;

namespace Workbook.Core;

/// <summary>
/// What makes two paths the same file: its device and inode (stat(2)), whatever the path text says — symlinks, `..`,
/// hard links and bind mounts included. Used to refuse an output that would replace an input.
/// </summary>
public readonly record struct FileIdentity(ulong Device, ulong Inode)
{
    /// <summary>The identity of the file or folder at <paramref name="path"/> (links followed), or null when there is none.</summary>
    public static FileIdentity? Of(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            // stat's layout below is Linux's; elsewhere the resolved full path is the best identity at hand.
            return File.Exists(path) || Directory.Exists(path) ? FromPath(path) : null;
        }

        // struct stat starts with st_dev then st_ino, both 64-bit, on every 64-bit Linux; the buffer covers the whole struct.
        var buffer = new byte[256];
        if (Native.Stat(path, buffer) != 0)
        {
            return null;
        }

        return new FileIdentity(BitConverter.ToUInt64(buffer, 0), BitConverter.ToUInt64(buffer, 8));
    }

    /// <summary>
    /// Whether two paths name the same file, existing or not: an existing file by identity, a file still to be written
    /// by its folder's identity and its name.
    /// </summary>
    public static bool SameFile(string a, string b)
    {
        if (Of(a) is { } first && Of(b) is { } second)
        {
            return first == second;
        }

        var (fullA, fullB) = (Path.GetFullPath(a), Path.GetFullPath(b));
        return Path.GetFileName(fullA) == Path.GetFileName(fullB)
            && Of(Path.GetDirectoryName(fullA)!) is { } folderA && folderA == Of(Path.GetDirectoryName(fullB)!);
    }

    private static FileIdentity FromPath(string path)
    {
        var full = Path.GetFullPath(path);
        var target = File.ResolveLinkTarget(full, returnFinalTarget: true)?.FullName ?? full;
        return new FileIdentity(0, (ulong)StringComparer.OrdinalIgnoreCase.GetHashCode(target));
    }

    private static class Native
    {
        [DllImport("libc", EntryPoint = "stat", SetLastError = true)]
        public static extern int Stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte[] buffer);
    }
}
