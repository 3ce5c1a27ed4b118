using System.Globalization;

namespace Workbook.Egress;

/// <summary>
/// The export's timestamps, read in the spellings it uses ("2024-02-29 0:00:00", "2024-03-13 00:57:44.673000 UTC")
/// or ISO-8601, and written as fixed-width ISO-8601 UTC with milliseconds ("2024-03-13T00:57:44.673Z") so that
/// text comparison orders by time.
/// </summary>
public static class ExportTimestamp
{
    /// <summary>The stored form. Digits past the millisecond are truncated: billing periods start on whole
    /// milliseconds, so truncation never moves an event across a period boundary.</summary>
    public const string StoredFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

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
        if (DateTime.TryParseExact(text, Formats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
        {
            normalized = Format(value);
            return true;
        }

        normalized = "";
        return false;
    }

    /// <summary>The stored form of a UTC instant.</summary>
    public static string Format(DateTime utc) => utc.ToString(StoredFormat, CultureInfo.InvariantCulture);

    public static string Format(DateTimeOffset instant) => Format(instant.UtcDateTime);

    /// <summary>Parses the stored form back (for code reading the database).</summary>
    public static DateTimeOffset Parse(string stored) =>
        DateTimeOffset.ParseExact(stored, StoredFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
