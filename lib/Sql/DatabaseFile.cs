using System.Text;

using Workbook.Core;

namespace Workbook.Sql;

/// <summary>Recognises the database file of an embedded engine by its header, before a load replaces it.</summary>
public static class DatabaseFile
{
    /// <summary>
    /// Refuses (as bad usage) a database path that is a folder, or an existing non-empty file that is not a database
    /// of <paramref name="engine"/>: a mistyped --db must not replace a CSV or another engine's database.
    /// </summary>
    public static void EnsureReplaceable(SqlEngine engine, string path)
    {
        if (Directory.Exists(path))
        {
            throw new UsageException($"cannot write the database {path}: it is a folder, and a file is expected");
        }

        if (File.Exists(path) && new FileInfo(path).Length > 0 && !IsDatabase(engine, path))
        {
            throw new UsageException($"refusing to replace {path}: it is not a {engine.Name()} database");
        }
    }

    /// <summary>Whether the file starts with <paramref name="engine"/>'s header (SQLite: "SQLite format 3\0"; DuckDB: "DUCK" at byte 8).</summary>
    public static bool IsDatabase(SqlEngine engine, string path)
    {
        var (offset, magic) = engine switch
        {
            SqlEngine.Sqlite => (0, "SQLite format 3\0"),
            SqlEngine.DuckDb => (8, "DUCK"),
            _ => throw new ArgumentOutOfRangeException(nameof(engine), $"{engine.Name()} keeps no database file"),
        };
        Span<byte> header = stackalloc byte[offset + magic.Length];
        using var file = File.OpenRead(path);
        return file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) == header.Length
            && header[offset..].SequenceEqual(Encoding.ASCII.GetBytes(magic));
    }
}
