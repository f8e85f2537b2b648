using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ConvGen.Training
{
    /// <summary>
    /// Single-precision matrix products for the generated trainers' convolutions (im2col + GEMM), shape-independent so
    /// they live here once. Matrices are row-major with a leading dimension (floats between the starts of two rows).
    /// With Vector256 the products run in register tiles of 4 rows x 16 columns (8 accumulators kept over the whole
    /// inner dimension); column edges narrower than 16 go through a small zero-padded copy of B on the stack. Without
    /// Vector256 a plain scalar loop runs. Nothing is allocated.
    /// </summary>
    public static class Gemm
    {
        /// <summary>Inner-dimension block of a packed B panel (keeps the stack copy at 8 KiB).</summary>
        private const int PackDepth = 128;

        /// <summary>C = A · B, or C += A · B when <paramref name="accumulate"/>; A is [m, k], B is [k, n], C is [m, n].</summary>
        /// <exception cref="ArgumentOutOfRangeException">A size or leading dimension is negative or too small.</exception>
        /// <exception cref="ArgumentException">A span is too short for its matrix.</exception>
        public static void Multiply(int m, int n, int k, ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, Span<float> c, int ldc, bool accumulate)
        {
            Check(m, n, k, a, lda, k, m, b, ldb, n, k, c, ldc);
            Run(m, n, k, a, lda, 1, b, ldb, 1, c, ldc, accumulate);
        }

        /// <summary>C = Aᵀ · B, or C += Aᵀ · B when <paramref name="accumulate"/>; A is stored [k, m], B is [k, n], C is [m, n].</summary>
        /// <exception cref="ArgumentOutOfRangeException">A size or leading dimension is negative or too small.</exception>
        /// <exception cref="ArgumentException">A span is too short for its matrix.</exception>
        public static void MultiplyTransposedA(int m, int n, int k, ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, Span<float> c, int ldc, bool accumulate)
        {
            Check(m, n, k, a, lda, m, k, b, ldb, n, k, c, ldc);
            Run(m, n, k, a, 1, lda, b, ldb, 1, c, ldc, accumulate);
        }

        /// <summary>C = A · Bᵀ, or C += A · Bᵀ when <paramref name="accumulate"/>; A is [m, k], B is stored [n, k], C is [m, n].</summary>
        /// <exception cref="ArgumentOutOfRangeException">A size or leading dimension is negative or too small.</exception>
        /// <exception cref="ArgumentException">A span is too short for its matrix.</exception>
        public static void MultiplyTransposedB(int m, int n, int k, ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, Span<float> c, int ldc, bool accumulate)
        {
            Check(m, n, k, a, lda, k, m, b, ldb, k, n, c, ldc);
            Run(m, n, k, a, lda, 1, b, 1, ldb, c, ldc, accumulate);
        }

        /// <summary>Validates sizes; A and B are given as stored: <c>rows</c> rows of <c>columns</c> floats, rows <c>ld</c> apart.</summary>
        private static void Check(int m, int n, int k, ReadOnlySpan<float> a, int lda, int aColumns, int aRows,
            ReadOnlySpan<float> b, int ldb, int bColumns, int bRows, Span<float> c, int ldc)
        {
            if (m < 0 || n < 0 || k < 0)
            {
                throw new ArgumentOutOfRangeException(m < 0 ? nameof(m) : n < 0 ? nameof(n) : nameof(k), "Matrix sizes must not be negative.");
            }

            Matrix(a, lda, aRows, aColumns, nameof(a), nameof(lda));
            Matrix(b, ldb, bRows, bColumns, nameof(b), nameof(ldb));
            Matrix(c, ldc, m, n, nameof(c), nameof(ldc));
        }

        private static void Matrix(ReadOnlySpan<float> span, int ld, int rows, int columns, string name, string ldName)
        {
            if (ld < columns)
            {
                throw new ArgumentOutOfRangeException(ldName, ld, $"The leading dimension of {name} is smaller than its {columns} columns.");
            }

            if (rows > 0 && columns > 0 && span.Length < (long)(rows - 1) * ld + columns)
            {
                throw new ArgumentException($"{name} holds {span.Length} floats, too few for {rows} rows of {columns} floats {ld} apart.", name);
            }
        }

        /// <summary>C[i, j] (+)= Σp A(i, p) · B(p, j) with A(i, p) = a[i * ars + p * acs] and B(p, j) = b[p * bps + j * bjs].</summary>
        private static void Run(int m, int n, int k, ReadOnlySpan<float> a, int ars, int acs, ReadOnlySpan<float> b, int bps, int bjs, Span<float> c, int ldc, bool accumulate)
        {
            if (m == 0 || n == 0)
            {
                return;
            }

            ref float ar = ref MemoryMarshal.GetReference(a);
            ref float br = ref MemoryMarshal.GetReference(b);
            ref float cr = ref MemoryMarshal.GetReference(c);
            if (k == 0 || !Vector256.IsHardwareAccelerated)
            {
                Scalar(m, n, k, ref ar, ars, acs, ref br, bps, bjs, ref cr, ldc, accumulate);
                return;
            }

            int j = 0;
            if (bjs == 1)
            {
                // B's rows are contiguous: full 16- and 8-column panels read B in place.
                for (; j + 16 <= n; j += 16)
                {
                    Panel16(m, k, ref ar, ars, acs, ref Unsafe.Add(ref br, j), bps, ref Unsafe.Add(ref cr, j), ldc, accumulate);
                }

                if (j + 8 <= n)
                {
                    Panel8(m, k, ref ar, ars, acs, ref Unsafe.Add(ref br, j), bps, ref Unsafe.Add(ref cr, j), ldc, accumulate);
                    j += 8;
                }
            }

            while (j < n)
            {
                int width = Math.Min(n - j, 16);
                PackedPanel(m, k, width, ref ar, ars, acs, ref br, bps, bjs, j, ref Unsafe.Add(ref cr, j), ldc, accumulate);
                j += width;
            }
        }

        private static void Panel16(int m, int k, ref float a, int ars, int acs, ref float b, int ldb, ref float c, int ldc, bool accumulate)
        {
            int i = 0;
            for (; i + 4 <= m; i += 4)
            {
                Tile4x16(k, ref Unsafe.Add(ref a, (nint)i * ars), ars, acs, ref b, ldb, ref Unsafe.Add(ref c, (nint)i * ldc), ldc, accumulate);
            }

            for (; i < m; i++)
            {
                Tile1x16(k, ref Unsafe.Add(ref a, (nint)i * ars), acs, ref b, ldb, ref Unsafe.Add(ref c, (nint)i * ldc), accumulate);
            }
        }

        private static void Panel8(int m, int k, ref float a, int ars, int acs, ref float b, int ldb, ref float c, int ldc, bool accumulate)
        {
            int i = 0;
            for (; i + 4 <= m; i += 4)
            {
                Tile4x8(k, ref Unsafe.Add(ref a, (nint)i * ars), ars, acs, ref b, ldb, ref Unsafe.Add(ref c, (nint)i * ldc), ldc, accumulate);
            }

            for (; i < m; i++)
            {
                Tile1x8(k, ref Unsafe.Add(ref a, (nint)i * ars), acs, ref b, ldb, ref Unsafe.Add(ref c, (nint)i * ldc), accumulate);
            }
        }

        /// <summary>
        /// Columns j .. j + width (width ≤ 16) through a zero-padded stack copy of B, 8 or 16 wide and
        /// <see cref="PackDepth"/> deep; each tile lands in a stack block whose first <paramref name="width"/> columns go to C.
        /// </summary>
        private static void PackedPanel(int m, int k, int width, ref float a, int ars, int acs, ref float b, int bps, int bjs, int j, ref float c, int ldc, bool accumulate)
        {
            int padded = width <= 8 ? 8 : 16;
            Span<float> packed = stackalloc float[PackDepth * 16];
            Span<float> tile = stackalloc float[4 * 16];
            ref float pr = ref MemoryMarshal.GetReference(packed);
            ref float tr = ref MemoryMarshal.GetReference(tile);
            for (int p0 = 0; p0 < k; p0 += PackDepth)
            {
                int depth = Math.Min(PackDepth, k - p0);
                packed.Slice(0, depth * padded).Clear();
                for (int p = 0; p < depth; p++)
                {
                    ref float from = ref Unsafe.Add(ref b, (nint)(p0 + p) * bps + (nint)j * bjs);
                    for (int q = 0; q < width; q++)
                    {
                        Unsafe.Add(ref pr, p * padded + q) = Unsafe.Add(ref from, (nint)q * bjs);
                    }
                }

                bool add = accumulate || p0 > 0;
                ref float ap = ref Unsafe.Add(ref a, (nint)p0 * acs);
                if (width == padded)
                {
                    // A full panel (B was transposed): the tiles write C directly.
                    if (padded == 16)
                    {
                        Panel16(m, depth, ref ap, ars, acs, ref pr, padded, ref c, ldc, add);
                    }
                    else
                    {
                        Panel8(m, depth, ref ap, ars, acs, ref pr, padded, ref c, ldc, add);
                    }

                    continue;
                }

                for (int i = 0; i < m; i += 4)
                {
                    int rows = Math.Min(4, m - i);
                    ref float ai = ref Unsafe.Add(ref ap, (nint)i * ars);
                    if (rows == 4)
                    {
                        if (padded == 16)
                        {
                            Tile4x16(depth, ref ai, ars, acs, ref pr, padded, ref tr, 16, false);
                        }
                        else
                        {
                            Tile4x8(depth, ref ai, ars, acs, ref pr, padded, ref tr, 16, false);
                        }
                    }
                    else
                    {
                        for (int r = 0; r < rows; r++)
                        {
                            ref float ar = ref Unsafe.Add(ref ai, (nint)r * ars);
                            if (padded == 16)
                            {
                                Tile1x16(depth, ref ar, acs, ref pr, padded, ref Unsafe.Add(ref tr, r * 16), false);
                            }
                            else
                            {
                                Tile1x8(depth, ref ar, acs, ref pr, padded, ref Unsafe.Add(ref tr, r * 16), false);
                            }
                        }
                    }

                    for (int r = 0; r < rows; r++)
                    {
                        ref float row = ref Unsafe.Add(ref c, (nint)(i + r) * ldc);
                        for (int q = 0; q < width; q++)
                        {
                            float v = Unsafe.Add(ref tr, r * 16 + q);
                            Unsafe.Add(ref row, q) = add ? Unsafe.Add(ref row, q) + v : v;
                        }
                    }
                }
            }
        }

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

        private static void Tile4x8(int k, ref float a, int ars, int acs, ref float b, int ldb, ref float c, int ldc, bool accumulate)
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

            Store(ref c, c0, accumulate);
            Store(ref Unsafe.Add(ref c, ldc), c1, accumulate);
            Store(ref Unsafe.Add(ref c, 2 * (nint)ldc), c2, accumulate);
            Store(ref Unsafe.Add(ref c, 3 * (nint)ldc), c3, accumulate);
        }

        private static void Tile1x8(int k, ref float a, int acs, ref float b, int ldb, ref float c, bool accumulate)
        {
            Vector256<float> c0 = default;
            nint ao = 0, bo = 0;
            for (int p = 0; p < k; p++, ao += acs, bo += ldb)
            {
                c0 = Vector256.MultiplyAddEstimate(Vector256.Create(Unsafe.Add(ref a, ao)), Vector256.LoadUnsafe(ref b, (nuint)bo), c0);
            }

            Store(ref c, c0, accumulate);
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

        private static void Scalar(int m, int n, int k, ref float a, int ars, int acs, ref float b, int bps, int bjs, ref float c, int ldc, bool accumulate)
        {
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
