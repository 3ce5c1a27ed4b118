using System.Text.RegularExpressions;

namespace Workbook.Metronome;

/// <summary>
/// Takes the API token out of any text a server sent back, before the text is cut to length, so that neither the
/// whole token nor a piece of it can reach a message: the token itself, whatever follows a <c>Bearer</c> (an echoed
/// header, even one the server shortened, when it begins as the token does), and any run of <see cref="ShortestPiece"/> or more of the token's
/// characters (a piece of it on its own).
/// </summary>
internal sealed partial class SecretRedactor(string token)
{
    public const string Mark = "[redacted]";

    /// <summary>Shorter runs are too likely to be ordinary text; a piece this long is already a clue.</summary>
    private const int ShortestPiece = 6;

    /// <summary>After <c>Bearer</c>, a value beginning with this many of the token's first characters is taken for it.</summary>
    private const int ShortestBearerPrefix = 3;

    public string Redact(string text)
    {
        var redacted = BearerValue().Replace(text.Replace(token, Mark, StringComparison.Ordinal), m => StartsLikeTheToken(m.Groups[1].Value) ? "Bearer " + Mark : m.Value);
        return token.Length < ShortestPiece ? redacted : WithoutPieces(redacted);
    }

    /// <summary>An echoed header cut short: the value after <c>Bearer</c> begins as the token does ("bearer token" does not).</summary>
    private bool StartsLikeTheToken(string value)
    {
        var common = 0;
        while (common < value.Length && common < token.Length && value[common] == token[common])
        {
            common++;
        }

        return common >= Math.Min(ShortestBearerPrefix, token.Length);
    }

    /// <summary><paramref name="text"/> cut to <paramref name="length"/> characters, redacted first.</summary>
    public string Excerpt(string text, int length)
    {
        var flat = string.Join(' ', Redact(text).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return flat.Length <= length ? flat : flat[..length] + "...";
    }

    /// <summary>Every longest run of the text's characters that also occurs in the token, when long enough, is marked.</summary>
    private string WithoutPieces(string text)
    {
        var result = new System.Text.StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var run = LongestTokenRunAt(text, i);
            if (run >= ShortestPiece)
            {
                result.Append(Mark);
                i += run;
            }
            else
            {
                result.Append(text[i]);
                i++;
            }
        }

        return result.ToString();
    }

    private int LongestTokenRunAt(string text, int start)
    {
        var longest = 0;
        for (var j = token.IndexOf(text[start]); j >= 0; j = token.IndexOf(text[start], j + 1))
        {
            var length = 0;
            while (start + length < text.Length && j + length < token.Length && text[start + length] == token[j + length])
            {
                length++;
            }

            longest = Math.Max(longest, length);
        }

        return longest;
    }

    [GeneratedRegex(@"(?i)\bbearer\s+([^\s""',;]+)")]
    private static partial Regex BearerValue();
}
