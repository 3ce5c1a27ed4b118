namespace Workbook.Sql;

/// <summary>
/// How SQLite, which has no timestamp type, stores an instant: fixed-width ISO-8601 UTC text with milliseconds
/// ("2024-03-13T00:57:44.673Z"), so comparing the text orders by time.
/// </summary>
public static class SqliteTimestamp
{
    public const string Pattern = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    /// <summary>The stored text of a UTC instant (digits past the millisecond are dropped).</summary>
    public static string Format(DateTime utc) =>
        string.Create(24, utc, static (chars, time) =>
        {
            // Written by hand: a load formats one per event, and this is several times faster than ToString.
            Digits(chars[..4], time.Year);
            chars[4] = '-';
            Digits(chars[5..7], time.Month);
            chars[7] = '-';
            Digits(chars[8..10], time.Day);
            chars[10] = 'T';
            Digits(chars[11..13], time.Hour);
            chars[13] = ':';
            Digits(chars[14..16], time.Minute);
            chars[16] = ':';
            Digits(chars[17..19], time.Second);
            chars[19] = '.';
            Digits(chars[20..23], time.Millisecond);
            chars[23] = 'Z';
        });

    private static void Digits(Span<char> destination, int value)
    {
        for (var i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (char)('0' + value % 10);
            value /= 10;
        }
    }
}
