using System.Runtime.CompilerServices;
using System.Text;

namespace Workbook.Metronome;

/// <summary>
/// Auto-pagination: follows <c>next_page</c> until it is null or empty, through empty pages (legal in the API),
/// and stops with an error when the server hands back a cursor it already gave, instead of looping forever.
/// </summary>
internal static class Pagination
{
    public static async IAsyncEnumerable<T> EnumerateAsync<T>(
        string what,
        Func<string?, CancellationToken, Task<Page<T>>> fetchPage,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? cursor = null;
        var pages = 0;
        while (true)
        {
            var page = await fetchPage(cursor, cancellationToken).ConfigureAwait(false);
            pages++;
            foreach (var item in page.Data)
            {
                yield return item;
            }

            if (string.IsNullOrEmpty(page.NextPage))
            {
                yield break;
            }

            if (!seen.Add(page.NextPage))
            {
                throw new MetronomeApiException(
                    MetronomeErrorKind.MalformedResponse,
                    $"{what}: page {pages} returned a next_page cursor that was already used; stopping instead of looping",
                    statusCode: 200,
                    serverMessage: null,
                    attempts: 1);
            }

            cursor = page.NextPage;
        }
    }
}

/// <summary>Builds a path with an escaped query string; null values are left out, lists are comma-joined as the SDKs send them.</summary>
internal sealed class PathBuilder(string path)
{
    private readonly StringBuilder _text = new(path);
    private bool _hasQuery;

    public static string Segment(string value) => Uri.EscapeDataString(value);

    public PathBuilder Add(string name, string? value)
    {
        if (value is null)
        {
            return this;
        }

        _text.Append(_hasQuery ? '&' : '?').Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
        _hasQuery = true;
        return this;
    }

    public PathBuilder Add(string name, int? value) => Add(name, value?.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public PathBuilder Add(string name, bool? value) => Add(name, value is null ? null : value.Value ? "true" : "false");

    public PathBuilder Add(string name, DateTimeOffset? value) => Add(name, value is null ? null : MetronomeJson.FormatTimestamp(value.Value));

    public PathBuilder Add(string name, IReadOnlyList<string>? values) => Add(name, values is null || values.Count == 0 ? null : string.Join(',', values));

    public override string ToString() => _text.ToString();
}
