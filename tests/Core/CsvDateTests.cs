using System.Globalization;
using Workbook.Core;

namespace Workbook.Tests.Core;

/// <summary>The hand-parsed yyyy-MM-dd fast path accepts exactly what the framework's exact parser accepts.</summary>
public class CsvDateTests
{
    [Theory]
    [InlineData("2024-02-29", true)]
    [InlineData("2023-02-29", false)]
    [InlineData("2023-13-01", false)]
    [InlineData("2023-00-10", false)]
    [InlineData("0000-01-01", false)]
    [InlineData("9999-12-31", true)]
    [InlineData("2023-6-30", false)]
    [InlineData("2023/06/30", false)]
    [InlineData(" 2023-06-30", false)]
    [InlineData("２０２３-06-30", false)]
    public void Agrees_with_the_exact_framework_parser(string text, bool valid)
    {
        var framework = DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var expected);

        Assert.Equal(valid, CsvReader.TryParseDate(text, out var parsed));
        Assert.Equal(framework, valid);
        Assert.Equal(expected, parsed);
    }

    [Fact]
    public void Agrees_on_every_day_of_four_centuries_and_their_neighbours()
    {
        for (var day = new DateOnly(1900, 1, 1); day.Year < 2300; day = day.AddDays(1))
        {
            Assert.True(CsvReader.TryParseDate(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), out var parsed));
            Assert.Equal(day, parsed);
        }

        foreach (var text in new[] { "2023-04-31", "2100-02-29", "2000-02-30", "1999-12-32" })
        {
            Assert.False(CsvReader.TryParseDate(text, out _));
        }
    }
}
