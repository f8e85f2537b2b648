using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ConvGen.Training
{
    // The vector helpers of Gemm: matrix-vector product, transpose, bias rows and their sums.
    public static partial class Gemm
    {
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
    }
}
