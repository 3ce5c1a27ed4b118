using System.Collections.Concurrent;
using System.Text;

namespace Workbook.Core;

/// <summary>
/// Writes a file (or several as one, <see cref="WriteAll"/>) so that readers only ever see the old content or the complete new content:
/// the bytes go to a temporary file in the same folder, which is then renamed over the target.
/// On any failure the temporary file is removed and the target is untouched. The temporary files being written are
/// known (<see cref="DeleteTemporaryFiles"/>), so a process told to stop can remove them even while a writer is busy.
/// </summary>
public static class AtomicFile
{
    private static readonly ConcurrentDictionary<string, byte> Pending = new(StringComparer.Ordinal);

    /// <summary>UTF-8 without a byte-order mark: what CSV and JSON readers expect.</summary>
    public static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Held while files are renamed into place, so a process told to stop never deletes a file between two renames.</summary>
    private static readonly Lock Renaming = new();

    public static void Write(string path, Action<Stream> write) => WriteAll((path, write));

    /// <summary>
    /// Writes several files as one, as far as the file system allows: every file's bytes go to a temporary file beside
    /// it (flushed to disk) before any is renamed; then all are renamed into place in one step that nothing in this
    /// process interrupts (<see cref="DeleteTemporaryFiles"/> waits for it), with nothing in between that can fail
    /// but a rename. If a rename fails, the files already renamed get their previous content back, or are removed if
    /// they did not exist, so a failure or a stop never leaves new files beside old ones. (A reader looking in the
    /// instant between two renames can still see one of each: two renames are two system calls.) To restore them,
    /// every file but the last is copied aside first: put the largest last.
    /// </summary>
    public static void WriteAll(params (string Path, Action<Stream> Write)[] files)
    {
        var staged = new List<Staged>(files.Length);
        try
        {
            foreach (var (path, write) in files)
            {
                var file = new Staged(path, TemporaryBeside(path, out var full), full);
                staged.Add(file);
                using var stream = CreateTemporary(file.Temp, path);
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            for (var i = 0; i < staged.Count - 1; i++)
            {
                staged[i] = staged[i] with { Previous = KeepPrevious(staged[i]) };
            }

            lock (Renaming)
            {
                RenameAll(staged);
            }
        }
        finally
        {
            foreach (var file in staged)
            {
                Forget(file.Temp);
                if (file.Previous is { } previous)
                {
                    Forget(previous);
                }
            }
        }
    }

    /// <summary>A file of <see cref="WriteAll"/>: its target, its temporary file, and a copy of the target's previous content (if it had one).</summary>
    private sealed record Staged(string Path, string Temp, string Full, string? Previous = null);

    /// <summary>Copies the target's current content aside (nothing if there is no target), for <see cref="RenameAll"/> to put back.</summary>
    private static string? KeepPrevious(Staged file)
    {
        if (!File.Exists(file.Full))
        {
            return null;
        }

        var copy = TemporaryBeside(file.Path, out _);
        try
        {
            File.Copy(file.Full, copy);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            Forget(copy);
            throw new WorkbookException($"cannot write {file.Path}: {Reason(error, file with { Previous = copy })}", error);
        }

        return copy;
    }

    private static void RenameAll(List<Staged> files)
    {
        for (var renamed = 0; renamed < files.Count; renamed++)
        {
            try
            {
                File.Move(files[renamed].Temp, files[renamed].Full, overwrite: true);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                for (var i = renamed - 1; i >= 0; i--)
                {
                    Restore(files[i]);
                }

                throw new WorkbookException($"cannot write {files[renamed].Path}: {Reason(error, files[renamed])}", error);
            }
        }
    }

    /// <summary>Puts back a renamed file's previous content, or removes it if it had none (best effort: the rename's error is the one to report).</summary>
    private static void Restore(Staged file)
    {
        try
        {
            if (file.Previous is { } previous)
            {
                File.Move(previous, file.Full, overwrite: true);
            }
            else
            {
                File.Delete(file.Full);
            }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
        }
    }

    /// <summary>
    /// Deletes every temporary file still being written (and its side files), for a process that must stop now: the
    /// writers lose their files, and the targets keep their old content.
    /// </summary>
    public static void DeleteTemporaryFiles()
    {
        lock (Renaming)
        {
            foreach (var temp in Pending.Keys)
            {
                TryDelete(temp);
            }
        }
    }

    /// <summary>
    /// For a writer of a large file through <see cref="Write"/>: after every <paramref name="everyBytes"/> written,
    /// <see cref="Written"/> starts writing them to disk in the background (one flush at a time), so the flush before
    /// the rename waits only for the tail instead of the whole file (at 2.5M accounts, 225 MB: 0.2 s).
    /// Call <see cref="Written"/> from the thread that writes the stream.
    /// </summary>
    public sealed class SyncAhead(Stream stream, long everyBytes = 32 << 20)
    {
        private Task _flush = Task.CompletedTask;
        private long _flushedTo;

        public void Written()
        {
            if (stream is FileStream file && file.Position - _flushedTo >= everyBytes && _flush.IsCompleted)
            {
                _flush.GetAwaiter().GetResult(); // its error, if any, is this write's
                file.Flush(flushToDisk: false);
                var handle = file.SafeFileHandle;
                _flushedTo = file.Position;
                _flush = Task.Run(() => RandomAccess.FlushToDisk(handle));
                Flushes++;
            }
        }

        /// <summary>How many background flushes were started.</summary>
        public int Flushes { get; private set; }

        /// <summary>Waits for the flush in flight (before the stream is closed).</summary>
        public void Wait() => _flush.GetAwaiter().GetResult();
    }

    public static void WriteText(string path, Action<TextWriter> write) =>
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, Utf8, 1 << 16, leaveOpen: true) { NewLine = "\n" };
            write(writer);
        });

    public static void WriteAllText(string path, string content) => WriteText(path, w => w.Write(content));

    /// <summary>
    /// Builds a file that a program writes itself (a database) at a temporary path beside <paramref name="path"/>,
    /// then renames it over <paramref name="path"/>. <paramref name="build"/> gets the temporary path and must have
    /// closed the file when it returns. On failure the temporary file and its side files (the engine's journal or
    /// write-ahead log, named by <paramref name="sideFileSuffixes"/>) are removed and <paramref name="path"/> is left
    /// as it was. Refuses a <paramref name="path"/> that is one of <paramref name="inputs"/>.
    /// </summary>
    public static T Build<T>(string path, IReadOnlyCollection<string> inputs, Func<string, T> build, params string[] sideFileSuffixes)
    {
        EnsureNotAnInput(path, [.. inputs]);
        var temp = TemporaryBeside(path, out var full);
        foreach (var suffix in sideFileSuffixes)
        {
            Pending.TryAdd(temp + suffix, 0);
        }

        try
        {
            var result = build(temp);
            File.Move(temp, full, overwrite: true);
            return result;
        }
        finally
        {
            Forget(temp);
            foreach (var suffix in sideFileSuffixes)
            {
                Forget(temp + suffix);
            }
        }
    }

    /// <summary>
    /// Refuses (as bad usage) to write <paramref name="output"/> when it is the same file as one of the inputs, by file
    /// identity: a symlink, a `..` or a hard link to an input is that input.
    /// </summary>
    public static void EnsureNotAnInput(string output, params string[] inputs)
    {
        if (FileIdentity.Of(output) is not { } target)
        {
            return; // nothing there yet, so no input
        }

        foreach (var input in inputs)
        {
            if (FileIdentity.Of(input) == target)
            {
                var same = string.Equals(Path.GetFullPath(output), Path.GetFullPath(input), StringComparison.Ordinal) ? "" : $" ({input})";
                throw new UsageException($"refusing to write {output}: it is an input file{same}, and inputs are never modified");
            }
        }
    }

    /// <summary>
    /// Refuses (as bad usage) a target that cannot be a file: an existing folder, or a path under an existing file. A
    /// command calls it before its work, so a mistyped output fails at once instead of after the run.
    /// </summary>
    public static void EnsureCanWrite(string path)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new UsageException($"cannot write {path}: it is a folder, and a file is expected");
        }

        for (var above = Path.GetDirectoryName(full); above is not null; above = Path.GetDirectoryName(above))
        {
            if (File.Exists(above))
            {
                throw new UsageException($"cannot write {path}: {above} is a file, and a folder is expected");
            }
        }
    }

    /// <summary>
    /// Refuses a target that cannot be written, before any work: what <see cref="EnsureCanWrite"/> refuses (bad usage),
    /// and a folder that cannot be created or written in (a failure, exit 1), found by creating and removing the
    /// temporary file a write would use. A command with several outputs calls it for each before reading its inputs,
    /// so a bad one never leaves the others written.
    /// </summary>
    public static void EnsureCanCreate(string path)
    {
        // The folders the probe creates are removed again: a run that fails later leaves nothing new behind.
        var created = new List<string>();
        for (var folder = Path.GetDirectoryName(Path.GetFullPath(path)); folder is not null && !Directory.Exists(folder); folder = Path.GetDirectoryName(folder))
        {
            created.Add(folder);
        }

        var temp = TemporaryBeside(path, out _);
        try
        {
            CreateTemporary(temp, path).Dispose();
        }
        finally
        {
            Forget(temp);
            foreach (var folder in created)
            {
                TryDeleteFolder(folder);
            }
        }
    }

    /// <summary>The temporary path beside <paramref name="path"/>, registered as pending, once the target is known to be writable as a file.</summary>
    private static string TemporaryBeside(string path, out string full)
    {
        EnsureCanWrite(path);
        full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new WorkbookException($"cannot create the folder {folder}: {Reason(error)}", error);
        }

        var temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        Pending.TryAdd(temp, 0);
        return temp;
    }

    private static FileStream CreateTemporary(string temp, string path)
    {
        try
        {
            return new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new WorkbookException($"cannot write {path}: {Reason(error)}", error);
        }
    }

    /// <summary>Why a file of <see cref="WriteAll"/> failed, naming its target, never its temporary files.</summary>
    private static string Reason(Exception error, Staged file)
    {
        var reason = Reason(error).Replace(file.Temp, file.Path, StringComparison.Ordinal);
        return file.Previous is { } previous ? reason.Replace(previous, file.Path, StringComparison.Ordinal) : reason;
    }

    /// <summary>Why a file operation failed, without the temporary file's name.</summary>
    private static string Reason(Exception error) => error switch
    {
        UnauthorizedAccessException => "permission denied",
        PathTooLongException => "the path is too long",
        DirectoryNotFoundException => "a folder on the path does not exist",
        _ => error.Message,
    };

    /// <summary>Removes a temporary file that is no longer wanted (renamed into place, or failed) from the pending ones.</summary>
    private static void Forget(string temp)
    {
        TryDelete(temp);
        Pending.TryRemove(temp, out _);
    }

    private static void TryDeleteFolder(string path)
    {
        try
        {
            Directory.Delete(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // Best effort, as for a temporary file.
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
