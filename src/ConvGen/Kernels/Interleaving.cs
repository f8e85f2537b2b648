using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace ConvGen.Kernels
{
    /// <summary>
    /// Interleaving for the generated depthwise kernels with a depth multiplier of 2 (one copy per assembly instead of one
    /// per network): the two multipliers' rows of a band, each in the input's channel order, into output channels
    /// c * 2 + m. Called by generated code; not meant to be called directly.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class Interleaving
    {
        /// <summary>
        /// <c>destination[2 * i] = first[i]</c> and <c>destination[2 * i + 1] = second[i]</c> for i in [0, count):
        /// 8 pairs at a time with AVX (unpack within the 128-bit halves, then exchange the halves), 4 with SSE or Arm's zip,
        /// the rest one pair at a time.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Two(ref float first, ref float second, ref float destination, int count)
        {
            int i = 0;
            if (Avx.IsSupported)
            {
                for (; i <= count - 8; i += 8)
                {
                    Vector256<float> a = Vector256.LoadUnsafe(ref first, (nuint)i), b = Vector256.LoadUnsafe(ref second, (nuint)i);
                    Vector256<float> low = Avx.UnpackLow(a, b), high = Avx.UnpackHigh(a, b); // [a0 b0 a1 b1 | a4 b4 a5 b5], [a2 b2 a3 b3 | a6 b6 a7 b7]
                    Avx.Permute2x128(low, high, 0x20).StoreUnsafe(ref destination, (nuint)(2 * i));
                    Avx.Permute2x128(low, high, 0x31).StoreUnsafe(ref destination, (nuint)((2 * i) + 8));
                }
            }

            if (Sse.IsSupported)
            {
                for (; i <= count - 4; i += 4)
                {
                    Vector128<float> a = Vector128.LoadUnsafe(ref first, (nuint)i), b = Vector128.LoadUnsafe(ref second, (nuint)i);
                    Sse.UnpackLow(a, b).StoreUnsafe(ref destination, (nuint)(2 * i));
                    Sse.UnpackHigh(a, b).StoreUnsafe(ref destination, (nuint)((2 * i) + 4));
                }
            }
            else if (AdvSimd.Arm64.IsSupported)
            {
                for (; i <= count - 4; i += 4)
                {
                    Vector128<float> a = Vector128.LoadUnsafe(ref first, (nuint)i), b = Vector128.LoadUnsafe(ref second, (nuint)i);
                    AdvSimd.Arm64.ZipLow(a, b).StoreUnsafe(ref destination, (nuint)(2 * i));
                    AdvSimd.Arm64.ZipHigh(a, b).StoreUnsafe(ref destination, (nuint)((2 * i) + 4));
                }
            }

            for (; i < count; i++)
            {
                Unsafe.Add(ref destination, 2 * i) = Unsafe.Add(ref first, i);
                Unsafe.Add(ref destination, (2 * i) + 1) = Unsafe.Add(ref second, i);
            }
        }
    }
}
