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
        ref var start = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(text));
        var length = text.Length;
        if (Vector256.IsHardwareAccelerated && length >= Vector256<ushort>.Count)
        {
            // Whole vectors, then one last vector that overlaps the previous one (no scalar tail).
            var last = length - Vector256<ushort>.Count;
            for (var i = 0; ; i = Math.Min(i + Vector256<ushort>.Count, last))
            {
                var hits = Special(Vector256.LoadUnsafe(ref start, (nuint)i));
                if (hits != 0)
                {
                    return i + BitOperations.TrailingZeroCount(hits);
                }

                if (i == last)
                {
                    return -1;
                }
            }
        }

        if (Vector128.IsHardwareAccelerated && length >= Vector128<ushort>.Count)
        {
            var last = length - Vector128<ushort>.Count;
            for (var i = 0; ; i = Math.Min(i + Vector128<ushort>.Count, last))
            {
                var hits = Special(Vector128.LoadUnsafe(ref start, (nuint)i));
                if (hits != 0)
                {
                    return i + BitOperations.TrailingZeroCount(hits);
                }

                if (i == last)
                {
                    return -1;
                }
            }
        }

        for (var i = 0; i < length; i++)
        {
            if (text[i] is ',' or '"' or '\r' or '\n')
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>One bit per char of <paramref name="chars"/> that is a comma, quote, CR or LF.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Special(Vector256<ushort> chars) =>
        (Vector256.Equals(chars, Vector256.Create((ushort)','))
            | Vector256.Equals(chars, Vector256.Create((ushort)'"'))
            | Vector256.Equals(chars, Vector256.Create((ushort)'\r'))
            | Vector256.Equals(chars, Vector256.Create((ushort)'\n'))).ExtractMostSignificantBits();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Special(Vector128<ushort> chars) =>
        (Vector128.Equals(chars, Vector128.Create((ushort)','))
            | Vector128.Equals(chars, Vector128.Create((ushort)'"'))
            | Vector128.Equals(chars, Vector128.Create((ushort)'\r'))
            | Vector128.Equals(chars, Vector128.Create((ushort)'\n'))).ExtractMostSignificantBits();
}
