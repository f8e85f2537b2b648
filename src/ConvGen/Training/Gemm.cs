using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ConvGen.Training
{
    /// <summary>
    /// Single-precision matrix products for the generated trainers' convolutions (im2col + GEMM), shape-independent so
    /// they live here once. Matrices are row-major with a leading dimension (floats between the starts of two rows).
    /// With Vector256 the products run in register tiles (Gemm.Tiles.cs) of 4 rows x 16 columns, or 8 x 8 for narrow
    /// panels, the accumulators kept in registers over the whole inner dimension; B is read in place when its rows are
    /// contiguous, else (and for edges narrower than 8 that cannot be read as whole vectors) through a zero-padded copy
    /// on the stack. Without Vector256 a plain scalar loop runs. The vector helpers around the products (bias rows,
    /// transposes, matrix-vector) are in Gemm.Vectors.cs. Nothing is allocated.
    /// </summary>
    public static partial class Gemm
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

            if (j < n)
            {
                // Allocated once per call (stackalloc clears them), not per panel.
                Span<float> packed = stackalloc float[PackDepth * 16];
                Span<float> tile = stackalloc float[4 * 16];
                while (j < n)
                {
                    int width = Math.Min(n - j, 16);
                    PackedPanel(m, k, width, ref ar, ars, acs, ref br, b.Length, bps, bjs, j, ref Unsafe.Add(ref cr, j), ldc, c.Length - j, accumulate, packed, tile);
                    j += width;
                }
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
            for (; i + 8 <= m; i += 8)
            {
                Tile8x8(k, ref Unsafe.Add(ref a, (nint)i * ars), ars, acs, ref b, ldb, ref Unsafe.Add(ref c, (nint)i * ldc), ldc, accumulate, Vector256<float>.AllBitsSet);
            }

            for (; i + 4 <= m; i += 4)
            {
                Tile4x8(k, ref Unsafe.Add(ref a, (nint)i * ars), ars, acs, ref b, ldb, ref Unsafe.Add(ref c, (nint)i * ldc), ldc, accumulate, Vector256<float>.AllBitsSet);
            }

            for (; i < m; i++)
            {
                Tile1x8(k, ref Unsafe.Add(ref a, (nint)i * ars), acs, ref b, ldb, ref Unsafe.Add(ref c, (nint)i * ldc), accumulate, Vector256<float>.AllBitsSet);
            }
        }

        /// <summary>
        /// Columns j .. j + width (width ≤ 16) through a zero-padded stack copy of B, 8 or 16 wide and
        /// <see cref="PackDepth"/> deep; each tile lands in a stack block whose first <paramref name="width"/> columns go to C.
        /// </summary>
        private static void PackedPanel(int m, int k, int width, ref float a, int ars, int acs, ref float b, long bLength, int bps, int bjs, int j, ref float c, int ldc, long available, bool accumulate,
            Span<float> packed, Span<float> tile)
        {
            int padded = width <= 8 ? 8 : 16;
            Vector256<float> mask = Vector256.LessThan(Vector256.Create(0f, 1f, 2f, 3f, 4f, 5f, 6f, 7f), Vector256.Create((float)width));

            // Narrow rows of B that are contiguous are read in place when a whole vector fits: the extra lanes read the
            // next row's values, which only reach masked-off lanes of C.
            bool inPlace = padded == 8 && bjs == 1 && (long)(k - 1) * bps + j + 8 <= bLength;
            ref float tr = ref MemoryMarshal.GetReference(tile);
            for (int p0 = 0; p0 < k; p0 += inPlace ? k : PackDepth)
            {
                int depth = inPlace ? k : Math.Min(PackDepth, k - p0);
                scoped ref float pr = ref MemoryMarshal.GetReference(packed);
                int ldp = padded;
                if (inPlace)
                {
                    pr = ref Unsafe.Add(ref b, j);
                    ldp = bps;
                }
                else
                {
                    packed.Slice(0, depth * padded).Clear();
                    for (int p = 0; p < depth; p++)
                    {
                        ref float from = ref Unsafe.Add(ref b, (nint)(p0 + p) * bps + (nint)j * bjs);
                        for (int q = 0; q < width; q++)
                        {
                            Unsafe.Add(ref pr, p * padded + q) = Unsafe.Add(ref from, (nint)q * bjs);
                        }
                    }
                }

                bool add = accumulate || p0 > 0;
                ref float ap = ref Unsafe.Add(ref a, (nint)p0 * acs);
                if (width == padded)
                {
                    // A full panel (B was transposed): the tiles write C directly.
                    if (padded == 16)
                    {
                        Panel16(m, depth, ref ap, ars, acs, ref pr, ldp, ref c, ldc, add);
                    }
                    else
                    {
                        Panel8(m, depth, ref ap, ars, acs, ref pr, ldp, ref c, ldc, add);
                    }

                    continue;
                }

                int i = 0;
                if (padded == 8)
                {
                    for (; i + 8 <= m && (long)(i + 7) * ldc + 8 <= available; i += 8)
                    {
                        Tile8x8(depth, ref Unsafe.Add(ref ap, (nint)i * ars), ars, acs, ref pr, ldp, ref Unsafe.Add(ref c, (nint)i * ldc), ldc, add, mask);
                    }
                }

                for (; i < m; i += 4)
                {
                    int rows = Math.Min(4, m - i);
                    ref float ai = ref Unsafe.Add(ref ap, (nint)i * ars);
                    if (padded == 8 && (long)(i + rows - 1) * ldc + 8 <= available)
                    {
                        // Room for whole vectors in C: masked rows straight into C (the padding lanes of B are zero).
                        if (rows == 4)
                        {
                            Tile4x8(depth, ref ai, ars, acs, ref pr, ldp, ref Unsafe.Add(ref c, (nint)i * ldc), ldc, add, mask);
                        }
                        else
                        {
                            for (int r = 0; r < rows; r++)
                            {
                                Tile1x8(depth, ref Unsafe.Add(ref ai, (nint)r * ars), acs, ref pr, ldp, ref Unsafe.Add(ref c, (nint)(i + r) * ldc), add, mask);
                            }
                        }

                        continue;
                    }

                    if (rows == 4)
                    {
                        if (padded == 16)
                        {
                            Tile4x16(depth, ref ai, ars, acs, ref pr, ldp, ref tr, 16, false);
                        }
                        else
                        {
                            Tile4x8(depth, ref ai, ars, acs, ref pr, ldp, ref tr, 16, false, Vector256<float>.AllBitsSet);
                        }
                    }
                    else
                    {
                        for (int r = 0; r < rows; r++)
                        {
                            ref float ar = ref Unsafe.Add(ref ai, (nint)r * ars);
                            if (padded == 16)
                            {
                                Tile1x16(depth, ref ar, acs, ref pr, ldp, ref Unsafe.Add(ref tr, r * 16), false);
                            }
                            else
                            {
                                Tile1x8(depth, ref ar, acs, ref pr, ldp, ref Unsafe.Add(ref tr, r * 16), false, Vector256<float>.AllBitsSet);
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
    }
}
