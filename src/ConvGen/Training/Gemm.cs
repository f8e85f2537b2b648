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

        /// <summary>
        /// y[i] = Σp A[i, p] · x[p], or y[i] += it when <paramref name="accumulate"/>; A is [m, k] (a Dense layer's
        /// input gradient: kernel rows times the output gradient). Four rows at a time, each with its own accumulator.
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException">A size or leading dimension is negative or too small.</exception>
        /// <exception cref="ArgumentException">A span is too short.</exception>
        public static void MultiplyVector(int m, int k, ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> x, Span<float> y, bool accumulate)
        {
            Check(m, 1, k, a, lda, k, m, x, 1, 1, k, y, 1);
            ref float ar = ref MemoryMarshal.GetReference(a);
            ref float xr = ref MemoryMarshal.GetReference(x);
            ref float yr = ref MemoryMarshal.GetReference(y);
            int i = 0;
            if (Vector256.IsHardwareAccelerated && k >= 8)
            {
                for (; i + 4 <= m; i += 4)
                {
                    ref float a0 = ref Unsafe.Add(ref ar, (nint)i * lda);
                    ref float a1 = ref Unsafe.Add(ref a0, lda);
                    ref float a2 = ref Unsafe.Add(ref a1, lda);
                    ref float a3 = ref Unsafe.Add(ref a2, lda);
                    Vector256<float> s0 = default, s1 = default, s2 = default, s3 = default;
                    int p = 0;
                    for (; p + 8 <= k; p += 8)
                    {
                        Vector256<float> v = Vector256.LoadUnsafe(ref xr, (nuint)p);
                        s0 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref a0, (nuint)p), v, s0);
                        s1 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref a1, (nuint)p), v, s1);
                        s2 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref a2, (nuint)p), v, s2);
                        s3 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref a3, (nuint)p), v, s3);
                    }

                    float t0 = Vector256.Sum(s0), t1 = Vector256.Sum(s1), t2 = Vector256.Sum(s2), t3 = Vector256.Sum(s3);
                    for (; p < k; p++)
                    {
                        float v = Unsafe.Add(ref xr, p);
                        t0 += Unsafe.Add(ref a0, p) * v;
                        t1 += Unsafe.Add(ref a1, p) * v;
                        t2 += Unsafe.Add(ref a2, p) * v;
                        t3 += Unsafe.Add(ref a3, p) * v;
                    }

                    Put(ref Unsafe.Add(ref yr, i), t0, accumulate);
                    Put(ref Unsafe.Add(ref yr, i + 1), t1, accumulate);
                    Put(ref Unsafe.Add(ref yr, i + 2), t2, accumulate);
                    Put(ref Unsafe.Add(ref yr, i + 3), t3, accumulate);
                }
            }

            for (; i < m; i++)
            {
                ref float row = ref Unsafe.Add(ref ar, (nint)i * lda);
                float t = 0f;
                for (int p = 0; p < k; p++)
                {
                    t += Unsafe.Add(ref row, p) * Unsafe.Add(ref xr, p);
                }

                Put(ref Unsafe.Add(ref yr, i), t, accumulate);
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Put(ref float y, float value, bool accumulate) => y = accumulate ? y + value : value;

        /// <summary>t = aᵀ: a is [rows, columns] (contiguous), t is [columns, rows].</summary>
        /// <exception cref="ArgumentException">A span is too short.</exception>
        public static void Transpose(int rows, int columns, ReadOnlySpan<float> a, Span<float> t)
        {
            RowSizes(a.Length, rows, columns, columns);
            RowSizes(t.Length, columns, rows, rows);
            ref float ar = ref MemoryMarshal.GetReference(a);
            ref float tr = ref MemoryMarshal.GetReference(t);

            // 8x8 blocks keep both the reads and the writes within a few cache lines.
            for (int i0 = 0; i0 < rows; i0 += 8)
            {
                int i1 = Math.Min(rows, i0 + 8);
                for (int j0 = 0; j0 < columns; j0 += 8)
                {
                    int j1 = Math.Min(columns, j0 + 8);
                    for (int i = i0; i < i1; i++)
                    {
                        for (int j = j0; j < j1; j++)
                        {
                            Unsafe.Add(ref tr, (nint)j * rows + i) = Unsafe.Add(ref ar, (nint)i * columns + j);
                        }
                    }
                }
            }
        }

        /// <summary>c[r, j] += v[j] for every row r &lt; <paramref name="rows"/> of the contiguous [rows, columns] matrix c (a bias).</summary>
        /// <exception cref="ArgumentException">A span is too short.</exception>
        public static void AddToRows(Span<float> c, int rows, int columns, ReadOnlySpan<float> v)
        {
            RowSizes(c.Length, rows, columns, v.Length);
            RowPattern(ref MemoryMarshal.GetReference(c), rows * columns, columns, ref MemoryMarshal.GetReference(v), sum: false);
        }

        /// <summary>sums[j] += Σr a[r, j] over the contiguous [rows, columns] matrix a (a bias gradient).</summary>
        /// <exception cref="ArgumentException">A span is too short.</exception>
        public static void AddColumnSums(ReadOnlySpan<float> a, int rows, int columns, Span<float> sums)
        {
            RowSizes(a.Length, rows, columns, sums.Length);
            RowPattern(ref MemoryMarshal.GetReference(a), rows * columns, columns, ref MemoryMarshal.GetReference(sums), sum: true);
        }

        private static void RowSizes(int matrixLength, int rows, int columns, int vectorLength)
        {
            if (rows < 0 || columns < 0)
            {
                throw new ArgumentOutOfRangeException(rows < 0 ? nameof(rows) : nameof(columns), "Matrix sizes must not be negative.");
            }

            if (matrixLength < (long)rows * columns || vectorLength < columns)
            {
                throw new ArgumentException($"Spans of {matrixLength} and {vectorLength} floats are too short for a {rows}x{columns} matrix and its row vector.");
            }
        }

        /// <summary>
        /// The matrix read as one flat run in which the row vector repeats every <c>columns</c> floats: vectors walk
        /// it in periods of lcm(columns, 8) floats (the vector repeated to that length on the stack), so narrow rows
        /// (6 channels) are vectorized too. Not summing: m += pattern (m written); summing: pattern accumulators += m,
        /// folded into v (v written). Callers checked the lengths.
        /// </summary>
        private static void RowPattern(ref float mr, int total, int columns, ref float v, bool sum)
        {
            int period = columns == 0 ? 0 : columns * 8 / Gcd(columns, 8);
            int i = 0;
            if (Vector256.IsHardwareAccelerated && period > 0 && period <= 256 && total >= period)
            {
                Span<float> pattern = stackalloc float[period];
                ref float pr = ref MemoryMarshal.GetReference(pattern);
                for (int q = 0; q < period; q++)
                {
                    pattern[q] = sum ? 0f : Unsafe.Add(ref v, q % columns);
                }

                for (; i + period <= total; i += period)
                {
                    for (int q = 0; q < period; q += 8)
                    {
                        Vector256<float> at = Vector256.LoadUnsafe(ref mr, (nuint)(i + q));
                        Vector256<float> p = Vector256.LoadUnsafe(ref pr, (nuint)q);
                        if (sum)
                        {
                            (p + at).StoreUnsafe(ref pr, (nuint)q);
                        }
                        else
                        {
                            (at + p).StoreUnsafe(ref mr, (nuint)(i + q));
                        }
                    }
                }

                if (sum)
                {
                    for (int q = 0; q < period; q++)
                    {
                        Unsafe.Add(ref v, q % columns) += pattern[q];
                    }
                }
            }

            // The rest (whole rows: the period is a multiple of the row length).
            for (int j = 0; i < total; i++, j = j + 1 == columns ? 0 : j + 1)
            {
                if (sum)
                {
                    Unsafe.Add(ref v, j) += Unsafe.Add(ref mr, i);
                }
                else
                {
                    Unsafe.Add(ref mr, i) += Unsafe.Add(ref v, j);
                }
            }
        }

        private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);

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
