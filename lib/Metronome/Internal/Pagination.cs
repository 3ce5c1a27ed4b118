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
