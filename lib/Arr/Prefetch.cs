using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Workbook.Arr;

/// <summary>
/// Asks the processor to start loading an array element that a loop will read a few iterations later. The rollup's
/// joins read tables in random order (a parent's slot in the id index, an ultimate parent's id when writing); at
/// 2.5M accounts those tables outgrow the caches and each read waited for memory: writing the output took 1.2 s
/// without those reads and 2.3 s with them. A prefetch lets the wait overlap the work on the rows in between.
/// A hint only: it never faults, and does nothing where the instruction is missing.
/// </summary>
internal static class Prefetch
{
    /// <summary>How many rows ahead a loop asks for its random reads: enough to cover a memory access, not so many that the lines are evicted again.</summary>
    public const int Distance = 8;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Element<T>(T[] array, int index)
    {
        if (Sse.IsSupported && (uint)index < (uint)array.Length)
        {
            Sse.Prefetch0(Unsafe.AsPointer(ref array[index]));
        }
    }
}
