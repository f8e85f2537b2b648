using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ConvGen.Training
{
    // The register tiles of Gemm's products and how they store into C.
    public static partial class Gemm
    {
        private static void Tile4x16(int k, ref float a, int ars, int acs, ref float b, int ldb, ref float c, int ldc, bool accumulate)
        {
            Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default;
            Vector256<float> c20 = default, c21 = default, c30 = default, c31 = default;
            ref float a0 = ref a;
            ref float a1 = ref Unsafe.Add(ref a, ars);
            ref float a2 = ref Unsafe.Add(ref a, 2 * (nint)ars);
            ref float a3 = ref Unsafe.Add(ref a, 3 * (nint)ars);
            nint ao = 0, bo = 0;
            for (int p = 0; p < k; p++, ao += acs, bo += ldb)
            {
                Vector256<float> b0 = Vector256.LoadUnsafe(ref b, (nuint)bo);
                Vector256<float> b1 = Vector256.LoadUnsafe(ref b, (nuint)(bo + 8));
                Vector256<float> v = Vector256.Create(Unsafe.Add(ref a0, ao));
                c00 = Vector256.MultiplyAddEstimate(v, b0, c00);
                c01 = Vector256.MultiplyAddEstimate(v, b1, c01);
                v = Vector256.Create(Unsafe.Add(ref a1, ao));
                c10 = Vector256.MultiplyAddEstimate(v, b0, c10);
                c11 = Vector256.MultiplyAddEstimate(v, b1, c11);
                v = Vector256.Create(Unsafe.Add(ref a2, ao));
                c20 = Vector256.MultiplyAddEstimate(v, b0, c20);
                c21 = Vector256.MultiplyAddEstimate(v, b1, c21);
                v = Vector256.Create(Unsafe.Add(ref a3, ao));
                c30 = Vector256.MultiplyAddEstimate(v, b0, c30);
                c31 = Vector256.MultiplyAddEstimate(v, b1, c31);
            }

            Store(ref c, c00, c01, accumulate);
            Store(ref Unsafe.Add(ref c, ldc), c10, c11, accumulate);
            Store(ref Unsafe.Add(ref c, 2 * (nint)ldc), c20, c21, accumulate);
            Store(ref Unsafe.Add(ref c, 3 * (nint)ldc), c30, c31, accumulate);
        }

        private static void Tile1x16(int k, ref float a, int acs, ref float b, int ldb, ref float c, bool accumulate)
        {
            Vector256<float> c0 = default, c1 = default;
            nint ao = 0, bo = 0;
            for (int p = 0; p < k; p++, ao += acs, bo += ldb)
            {
                Vector256<float> v = Vector256.Create(Unsafe.Add(ref a, ao));
                c0 = Vector256.MultiplyAddEstimate(v, Vector256.LoadUnsafe(ref b, (nuint)bo), c0);
                c1 = Vector256.MultiplyAddEstimate(v, Vector256.LoadUnsafe(ref b, (nuint)(bo + 8)), c1);
            }

            Store(ref c, c0, c1, accumulate);
        }

        /// <summary>8 rows x 8 columns: 8 independent accumulators, enough to hide the multiply-add latency on narrow panels.</summary>
        private static void Tile8x8(int k, ref float a, int ars, int acs, ref float b, int ldb, ref float c, int ldc, bool accumulate, Vector256<float> mask)
        {
            Vector256<float> c0 = default, c1 = default, c2 = default, c3 = default, c4 = default, c5 = default, c6 = default, c7 = default;
            nint r1 = ars, r2 = 2 * (nint)ars, r3 = 3 * (nint)ars, r4 = 4 * (nint)ars, r5 = 5 * (nint)ars, r6 = 6 * (nint)ars, r7 = 7 * (nint)ars;
            nint ao = 0, bo = 0;
            for (int p = 0; p < k; p++, ao += acs, bo += ldb)
            {
                Vector256<float> b0 = Vector256.LoadUnsafe(ref b, (nuint)bo);
                c0 = Vector256.MultiplyAddEstimate(Vector256.Create(Unsafe.Add(ref a, ao)), b0, c0);
                c1 = Vector256.MultiplyAddEstimate(Vector256.Create(Unsafe.Add(ref a, ao + r1)), b0, c1);
                c2 = Vector256.MultiplyAddEstimate(Vector256.Create(Unsafe.Add(ref a, ao + r2)), b0, c2);
                c3 = Vector256.MultiplyAddEstimate(Vector256.Create(Unsafe.Add(ref a, ao + r3)), b0, c3);
                c4 = Vector256.MultiplyAddEstimate(Vector256.Create(Unsafe.Add(ref a, ao + r4)), b0, c4);
                c5 = Vector256.MultiplyAddEstimate(Vector256.Create(Unsafe.Add(ref a, ao + r5)), b0, c5);
                c6 = Vector256.MultiplyAddEstimate(Vector256.Create(Unsafe.Add(ref a, ao + r6)), b0, c6);
                c7 = Vector256.MultiplyAddEstimate(Vector256.Create(Unsafe.Add(ref a, ao + r7)), b0, c7);
            }

            // All loads before any store: a narrow row's store reaches into the next row, and loading it right after
            // would stall on store forwarding.
            nint l = ldc;
            Vector256<float> o0 = Vector256.LoadUnsafe(ref c), o1 = Vector256.LoadUnsafe(ref c, (nuint)l);
            Vector256<float> o2 = Vector256.LoadUnsafe(ref c, (nuint)(2 * l)), o3 = Vector256.LoadUnsafe(ref c, (nuint)(3 * l));
            Vector256<float> o4 = Vector256.LoadUnsafe(ref c, (nuint)(4 * l)), o5 = Vector256.LoadUnsafe(ref c, (nuint)(5 * l));
            Vector256<float> o6 = Vector256.LoadUnsafe(ref c, (nuint)(6 * l)), o7 = Vector256.LoadUnsafe(ref c, (nuint)(7 * l));
            Merge(c0, o0, accumulate, mask).StoreUnsafe(ref c);
            Merge(c1, o1, accumulate, mask).StoreUnsafe(ref c, (nuint)l);
            Merge(c2, o2, accumulate, mask).StoreUnsafe(ref c, (nuint)(2 * l));
            Merge(c3, o3, accumulate, mask).StoreUnsafe(ref c, (nuint)(3 * l));
            Merge(c4, o4, accumulate, mask).StoreUnsafe(ref c, (nuint)(4 * l));
            Merge(c5, o5, accumulate, mask).StoreUnsafe(ref c, (nuint)(5 * l));
            Merge(c6, o6, accumulate, mask).StoreUnsafe(ref c, (nuint)(6 * l));
            Merge(c7, o7, accumulate, mask).StoreUnsafe(ref c, (nuint)(7 * l));
        }

        private static void Tile4x8(int k, ref float a, int ars, int acs, ref float b, int ldb, ref float c, int ldc, bool accumulate, Vector256<float> mask)
        {
            Vector256<float> c0 = default, c1 = default, c2 = default, c3 = default;
            ref float a0 = ref a;
            ref float a1 = ref Unsafe.Add(ref a, ars);
            ref float a2 = ref Unsafe.Add(ref a, 2 * (nint)ars);
            ref float a3 = ref Unsafe.Add(ref a, 3 * (nint)ars);
            nint ao = 0, bo = 0;
            for (int p = 0; p < k; p++, ao += acs, bo += ldb)
            {
                Vector256<float> b0 = Vector256.LoadUnsafe(ref b, (nuint)bo);
                c0 = Vector256.MultiplyAddEstimate(Vector256.Create(Unsafe.Add(ref a0, ao)), b0, c0);
                c1 = Vector256.MultiplyAddEstimate(Vector256.Create(Unsafe.Add(ref a1, ao)), b0, c1);
                c2 = Vector256.MultiplyAddEstimate(Vector256.Create(Unsafe.Add(ref a2, ao)), b0, c2);
                c3 = Vector256.MultiplyAddEstimate(Vector256.Create(Unsafe.Add(ref a3, ao)), b0, c3);
            }

            nint l = ldc;
            Vector256<float> o0 = Vector256.LoadUnsafe(ref c), o1 = Vector256.LoadUnsafe(ref c, (nuint)l);
            Vector256<float> o2 = Vector256.LoadUnsafe(ref c, (nuint)(2 * l)), o3 = Vector256.LoadUnsafe(ref c, (nuint)(3 * l));
            Merge(c0, o0, accumulate, mask).StoreUnsafe(ref c);
            Merge(c1, o1, accumulate, mask).StoreUnsafe(ref c, (nuint)l);
            Merge(c2, o2, accumulate, mask).StoreUnsafe(ref c, (nuint)(2 * l));
            Merge(c3, o3, accumulate, mask).StoreUnsafe(ref c, (nuint)(3 * l));
        }

        private static void Tile1x8(int k, ref float a, int acs, ref float b, int ldb, ref float c, bool accumulate, Vector256<float> mask)
        {
            Vector256<float> c0 = default;
            nint ao = 0, bo = 0;
            for (int p = 0; p < k; p++, ao += acs, bo += ldb)
            {
                c0 = Vector256.MultiplyAddEstimate(Vector256.Create(Unsafe.Add(ref a, ao)), Vector256.LoadUnsafe(ref b, (nuint)bo), c0);
            }

            Store(ref c, c0, accumulate, mask);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Store(ref float c, Vector256<float> v0, Vector256<float> v1, bool accumulate)
        {
            Store(ref c, v0, accumulate);
            Store(ref Unsafe.Add(ref c, 8), v1, accumulate);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Store(ref float c, Vector256<float> v, bool accumulate)
        {
            if (accumulate)
            {
                v += Vector256.LoadUnsafe(ref c);
            }

            v.StoreUnsafe(ref c);
        }

        /// <summary>
        /// A row of a narrow tile: only the lanes in <paramref name="mask"/> change; the others keep their old values
        /// (they may be the next row's first columns, which that row's store then writes).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<float> Merge(Vector256<float> v, Vector256<float> old, bool accumulate, Vector256<float> mask) =>
            Vector256.ConditionalSelect(mask, accumulate ? v + old : v, old);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Store(ref float c, Vector256<float> v, bool accumulate, Vector256<float> mask) =>
            Merge(v, Vector256.LoadUnsafe(ref c), accumulate, mask).StoreUnsafe(ref c);

        /// <summary>
        /// Without Vector256 (e.g. ARM64's 128-bit NEON): rows of C updated with Vector&lt;float&gt; multiply-adds
        /// (C[i, :] += A(i, p) · B[p, :]) when B's rows are contiguous, else one dot product per element.
        /// </summary>
        private static void Scalar(int m, int n, int k, ref float a, int ars, int acs, ref float b, int bps, int bjs, ref float c, int ldc, bool accumulate)
        {
            if (bjs == 1 && Vector.IsHardwareAccelerated && n >= Vector<float>.Count)
            {
                int width = Vector<float>.Count;
                for (int i = 0; i < m; i++)
                {
                    ref float row = ref Unsafe.Add(ref c, (nint)i * ldc);
                    if (!accumulate)
                    {
                        MemoryMarshal.CreateSpan(ref row, n).Clear();
                    }

                    for (int p = 0; p < k; p++)
                    {
                        float av = Unsafe.Add(ref a, (nint)i * ars + (nint)p * acs);
                        ref float from = ref Unsafe.Add(ref b, (nint)p * bps);
                        var va = new Vector<float>(av);
                        int j = 0;
                        for (; j <= n - width; j += width)
                        {
                            (Vector.LoadUnsafe(ref row, (nuint)j) + va * Vector.LoadUnsafe(ref from, (nuint)j)).StoreUnsafe(ref row, (nuint)j);
                        }

                        for (; j < n; j++)
                        {
                            Unsafe.Add(ref row, j) += av * Unsafe.Add(ref from, j);
                        }
                    }
                }

                return;
            }

            for (int i = 0; i < m; i++)
            {
                ref float row = ref Unsafe.Add(ref c, (nint)i * ldc);
                for (int j = 0; j < n; j++)
                {
                    float sum = 0f;
                    for (int p = 0; p < k; p++)
                    {
                        sum += Unsafe.Add(ref a, (nint)i * ars + (nint)p * acs) * Unsafe.Add(ref b, (nint)p * bps + (nint)j * bjs);
                    }

                    Unsafe.Add(ref row, j) = accumulate ? Unsafe.Add(ref row, j) + sum : sum;
                }
            }
        }
    }
}
