using System.Globalization;
using Workbook.Core;

namespace Workbook.Reporting;

/// <summary>
/// How one value is written in a report cell: invariant culture, dates as yyyy-MM-dd, timestamps in UTC, numbers
/// with thousands separators, money with a dollar sign and cents, null as an empty cell. Tables, charts and the
/// notebook runner all go through here.
/// </summary>
public static class ValueText
{
    /// <summary>The text and whether it is a number (numbers are right-aligned).</summary>
    public readonly record struct Cell(string Text, bool Numeric);

    /// <summary>
    /// Formats a value for display. A number is money when <paramref name="isMoney"/> is set (the column is
    /// known to hold US dollars); a <see cref="Money"/> value is always money, in its own unit.
    /// </summary>
    public static Cell Display(object? value, bool isMoney = false, int moneyDecimals = 2) => value switch
    {
        null or DBNull => new("", false),
        Money money => new(MoneyText(money), true),
        decimal d => new(isMoney ? Numbers.DollarsDisplay(d, moneyDecimals) : Grouped(d), true),
        double f => new(isMoney && double.IsFinite(f) ? Numbers.DollarsDisplay((decimal)f, moneyDecimals) : Grouped(f), true),
        float f => new(isMoney && float.IsFinite(f) ? Numbers.DollarsDisplay((decimal)f, moneyDecimals) : Grouped(f), true),
        byte or sbyte or short or ushort or int or uint or long or ulong =>
            new(isMoney ? Numbers.DollarsDisplay(Convert.ToDecimal(value, CultureInfo.InvariantCulture), moneyDecimals) : Grouped(Convert.ToDecimal(value, CultureInfo.InvariantCulture)), true),
        _ => new(Raw(value), false),
    };

    /// <summary>The value without display decoration (no thousands separators, no currency sign): for CSV and plain data.</summary>
    public static string Raw(object? value) => value switch
    {
        null or DBNull => "",
        string s => s,
        bool b => b ? "true" : "false",
        decimal d => Numbers.Plain(d),
        double f => f.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime time => Timestamp(time),
        DateTimeOffset time => Timestamp(time.UtcDateTime),
        byte[] bytes => Convert.ToHexString(bytes),
        Money money => money.ToString(),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>A number with thousands separators and every significant decimal: 1231768.5 → "1,231,768.5".</summary>
    public static string Grouped(decimal value) => value.ToString("#,##0.############################", CultureInfo.InvariantCulture);

    private static string Grouped(double value) =>
        double.IsFinite(value) && Math.Abs(value) < 7.9e28 ? Grouped((decimal)value) : value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A numeric value as a decimal (0 for null): for totals.</summary>
    public static decimal ToDecimal(object? value) => value switch
    {
        null or DBNull => 0m,
        Money money => money.CreditType.IsUsdCents ? money.ToUsdDollars() : throw new ArgumentException($"cannot add {money.CreditType.Name} to dollars"),
        _ => Convert.ToDecimal(value, CultureInfo.InvariantCulture),
    };

    public static bool IsNumber(object? value) =>
        value is decimal or double or float or byte or sbyte or short or ushort or int or uint or long or ulong or Money;

    public static bool IsNumberType(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t == typeof(decimal) || t == typeof(double) || t == typeof(float) || t == typeof(byte) || t == typeof(sbyte)
            || t == typeof(short) || t == typeof(ushort) || t == typeof(int) || t == typeof(uint) || t == typeof(long)
            || t == typeof(ulong) || t == typeof(Money);
    }

    /// <summary>A USD (cents) amount in dollars ("$1,234.56"); any other unit as its amount with separators and the unit's name.</summary>
    public static string MoneyText(Money money) =>
        money.CreditType.IsUsdCents
            ? Numbers.DollarsDisplay(money.ToUsdDollars())
            : $"{money.Amount.ToString("#,##0.############", CultureInfo.InvariantCulture)} {money.CreditType.Name}";

    /// <summary>UTC timestamps as ISO 8601 with a Z; a local or unspecified time is written as given, without a zone.</summary>
    private static string Timestamp(DateTime time) =>
        time.Kind == DateTimeKind.Utc
            ? time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : time.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
}
