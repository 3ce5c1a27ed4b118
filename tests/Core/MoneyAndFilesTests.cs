using Workbook.Core;

namespace Workbook.Tests.Core;

public class MoneyAndFilesTests
{
    [Theory]
    [InlineData("810127.205", "8101.27")]
    [InlineData("0.5", "0.01")]
    [InlineData("-0.5", "-0.01")]
    [InlineData("295411.62", "2954.12")]
    public void Usd_cents_become_dollars_rounded_half_away_from_zero(string cents, string dollars) =>
        Assert.Equal(dollars, Numbers.Dollars(Money.UsdCents(decimal.Parse(cents, System.Globalization.CultureInfo.InvariantCulture)).ToUsdDollars()));

    [Fact]
    public void Other_credit_types_are_never_converted()
    {
        var tokens = new Money(500m, new CreditType("6f1e", "compute tokens"));
        Assert.Throws<InvalidOperationException>(() => tokens.ToUsdDollars());
        Assert.Throws<InvalidOperationException>(() => tokens + Money.UsdCents(1));
    }

    [Fact]
    public void Display_and_plain_formats()
    {
        Assert.Equal("$8,101.27", Numbers.DollarsDisplay(8101.27205m));
        Assert.Equal("-$1,000.00", Numbers.DollarsDisplay(-1000m));
        Assert.Equal("$0.0011", Numbers.DollarsDisplay(0.0011m, maxDecimals: 6));
        Assert.Equal("$2.20", Numbers.DollarsDisplay(2.2m, maxDecimals: 6));
        Assert.Equal("$0.012", Numbers.DollarsDisplay(0.012m, maxDecimals: 6));
        Assert.Equal("810127.205", Numbers.Plain(810127.2050m));
        Assert.Equal("12", Numbers.Plain(12.000m));
    }

    [Fact]
    public void Atomic_write_replaces_the_whole_file_and_leaves_no_temp_file_on_failure()
    {
        using var dir = new TempDir();
        var path = dir.Write("out.csv", "old");
        Assert.Throws<InvalidOperationException>(() => AtomicFile.WriteText(path, w =>
        {
            w.Write("half");
            throw new InvalidOperationException("boom");
        }));
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(dir.Path));

        AtomicFile.WriteAllText(path, "new");
        Assert.Equal("new", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void Flushing_to_disk_ahead_while_writing_leaves_the_same_bytes()
    {
        using var dir = new TempDir();
        var path = dir.File("big.bin");
        var flushes = 0;
        var expected = new byte[3 << 20];
        new Random(3).NextBytes(expected);
        AtomicFile.Write(path, stream =>
        {
            var sync = new AtomicFile.SyncAhead(stream, everyBytes: 100_000);
            for (var offset = 0; offset < expected.Length; offset += 65_536)
            {
                stream.Write(expected, offset, Math.Min(65_536, expected.Length - offset));
                sync.Written();
            }

            sync.Wait();
            flushes = sync.Flushes;
        });

        Assert.Equal(expected, File.ReadAllBytes(path));
        Assert.True(flushes > 0, "no flush was started");
        Assert.Single(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void Refuses_to_write_over_an_input()
    {
        using var dir = new TempDir();
        var input = dir.Write("data/accounts.csv", "id\n1\n");
        var output = System.IO.Path.Combine(dir.Path, "data", ".", "accounts.csv");

        var error = Assert.Throws<UsageException>(() => AtomicFile.EnsureNotAnInput(output, input));
        Assert.Contains($"refusing to write {output}: it is an input file", error.Message);
        AtomicFile.EnsureNotAnInput(dir.File("data/other.csv"), input); // not there yet: not an input
    }
}
