using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Workbook.Core;

/// <summary>
/// The characters that are CSV syntax, shared by <see cref="CsvReader"/> and <see cref="CsvWriter"/>.
/// Hand-vectorized rather than SearchValues.IndexOfAny: the runtime's generic vector searcher is not
/// precompiled, so a short-lived process ran it unoptimized (tier 0) for most of a file, which cost about a
/// fifth of a 250k-account ARR run; this method is compiled optimized on first use.
/// </summary>
internal static class CsvSyntax
{
    /// <summary>
    /// The first comma, quote, CR or LF in <paramref name="text"/>, or -1: where an unquoted field ends when
    /// reading, and whether a field needs quotes when writing.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int IndexOfSpecial(ReadOnlySpan<char> text)
    {
        var i = 0;
        if (Vector128.IsHardwareAccelerated && text.Length >= Vector128<ushort>.Count)
        {
            ref var start = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(text));
            var comma = Vector128.Create((ushort)',');
            var quote = Vector128.Create((ushort)'"');
            var cr = Vector128.Create((ushort)'\r');
            var lf = Vector128.Create((ushort)'\n');
            for (; i <= text.Length - Vector128<ushort>.Count; i += Vector128<ushort>.Count)
            {
                var chars = Vector128.LoadUnsafe(ref start, (nuint)i);
                var hits = Vector128.Equals(chars, comma) | Vector128.Equals(chars, quote) | Vector128.Equals(chars, cr) | Vector128.Equals(chars, lf);
                if (hits != Vector128<ushort>.Zero)
                {
                    return i + BitOperations.TrailingZeroCount(hits.ExtractMostSignificantBits());
                }
            }
        }

        for (; i < text.Length; i++)
        {
            if (text[i] is ',' or '"' or '\r' or '\n')
            {
                return i;
            }
        }

        return -1;
    }
}
