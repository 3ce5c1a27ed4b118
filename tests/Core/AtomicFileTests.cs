using Workbook.Core;

namespace Workbook.Tests.Core;

/// <summary>Several files written as one (<see cref="AtomicFile.WriteAll"/>): all new, or all as they were.</summary>
public class AtomicFileTests
{
    private static Action<Stream> Text(string content) => stream => stream.Write(AtomicFile.Utf8.GetBytes(content));

    [Fact]
    public void Every_file_is_replaced_and_no_temporary_file_is_left()
    {
        using var dir = new TempDir();
        var first = dir.Write("first.csv", "old first");

        AtomicFile.WriteAll((first, Text("new first")), (dir.File("second.csv"), Text("new second")));

        Assert.Equal("new first", File.ReadAllText(first));
        Assert.Equal("new second", File.ReadAllText(dir.File("second.csv")));
        Assert.Equal(["first.csv", "second.csv"], Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// The second target becomes a folder after both files are staged, so the first rename succeeds and the second
    /// fails: the first file gets its previous bytes back (or is removed if it had none).
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_rename_that_fails_puts_back_the_files_renamed_before_it(bool firstExisted)
    {
        using var dir = new TempDir();
        var first = dir.File("arr_bridge.csv");
        var second = dir.File("arr_movements.csv");
        var previous = "month,opening_arr\n2023-01,1.00\n\u00e9\r\n"u8.ToArray();
        if (firstExisted)
        {
            File.WriteAllBytes(first, previous);
        }

        var error = Assert.Throws<WorkbookException>(() => AtomicFile.WriteAll(
            (first, Text("new bridge")),
            (second, stream =>
            {
                Text("new movements")(stream);
                Directory.CreateDirectory(second); // after the checks, before the renames
            })));

        Assert.StartsWith($"cannot write {second}: Is a directory", error.Message); // the system's reason, for the target
        Assert.DoesNotContain(".tmp", error.Message);
        if (firstExisted)
        {
            Assert.Equal(previous, File.ReadAllBytes(first));
        }
        else
        {
            Assert.False(File.Exists(first));
        }

        Assert.True(Directory.Exists(second));
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp"));
        Assert.Equal(firstExisted ? 2 : 1, Directory.GetFileSystemEntries(dir.Path).Length);
    }

    [Fact]
    public void A_failure_while_writing_a_later_file_renames_none()
    {
        using var dir = new TempDir();
        var first = dir.Write("first.csv", "old first");

        Assert.Throws<InvalidOperationException>(() => AtomicFile.WriteAll(
            (first, Text("new first")),
            (dir.File("second.csv"), _ => throw new InvalidOperationException("boom"))));

        Assert.Equal("old first", File.ReadAllText(first));
        Assert.Equal(["first.csv"], Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName));
    }
}
