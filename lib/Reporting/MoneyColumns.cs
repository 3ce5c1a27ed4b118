namespace Workbook.Reporting;

/// <summary>
/// Which table columns hold US dollars. A column is money when its values are <see cref="Workbook.Core.Money"/>,
/// when the caller names it explicitly, or by name convention: the last word of the column name is
/// <c>usd</c>, <c>arr</c> or <c>dollars</c> (<c>total_usd</c>, <c>HierarchyArr</c>, <c>arr</c>, <c>amountUSD</c>).
/// A column in cents (<c>amount_cents</c>) is not money by this rule and is shown as a plain number.
/// Money shows cents, except in a price column (a word <c>price</c> in its name: <c>unit_price_usd</c>), where
/// sub-cent prices such as $0.0011 per GB-hour keep up to six decimals.
/// </summary>
public static class MoneyColumns
{
    private static readonly string[] MoneyWords = ["usd", "arr", "dollars"];

    public static bool IsMoneyName(string columnName) =>
        LastWord(columnName) is { Length: > 0 } word && MoneyWords.Contains(word, StringComparer.OrdinalIgnoreCase);

    public const int PriceDecimals = 6;

    /// <summary>How many decimals a money column shows at most: cents, or more for prices.</summary>
    public static int Decimals(string columnName) =>
        Words(columnName).Contains("price", StringComparer.OrdinalIgnoreCase) ? PriceDecimals : 2;

    private static IEnumerable<string> Words(string name)
    {
        for (var rest = name; rest.Length > 0;)
        {
            var word = LastWord(rest);
            if (word.Length == 0)
            {
                yield break;
            }

            yield return word;
            rest = rest[..rest.LastIndexOf(word, StringComparison.Ordinal)];
        }
    }

    /// <summary>The last word of snake_case, kebab-case, spaced or camelCase names ("HierarchyArr" → "Arr", "amountUSD" → "USD").</summary>
    internal static string LastWord(string name)
    {
        var end = name.Length;
        while (end > 0 && !char.IsLetterOrDigit(name[end - 1]))
        {
            end--;
        }

        var start = end;
        while (start > 0 && char.IsLetterOrDigit(name[start - 1]))
        {
            // A lower-case letter followed by an upper-case one starts a camelCase word: "hierarchyArr".
            if (start < end && char.IsUpper(name[start]) && char.IsLower(name[start - 1]))
            {
                break;
            }

            start--;
        }

        return name[start..end];
    }
}
