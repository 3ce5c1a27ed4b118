using System.Globalization;

namespace Workbook.Core;

/// <summary>A Metronome credit type (pricing unit): USD in cents, another currency in whole units, or a custom unit.</summary>
public readonly record struct CreditType(string Id, string Name)
{
    /// <summary>Metronome's well-known id for US dollars counted in cents.</summary>
    public const string UsdCentsId = "2714e483-4ff1-48e4-9e25-ac732e8f24f2";

    public const string UsdCentsName = "USD (cents)";

    public static readonly CreditType UsdCents = new(UsdCentsId, UsdCentsName);

    public bool IsUsdCents => Id == UsdCentsId || Name == UsdCentsName;

    public override string ToString() => Name;
}

/// <summary>
/// An amount in the unit of its credit type. Amounts stay in that unit (cents for USD) through every
/// computation; <see cref="ToUsdDollars"/> is for the edge, where a report shows dollars.
/// </summary>
public readonly record struct Money(decimal Amount, CreditType CreditType)
{
    public static Money UsdCents(decimal cents) => new(cents, CreditType.UsdCents);

    public decimal ToUsdDollars() =>
        CreditType.IsUsdCents
            ? Amount / 100m
            : throw new InvalidOperationException($"{Amount} {CreditType.Name} is not in USD cents and is never converted");

    public static Money operator +(Money a, Money b) =>
        a.CreditType.Id == b.CreditType.Id
            ? a with { Amount = a.Amount + b.Amount }
            : throw new InvalidOperationException($"cannot add {a.CreditType.Name} to {b.CreditType.Name}");

    public override string ToString() => $"{Amount.ToString(CultureInfo.InvariantCulture)} {CreditType.Name}";
}

/// <summary>Invariant-culture number formatting shared by every output.</summary>
public static class Numbers
{
    /// <summary>Rounds half away from zero (the accounting convention) and writes exactly <paramref name="decimals"/> decimals.</summary>
    public static string Fixed(decimal value, int decimals) =>
        Math.Round(value, decimals, MidpointRounding.AwayFromZero).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>Dollars to the cent: 8101.27205 → "8101.27".</summary>
    public static string Dollars(decimal dollars) => Fixed(dollars, 2);

    /// <summary>
    /// For display: a dollar sign, thousands separators and two decimals, "$8,101.27". With a larger
    /// <paramref name="maxDecimals"/> (unit prices), sub-cent digits are kept up to that many: "$0.0011".
    /// </summary>
    public static string DollarsDisplay(decimal dollars, int maxDecimals = 2)
    {
        var rounded = Math.Round(dollars, maxDecimals, MidpointRounding.AwayFromZero);
        var format = "#,##0.00" + new string('#', Math.Max(0, maxDecimals - 2));
        var text = Math.Abs(rounded).ToString(format, CultureInfo.InvariantCulture);
        return rounded < 0 ? "-$" + text : "$" + text;
    }

    /// <summary>Shortest round-trip text for a decimal, without trailing zeros: 810127.2050 → "810127.205".</summary>
    public static string Plain(decimal value) => Normalized(value).ToString(CultureInfo.InvariantCulture);

    /// <summary>The same value without trailing zeros (810127.2050 → 810127.205), so its Scale is the decimals it needs.</summary>
    public static decimal Normalized(decimal value) => value / 1.0000000000000000000000000000m;
}
