using Workbook.Core;

namespace Workbook.Tests;

/// <summary>
/// The exercise data in ../shared beside the checkout (or WORKBOOK_SHARED_DIR). Tests that need it fail
/// with a clear message when it is missing; they never skip, so CI cannot pass without it.
/// </summary>
public static class SharedData
{
    public static string Root
    {
        get
        {
            var fromEnv = Environment.GetEnvironmentVariable("WORKBOOK_SHARED_DIR");
            var candidate = fromEnv ?? (RepoPaths.TryFindRoot() is { } root ? Path.GetFullPath(Path.Combine(root, "..", "shared")) : null);
            if (candidate is null || !Directory.Exists(candidate))
            {
                throw new InvalidOperationException(
                    $"The shared exercise data was not found at '{candidate ?? "../shared"}'. Put it beside the checkout as ../shared or set WORKBOOK_SHARED_DIR.");
            }

            return candidate;
        }
    }

    /// <summary>The exercise's 9-file data export (original long file names).</summary>
    public static string EgressDir => Existing(Path.Combine(Root, "sample-egress-data"));

    /// <summary>The ARR challenge's real subscriptions table.</summary>
    public static string ArrSubscriptions => Existing(Path.Combine(Root, "arr-reference", "subscriptions.csv"));

    private static string Existing(string path) =>
        Directory.Exists(path) || File.Exists(path)
            ? path
            : throw new InvalidOperationException($"Shared exercise data is missing: {path}");
}

/// <summary>A fresh folder under the system temp folder, deleted at dispose.</summary>
public sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "workbook-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Writes <paramref name="content"/> byte for byte (no newline added) and returns the path.</summary>
    public string Write(string name, string content)
    {
        var path = File(name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllText(path, content, AtomicFile.Utf8);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
