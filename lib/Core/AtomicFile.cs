using System.Text;

namespace Workbook.Core;

/// <summary>
/// Writes a file so that readers only ever see the old content or the complete new content:
/// the bytes go to a temporary file in the same folder, which is then renamed over the target.
/// On any failure the temporary file is removed and the target is untouched.
/// </summary>
public static class AtomicFile
{
    /// <summary>UTF-8 without a byte-order mark: what CSV and JSON readers expect.</summary>
    public static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    public static void Write(string path, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(folder);
        var temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    public static void WriteText(string path, Action<TextWriter> write) =>
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, Utf8, 1 << 16, leaveOpen: true) { NewLine = "\n" };
            write(writer);
        });

    public static void WriteAllText(string path, string content) => WriteText(path, w => w.Write(content));

    /// <summary>Refuses to write <paramref name="output"/> when it is the same file as one of the inputs.</summary>
    public static void EnsureNotAnInput(string output, params string[] inputs)
    {
        var target = Path.GetFullPath(output);
        foreach (var input in inputs)
        {
            if (string.Equals(target, Path.GetFullPath(input), StringComparison.Ordinal))
            {
                throw new WorkbookException($"refusing to write {output}: it is an input file, and inputs are never modified");
            }
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: the original error is the one worth reporting.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
