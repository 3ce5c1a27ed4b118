using System.Runtime.CompilerServices;

namespace Workbook.Metronome;

/// <summary>
/// Auto-pagination: follows <c>next_page</c> until it is null or empty, through empty pages (legal in the API),
/// and stops with an error instead of looping forever when the server hands back a cursor it already gave, or
/// answers <see cref="MetronomeDefaults.MaxEmptyPagesInARow"/> empty pages in a row, each with a fresh cursor.
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
        var emptyInARow = 0;
        while (true)
        {
            var page = await fetchPage(cursor, cancellationToken).ConfigureAwait(false);
            pages++;
            emptyInARow = page.Data.Count == 0 ? emptyInARow + 1 : 0;
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
                throw Endless(what, $"page {pages} returned a next_page cursor that was already used; stopping instead of looping");
            }

            if (emptyInARow == MetronomeDefaults.MaxEmptyPagesInARow)
            {
                throw Endless(what, $"{emptyInARow} pages in a row had no items but a next_page cursor (page {pages}); stopping instead of paging on");
            }

            cursor = page.NextPage;
        }
    }

    private static MetronomeApiException Endless(string what, string problem) =>
        new(MetronomeErrorKind.MalformedResponse, $"{what}: {problem}", statusCode: 200, serverMessage: null, attempts: 1);
}
