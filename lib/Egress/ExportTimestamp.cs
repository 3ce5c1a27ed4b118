using System.Globalization;
using Workbook.Sql;

namespace Workbook.Egress;

/// <summary>
/// The export's timestamps, read in the spellings it uses ("2024-02-29 0:00:00", "2024-03-13 00:57:44.673000 UTC")
/// or ISO-8601, and written as fixed-width ISO-8601 UTC with milliseconds ("2024-03-13T00:57:44.673Z") so that
/// text comparison orders by time.
/// </summary>
public static class ExportTimestamp
{
    /// <summary>The stored form (what <see cref="Format(DateTime)"/> writes). Digits past the millisecond are truncated: billing periods start on whole
    /// milliseconds, so truncation never moves an event across a period boundary.</summary>
    public const string StoredFormat = SqliteTimestamp.Pattern;

    // H accepts one or two hour digits; FFFFFFF accepts 0..7 fraction digits (and no decimal point).
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd H:mm:ss.FFFFFFF 'UTC'",
        "yyyy-MM-dd H:mm:ss.FFFFFFF",
        "yyyy-MM-dd'T'H:mm:ss.FFFFFFFK",
        "yyyy-MM-dd H:mm:ss.FFFFFFFK",
        "yyyy-MM-dd",
    ];

    public static bool TryNormalize(ReadOnlySpan<char> text, out string normalized)
    {
        if (TryParseUtc(text, out var value))
        {
            normalized = Format(value);
            return true;
        }

        normalized = "";
        return false;
    }

    /// <summary>
    /// The UTC instant an export timestamp names, truncated to the millisecond like the stored form, so every engine
    /// holds the same instant (SQLite its text, PostgreSQL and DuckDB a timestamptz).
    /// </summary>
    public static bool TryParseUtc(ReadOnlySpan<char> text, out DateTime utc)
    {
        if (TryParseExportSpelling(text, out utc)
            || DateTime.TryParseExact(text, Formats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out utc))
        {
            utc = DateTime.SpecifyKind(utc.AddTicks(-(utc.Ticks % TimeSpan.TicksPerMillisecond)), DateTimeKind.Utc);
            return true;
        }

        return false;
    }

    /// <summary>The stored form of a UTC instant.</summary>
    public static string Format(DateTime utc) => SqliteTimestamp.Format(utc);

    /// <summary>
    /// The export's own spellings, parsed by hand because the loader reads one per event:
    /// "yyyy-MM-dd H:mm:ss", optionally with a fraction of up to 7 digits and a " UTC" suffix.
    /// Anything else falls through to the general formats.
    /// </summary>
    private static bool TryParseExportSpelling(ReadOnlySpan<char> text, out DateTime value)
    {
        value = default;
        if (text.EndsWith(" UTC"))
        {
            text = text[..^4];
        }

        if (text.Length < 18 || text[4] != '-' || text[7] != '-' || text[10] != ' ')
        {
            return false;
        }

        var hourDigits = text[12] == ':' ? 1 : 2;
        var time = text[11..];
        if (time.Length < hourDigits + 6 || time[hourDigits] != ':' || time[hourDigits + 3] != ':'
            || !TryNumber(text[..4], out var year) || !TryNumber(text[5..7], out var month) || !TryNumber(text[8..10], out var day)
            || !TryNumber(time[..hourDigits], out var hour) || !TryNumber(time.Slice(hourDigits + 1, 2), out var minute)
            || !TryNumber(time.Slice(hourDigits + 4, 2), out var second))
        {
            return false;
        }

        var fraction = time[(hourDigits + 6)..];
        long ticks = 0;
        if (!fraction.IsEmpty)
        {
            if (fraction[0] != '.' || fraction.Length is < 2 or > 8 || !TryNumber(fraction[1..], out var digits))
            {
                return false;
            }

            ticks = digits * (long)Math.Pow(10, 8 - fraction.Length);
        }

        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year is >= 1 and <= 9999 ? year : 1, month)
            || year is < 1 or > 9999 || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        value = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).AddTicks(ticks);
        return true;
    }

    private static bool TryNumber(ReadOnlySpan<char> digits, out int value)
    {
        value = 0;
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = value * 10 + (c - '0');
        }

        return !digits.IsEmpty;
    }

    public static string Format(DateTimeOffset instant) => Format(instant.UtcDateTime);

    /// <summary>Parses the stored form back (for code reading the database).</summary>
    public static DateTimeOffset Parse(string stored) =>
        DateTimeOffset.ParseExact(stored, StoredFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
