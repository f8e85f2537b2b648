using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace ConvGen.Kernels
{
    /// <summary>
    /// Where a pixel's input channels are zero, for the generated 1x1 kernels that skip zero inputs (a ReLU's output):
    /// how many, to choose the sparse or the dense tile, and which, to multiply only the others. Vector256 compares (the
    /// kernels that call these run only where Vector256 or Vector512 is accelerated), the last channels one by one.
    /// +0 and -0 are zero; a NaN is not (it must reach the output). Called by generated code; not meant to be called directly.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class ZeroMasks
    {
        /// <summary>How many of the <paramref name="count"/> floats from <paramref name="first"/> are zero.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static int CountZeros(ref float first, int count)
        {
            int zeros = 0, i = 0;
            for (; i <= count - 8; i += 8)
            {
                zeros += BitOperations.PopCount(Vector256.Equals(Vector256.LoadUnsafe(ref first, (nuint)i), Vector256<float>.Zero).ExtractMostSignificantBits());
            }

            for (; i < count; i++)
            {
                zeros += Unsafe.Add(ref first, i) == 0f ? 1 : 0;
            }

            return zeros;
        }

        /// <summary>Bit i set where float i of the <paramref name="count"/> (at most 64) from <paramref name="first"/> is not zero.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static ulong NonzeroMask(ref float first, int count)
        {
            ulong zero = 0;
            int i = 0;
            for (; i <= count - 8; i += 8)
            {
                zero |= (ulong)Vector256.Equals(Vector256.LoadUnsafe(ref first, (nuint)i), Vector256<float>.Zero).ExtractMostSignificantBits() << i;
            }

            for (; i < count; i++)
            {
                zero |= Unsafe.Add(ref first, i) == 0f ? 1ul << i : 0;
            }

            return count >= 64 ? ~zero : ~zero & ((1ul << count) - 1);
        }
    }
}
