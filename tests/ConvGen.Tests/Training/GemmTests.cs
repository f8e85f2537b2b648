using System;
using ConvGen.Training;

namespace ConvGen.Tests.Training
{
    /// <summary>The trainer's matrix products against a naive double-precision triple loop, over sizes that hit every tile edge.</summary>
    public class GemmTests
    {
        private static readonly int[] Sizes = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 15, 16, 17, 24, 33, 150 };

        public enum Layout
        {
            Plain,
            TransposedA,
            TransposedB,
        }

        [Theory]
        [InlineData(Layout.Plain)]
        [InlineData(Layout.TransposedA)]
        [InlineData(Layout.TransposedB)]
        public void Products_match_a_naive_triple_loop(Layout layout)
        {
            var random = new Random(7 + (int)layout);
            foreach (int m in Sizes)
            {
                foreach (int n in Sizes)
                {
                    // Every inner size with a few (m, n); a few inner sizes with all of them (keeps the test short).
                    int[] inner = m % 5 == 1 || n % 5 == 1 ? Sizes : new[] { 1, 9, 150 };
                    foreach (int k in inner)
                    {
                        Check(random, layout, m, n, k, accumulate: (m + n + k) % 2 == 0);
                    }
                }
            }
        }

        [Fact]
        public void Inner_sizes_longer_than_one_packed_block_and_zero_sizes()
        {
            var random = new Random(3);
            Check(random, Layout.TransposedB, 5, 6, 300, accumulate: true);
            Check(random, Layout.Plain, 9, 7, 257, accumulate: false);
            Check(random, Layout.TransposedA, 17, 3, 0, accumulate: false);
            Check(random, Layout.Plain, 0, 5, 4, accumulate: true);
        }

        [Fact]
        public void Matrix_vector_product_transpose_and_row_helpers_match_naive_loops()
        {
            var random = new Random(5);
            foreach (int rows in Sizes)
            {
                foreach (int columns in Sizes)
                {
                    float[] a = Random(random, rows * (columns + 1));
                    float[] x = Random(random, columns);
                    float[] y = Random(random, rows);
                    var expected = new double[rows];
                    for (int i = 0; i < rows; i++)
                    {
                        double sum = y[i];
                        for (int p = 0; p < columns; p++)
                        {
                            sum += (double)a[i * (columns + 1) + p] * x[p];
                        }

                        expected[i] = sum;
                    }

                    Gemm.MultiplyVector(rows, columns, a, columns + 1, x, y, accumulate: true);
                    for (int i = 0; i < rows; i++)
                    {
                        Assert.True(Math.Abs(expected[i] - y[i]) <= 1e-5 * (columns + 1), $"MultiplyVector {rows}x{columns}: y[{i}] = {y[i]}, expected {expected[i]}");
                    }

                    float[] transposed = Random(random, rows * columns);
                    Gemm.Transpose(rows, columns, a.AsSpan(0, rows * columns), transposed);
                    for (int i = 0; i < rows * columns; i++)
                    {
                        Assert.Equal(a[i], transposed[i % columns * rows + i / columns]);
                    }

                    // Bias rows and their gradient: c[r, j] += v[j]; sums[j] += sum over r of c[r, j].
                    float[] c = Random(random, rows * columns);
                    float[] v = Random(random, columns);
                    float[] before = (float[])c.Clone();
                    Gemm.AddToRows(c, rows, columns, v);
                    float[] sums = Random(random, columns);
                    var expectedSums = new double[columns];
                    for (int j = 0; j < columns; j++)
                    {
                        expectedSums[j] = sums[j];
                        for (int r = 0; r < rows; r++)
                        {
                            Assert.Equal(before[r * columns + j] + v[j], c[r * columns + j]);
                            expectedSums[j] += c[r * columns + j];
                        }
                    }

                    Gemm.AddColumnSums(c, rows, columns, sums);
                    for (int j = 0; j < columns; j++)
                    {
                        Assert.True(Math.Abs(expectedSums[j] - sums[j]) <= 1e-5 * (rows + 1), $"AddColumnSums {rows}x{columns}: [{j}] = {sums[j]}, expected {expectedSums[j]}");
                    }
                }
            }
        }

        [Fact]
        public void Short_spans_and_bad_sizes_throw()
        {
            var a = new float[12];
            var c = new float[12];
            Assert.Throws<ArgumentException>(() => Gemm.Multiply(4, 4, 4, a, 4, a, 4, c, 4, false));
            Assert.Throws<ArgumentOutOfRangeException>(() => Gemm.Multiply(2, 2, 3, a, 2, a, 2, c, 2, false));
            Assert.Throws<ArgumentOutOfRangeException>(() => Gemm.MultiplyTransposedB(-1, 2, 2, a, 2, a, 2, c, 2, false));
        }

        private static void Check(Random random, Layout layout, int m, int n, int k, bool accumulate)
        {
            // Leading dimensions a little wider than the rows, to catch stride mistakes.
            int aRows = layout == Layout.TransposedA ? k : m, aColumns = layout == Layout.TransposedA ? m : k;
            int bRows = layout == Layout.TransposedB ? n : k, bColumns = layout == Layout.TransposedB ? k : n;
            int lda = aColumns + 1, ldb = bColumns + 2, ldc = n + 3;
            float[] a = Random(random, aRows * lda);
            float[] b = Random(random, bRows * ldb);
            float[] c = Random(random, m * ldc);
            var expected = new double[c.Length];
            for (int q = 0; q < c.Length; q++)
            {
                expected[q] = c[q];
            }

            for (int i = 0; i < m; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    double sum = 0;
                    for (int p = 0; p < k; p++)
                    {
                        double av = layout == Layout.TransposedA ? a[p * lda + i] : a[i * lda + p];
                        double bv = layout == Layout.TransposedB ? b[j * ldb + p] : b[p * ldb + j];
                        sum += av * bv;
                    }

                    expected[i * ldc + j] = accumulate ? expected[i * ldc + j] + sum : sum;
                }
            }

            switch (layout)
            {
                case Layout.Plain: Gemm.Multiply(m, n, k, a, lda, b, ldb, c, ldc, accumulate); break;
                case Layout.TransposedA: Gemm.MultiplyTransposedA(m, n, k, a, lda, b, ldb, c, ldc, accumulate); break;
                default: Gemm.MultiplyTransposedB(m, n, k, a, lda, b, ldb, c, ldc, accumulate); break;
            }

            for (int q = 0; q < c.Length; q++)
            {
                // Padding columns (j >= n) must be untouched: expected holds their old values.
                double tolerance = 1e-5 * (k + 1);
                Assert.True(Math.Abs(expected[q] - c[q]) <= tolerance, $"{layout} m={m} n={n} k={k} accumulate={accumulate}: C[{q / ldc}, {q % ldc}] = {c[q]}, expected {expected[q]}");
            }
        }

        private static float[] Random(Random random, int length)
        {
            var values = new float[length];
            for (int i = 0; i < length; i++)
            {
                values[i] = (float)(random.NextDouble() * 2 - 1);
            }

            return values;
        }
    }
}
