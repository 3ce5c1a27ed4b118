using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Workbook.Core;

/// <summary>The characters that are CSV syntax, shared by <see cref="CsvReader"/> and <see cref="CsvWriter"/> (both work on UTF-8 bytes).</summary>
internal static class CsvSyntax
{
    private static readonly SearchValues<char> SpecialChars = SearchValues.Create(",\"\r\n");

    /// <summary>
    /// The first comma, quote, CR or LF in <paramref name="utf8"/>, or -1: where an unquoted field ends when reading,
    /// and whether a field needs quotes when writing. Hand-vectorized with Vector128 rather than
    /// SearchValues.IndexOfAny: the framework's generic vector searcher is not precompiled, so a short-lived process
    /// ran it unoptimized (tier 0) for most of a file; this non-generic method is precompiled by ReadyToRun, and
    /// Vector128 is in the x64 and Arm64 baselines (code that asks about wider vectors is compiled again at run time).
    /// </summary>
    public static int IndexOfSpecial(ReadOnlySpan<byte> utf8)
    {
        ref var start = ref MemoryMarshal.GetReference(utf8);
        var length = utf8.Length;
        if (Vector128.IsHardwareAccelerated && length >= Vector128<byte>.Count)
        {
            // Whole vectors, then one last vector that overlaps the previous one (no scalar tail).
            var last = length - Vector128<byte>.Count;
            for (var i = 0; ; i = Math.Min(i + Vector128<byte>.Count, last))
            {
                var bytes = Vector128.LoadUnsafe(ref start, (nuint)i);
                var hits = (Vector128.Equals(bytes, Vector128.Create((byte)','))
                    | Vector128.Equals(bytes, Vector128.Create((byte)'"'))
                    | Vector128.Equals(bytes, Vector128.Create((byte)'\r'))
                    | Vector128.Equals(bytes, Vector128.Create((byte)'\n'))).ExtractMostSignificantBits();
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
            if (utf8[i] is (byte)',' or (byte)'"' or (byte)'\r' or (byte)'\n')
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The same search in UTF-16 text.</summary>
    public static int IndexOfSpecial(ReadOnlySpan<char> text) => text.IndexOfAny(SpecialChars);
}
