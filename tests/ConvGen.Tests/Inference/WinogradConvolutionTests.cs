using System;
using System.Runtime.Intrinsics;
using ConvGen.Inference;
using Xunit.Abstractions;

namespace ConvGen.Tests.Inference
{
    /// <summary>Winograd F(2x2, 3x3) and F(4x4, 3x3) against a direct convolution written here in double.</summary>
    public class WinogradConvolutionTests
    {
        private readonly ITestOutputHelper _output;

        public WinogradConvolutionTests(ITestOutputHelper output) => _output = output;

        [Theory]
        [InlineData(2)]
        [InlineData(4)]
        public void MatchesDirectConvolutionOnRandomGeometries(int tile)
        {
            var random = new Random(1234 + tile);
            // About twice the largest error measured (Lavin's points, 0, ±1, ±2, reached 6.2e-5 for F(4x4) here).
            double bound = tile == 2 ? 1e-5 : 4e-5;
            double worst = 0;
            for (int trial = 0; trial < 150; trial++)
            {
                int height = random.Next(1, 14), width = random.Next(1, 14);
                int inChannels = random.Next(1, 20), outChannels = random.Next(1, 22);
                bool same = random.Next(2) == 0;
                if (!same && (height < 3 || width < 3))
                {
                    same = true;
                }

                int pad = same ? 1 : 0;
                int outHeight = same ? height : height - 2, outWidth = same ? width : width - 2;
                Activation activation = (Activation)new[] { (int)Activation.Linear, (int)Activation.ReLU, (int)Activation.ReLU6 }[random.Next(3)];
                bool useBias = random.Next(2) == 0;
                float[] input = Uniform(random, height * width * inChannels, 2);
                float[] kernel = Uniform(random, 9 * inChannels * outChannels, 0.5f);
                float[] bias = useBias ? Uniform(random, outChannels, 1) : Array.Empty<float>();

                double[] expected = Direct(input, height, width, inChannels, pad, kernel, bias, outHeight, outWidth, outChannels, activation);
                float[] actual = Winograd(tile, input, height, width, inChannels, pad, kernel, bias, outHeight, outWidth, outChannels, activation);

                for (int i = 0; i < expected.Length; i++)
                {
                    double scale = Math.Max(1, Math.Abs(expected[i]));
                    double error = Math.Abs(actual[i] - expected[i]) / scale;
                    worst = Math.Max(worst, error);
                    Assert.True(error <= bound, $"F({tile}x{tile},3x3) {height}x{width}x{inChannels} -> {outChannels} pad {pad} {activation}: " +
                        $"element {i} is {actual[i]}, direct {expected[i]}");
                }
            }

            _output.WriteLine($"F({tile}x{tile}, 3x3): largest error {worst:E2} relative to max(1, |direct|) (Vector512 accelerated: {Vector512.IsHardwareAccelerated})");
        }

        /// <summary>
        /// Layers as trained networks have them: 32-256 input channels, Glorot-uniform kernels, small biases, ReLU-like
        /// inputs in [0, 4] and signed inputs in [-2, 2], TF <c>same</c>, no activation (so negative errors count too).
        /// The bounds are about twice the largest error measured (docs/winograd.md); F(4x4) with Lavin's points
        /// 0, ±1, ±2 measured 8.9e-5 on the 256-channel layer and failed its bound.
        /// </summary>
        [Theory]
        [InlineData(2, 16, 32, 32, 1e-5)]
        [InlineData(2, 16, 64, 64, 1e-5)]
        [InlineData(2, 8, 128, 128, 1e-5)]
        [InlineData(2, 8, 256, 256, 1e-5)]
        [InlineData(4, 16, 32, 32, 4e-5)]
        [InlineData(4, 16, 64, 64, 4e-5)]
        [InlineData(4, 8, 128, 128, 4e-5)]
        [InlineData(4, 8, 256, 256, 4e-5)]
        public void RealisticLayersStayWithinBound(int tile, int size, int inChannels, int outChannels, double bound)
        {
            string failures = "";
            foreach (bool relu in new[] { true, false })
            {
                var random = new Random(size * 1000 + inChannels + (relu ? 7 : 0));
                float limit = (float)Math.Sqrt(6.0 / (9 * inChannels + 9 * outChannels));
                float[] kernel = Uniform(random, 9 * inChannels * outChannels, limit);
                float[] bias = Uniform(random, outChannels, 0.1f);
                float[] input = Uniform(random, size * size * inChannels, 2);
                if (relu)
                {
                    for (int i = 0; i < input.Length; i++)
                    {
                        input[i] += 2;
                    }
                }

                double[] expected = Direct(input, size, size, inChannels, 1, kernel, bias, size, size, outChannels, Activation.Linear);
                float[] actual = Winograd(tile, input, size, size, inChannels, 1, kernel, bias, size, size, outChannels, Activation.Linear);
                double worst = 0;
                for (int i = 0; i < expected.Length; i++)
                {
                    worst = Math.Max(worst, Math.Abs(actual[i] - expected[i]) / Math.Max(1, Math.Abs(expected[i])));
                }

                _output.WriteLine($"F({tile}x{tile}, 3x3) {size}x{size}x{inChannels} -> {outChannels}, inputs in {(relu ? "[0, 4]" : "[-2, 2]")}: largest error {worst:E2}");
                if (worst > bound)
                {
                    failures += $"F({tile}x{tile}, 3x3) {size}x{size}x{inChannels} -> {outChannels}, inputs {(relu ? "[0, 4]" : "[-2, 2]")}: error {worst:E2} > {bound:E1}. ";
                }
            }

            Assert.True(failures.Length == 0, failures);
        }

        /// <summary>
        /// The matrices themselves, in double: Aᵀ[(G g Gᵀ) ⊙ (Bᵀ d B)]A must equal the 2D correlation of a random
        /// alpha x alpha tile d with a random 3x3 kernel g, computed here from its definition, to rounding in double.
        /// </summary>
        [Theory]
        [InlineData(2)]
        [InlineData(4)]
        public void TransformMatricesComputeTheCorrelationInDouble(int tile)
        {
            double[,] g = tile == 2 ? WinogradConvolution.G2 : WinogradConvolution.G4;
            double[,] bt = tile == 2 ? WinogradConvolution.BT2 : WinogradConvolution.BT4;
            double[,] at = tile == 2 ? WinogradConvolution.AT2 : WinogradConvolution.AT4;
            int alpha = tile + 2;
            Assert.Equal(new[] { alpha, 3 }, new[] { g.GetLength(0), g.GetLength(1) });
            Assert.Equal(new[] { alpha, alpha }, new[] { bt.GetLength(0), bt.GetLength(1) });
            Assert.Equal(new[] { tile, alpha }, new[] { at.GetLength(0), at.GetLength(1) });
            var random = new Random(99 + tile);
            for (int trial = 0; trial < 20; trial++)
            {
                var d = new double[alpha, alpha];
                var k = new double[3, 3];
                for (int i = 0; i < alpha; i++)
                {
                    for (int j = 0; j < alpha; j++)
                    {
                        d[i, j] = random.NextDouble() * 4 - 2;
                    }
                }

                for (int i = 0; i < 3; i++)
                {
                    for (int j = 0; j < 3; j++)
                    {
                        k[i, j] = random.NextDouble() * 2 - 1;
                    }
                }

                double[,] u = Product(Product(g, k), Transpose(g));
                double[,] v = Product(Product(bt, d), Transpose(bt));
                var m = new double[alpha, alpha];
                for (int i = 0; i < alpha; i++)
                {
                    for (int j = 0; j < alpha; j++)
                    {
                        m[i, j] = u[i, j] * v[i, j];
                    }
                }

                double[,] y = Product(Product(at, m), Transpose(at));
                for (int oy = 0; oy < tile; oy++)
                {
                    for (int ox = 0; ox < tile; ox++)
                    {
                        double expected = 0;
                        for (int ky = 0; ky < 3; ky++)
                        {
                            for (int kx = 0; kx < 3; kx++)
                            {
                                expected += d[oy + ky, ox + kx] * k[ky, kx];
                            }
                        }

                        Assert.True(Math.Abs(y[oy, ox] - expected) <= 1e-12 * Math.Max(1, Math.Abs(expected)), $"F({tile}x{tile}) output ({oy}, {ox}): {y[oy, ox]} vs {expected}");
                    }
                }
            }
        }

        /// <summary>The hand-factored vector transforms of F(4x4) (Vector256 and Vector512) apply the matrices above (to float rounding).</summary>
        [Fact]
        public void VectorTransformsOfF4ApplyTheMatrices()
        {
            var random = new Random(5);
            for (int trial = 0; trial < 50; trial++)
            {
                var d = new float[6][];
                for (int i = 0; i < 6; i++)
                {
                    d[i] = Uniform(random, 8, 3);
                }

                Vector256<float> V(int i) => Vector256.Create(d[i]);
                WinogradConvolution.Input6(V(0), V(1), V(2), V(3), V(4), V(5), out var t0, out var t1, out var t2, out var t3, out var t4, out var t5);
                Vector256<float>[] t = { t0, t1, t2, t3, t4, t5 };
                WinogradConvolution.Output6(V(0), V(1), V(2), V(3), V(4), V(5), out var y0, out var y1, out var y2, out var y3);
                Vector256<float>[] y = { y0, y1, y2, y3 };

                // The Vector512 twins (16 channels at a time), on the same values in both halves.
                Vector512<float> W(int i) => Vector512.Create(V(i), V(i));
                WinogradConvolution.Input6(W(0), W(1), W(2), W(3), W(4), W(5), out var w0, out var w1, out var w2, out var w3, out var w4, out var w5);
                WinogradConvolution.Output6(W(0), W(1), W(2), W(3), W(4), W(5), out var z0, out var z1, out var z2, out var z3);
                Assert.Equal(new[] { t0, t1, t2, t3, t4, t5, t0, t1, t2, t3, t4, t5 }, new[] { w0.GetLower(), w1.GetLower(), w2.GetLower(), w3.GetLower(), w4.GetLower(), w5.GetLower(),
                    w0.GetUpper(), w1.GetUpper(), w2.GetUpper(), w3.GetUpper(), w4.GetUpper(), w5.GetUpper() });
                Assert.Equal(new[] { y0, y1, y2, y3, y0, y1, y2, y3 }, new[] { z0.GetLower(), z1.GetLower(), z2.GetLower(), z3.GetLower(), z0.GetUpper(), z1.GetUpper(), z2.GetUpper(), z3.GetUpper() });
                for (int lane = 0; lane < 8; lane++)
                {
                    for (int r = 0; r < 6; r++)
                    {
                        double expected = 0;
                        for (int j = 0; j < 6; j++)
                        {
                            expected += WinogradConvolution.BT4[r, j] * d[j][lane];
                        }

                        Assert.True(Math.Abs(t[r].GetElement(lane) - expected) <= 1e-5, $"Bᵀ row {r}: {t[r].GetElement(lane)} vs {expected}");
                    }

                    for (int r = 0; r < 4; r++)
                    {
                        double expected = 0;
                        for (int j = 0; j < 6; j++)
                        {
                            expected += WinogradConvolution.AT4[r, j] * d[j][lane];
                        }

                        Assert.True(Math.Abs(y[r].GetElement(lane) - expected) <= 1e-5, $"Aᵀ row {r}: {y[r].GetElement(lane)} vs {expected}");
                    }
                }
            }
        }

        internal static double[,] Product(double[,] a, double[,] b)
        {
            var c = new double[a.GetLength(0), b.GetLength(1)];
            for (int i = 0; i < a.GetLength(0); i++)
            {
                for (int j = 0; j < b.GetLength(1); j++)
                {
                    for (int p = 0; p < a.GetLength(1); p++)
                    {
                        c[i, j] += a[i, p] * b[p, j];
                    }
                }
            }

            return c;
        }

        internal static double[,] Transpose(double[,] a)
        {
            var t = new double[a.GetLength(1), a.GetLength(0)];
            for (int i = 0; i < a.GetLength(0); i++)
            {
                for (int j = 0; j < a.GetLength(1); j++)
                {
                    t[j, i] = a[i, j];
                }
            }

            return t;
        }

        [Fact]
        public void HandComputedSmallCase()
        {
            // 3x3 input of 1..9, one channel; kernel all ones except the centre 2; valid -> one output:
            // sum(1..9) + 5 (the centre counted twice) = 50; with bias 0.5 -> 50.5.
            float[] input = { 1, 2, 3, 4, 5, 6, 7, 8, 9 };
            float[] kernel = { 1, 1, 1, 1, 2, 1, 1, 1, 1 };
            foreach (int tile in new[] { 2, 4 })
            {
                float[] output = Winograd(tile, input, 3, 3, 1, 0, kernel, new[] { 0.5f }, 1, 1, 1, Activation.Linear);
                Assert.Equal(50.5f, output[0], 4);

                // Same padding, top-left output: 1 + 2 + 4 + 2*... window rows -1..1: pixels (0,0)=1 centre x2, (0,1)=2, (1,0)=4, (1,1)=5 -> 2 + 2 + 4 + 5 = 13.
                float[] same = Winograd(tile, input, 3, 3, 1, 1, kernel, Array.Empty<float>(), 3, 3, 1, Activation.Linear);
                Assert.Equal(13f, same[0], 4);
                Assert.Equal(50f, same[4], 4);
            }
        }

        [Fact]
        public void RejectsWrongSizesAndOverlaps()
        {
            float[] kernel = new float[9 * 2 * 3];
            float[] transformed = new float[WinogradConvolution.TransformedKernelLength(2, 2, 3)];
            float[] work = new float[WinogradConvolution.WorkspaceLength(2, 2, 3)];
            float[] input = new float[4 * 4 * 2];
            float[] output = new float[4 * 4 * 3];

            var tileError = Assert.Throws<ArgumentOutOfRangeException>(() => WinogradConvolution.TransformedKernelLength(3, 2, 3));
            Assert.Equal("outputTile", tileError.ParamName);
            var kernelError = Assert.Throws<ArgumentException>(() => WinogradConvolution.TransformKernel(2, new float[5], 2, 3, transformed));
            Assert.Contains("expected 54", kernelError.Message, StringComparison.Ordinal);
            WinogradConvolution.TransformKernel(2, kernel, 2, 3, transformed);

            var inputError = Assert.Throws<ArgumentException>(() => WinogradConvolution.Run(2, new float[7], 4, 4, 2, 1, 1, transformed, default, output, 4, 4, 3, Activation.Linear, work));
            Assert.Equal("input", inputError.ParamName);
            var workError = Assert.Throws<ArgumentException>(() => WinogradConvolution.Run(2, input, 4, 4, 2, 1, 1, transformed, default, output, 4, 4, 3, Activation.Linear, new float[3]));
            Assert.Equal("workspace", workError.ParamName);
            var activationError = Assert.Throws<ArgumentOutOfRangeException>(() => WinogradConvolution.Run(2, input, 4, 4, 2, 1, 1, transformed, default, output, 4, 4, 3, Activation.Sigmoid, work));
            Assert.Equal("activation", activationError.ParamName);
            float[] shared = new float[200];
            var overlap = Assert.Throws<ArgumentException>(() => WinogradConvolution.Run(2, shared.AsSpan(0, 32), 4, 4, 2, 1, 1, transformed, default, shared.AsSpan(10, 48), 4, 4, 3, Activation.Linear, work));
            Assert.Contains("overlap", overlap.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void RunAllocatesNothing()
        {
            float[] kernel = Uniform(new Random(3), 9 * 16 * 16, 0.5f);
            float[] transformed = new float[WinogradConvolution.TransformedKernelLength(4, 16, 16)];
            WinogradConvolution.TransformKernel(4, kernel, 16, 16, transformed);
            float[] work = new float[WinogradConvolution.WorkspaceLength(4, 16, 16)];
            float[] input = Uniform(new Random(4), 12 * 12 * 16, 1);
            float[] output = new float[12 * 12 * 16];
            float[] bias = new float[16];

            ConvGen.Tests.Infrastructure.Allocation.AssertNone(
                () => WinogradConvolution.Run(4, input, 12, 12, 16, 1, 1, transformed, bias, output, 12, 12, 16, Activation.ReLU, work),
                "WinogradConvolution.Run", calls: 50);
        }

        private static float[] Winograd(int tile, float[] input, int height, int width, int inChannels, int pad, float[] kernel, float[] bias,
            int outHeight, int outWidth, int outChannels, Activation activation)
        {
            float[] transformed = new float[WinogradConvolution.TransformedKernelLength(tile, inChannels, outChannels)];
            WinogradConvolution.TransformKernel(tile, kernel, inChannels, outChannels, transformed);
            float[] work = new float[WinogradConvolution.WorkspaceLength(tile, inChannels, outChannels)];
            float[] output = new float[outHeight * outWidth * outChannels];
            WinogradConvolution.Run(tile, input, height, width, inChannels, pad, pad, transformed, bias, output, outHeight, outWidth, outChannels, activation, work);
            return output;
        }

        private static double[] Direct(float[] input, int height, int width, int inChannels, int pad, float[] kernel, float[] bias,
            int outHeight, int outWidth, int outChannels, Activation activation) =>
            Direct(input, height, width, inChannels, pad, pad, kernel, bias, outHeight, outWidth, outChannels, activation);

        /// <summary>
        /// activation(bias + Σ input · kernel) of a k x k (3x3 unless told), stride-1 convolution in double, from the
        /// definition: tap (ky, kx) of output (oy, ox) reads input (oy + ky · dilationHeight - padTop, ox + kx · dilationWidth
        /// - padLeft), zeros outside the image, Keras [k, k, in, out] kernel.
        /// </summary>
        internal static double[] Direct(float[] input, int height, int width, int inChannels, int padTop, int padLeft, float[] kernel, float[] bias,
            int outHeight, int outWidth, int outChannels, Activation activation, int dilationHeight = 1, int dilationWidth = 1, int kernelSize = 3)
        {
            var output = new double[outHeight * outWidth * outChannels];
            for (int oy = 0; oy < outHeight; oy++)
            {
                for (int ox = 0; ox < outWidth; ox++)
                {
                    for (int co = 0; co < outChannels; co++)
                    {
                        double sum = bias.Length > 0 ? bias[co] : 0;
                        for (int ky = 0; ky < kernelSize; ky++)
                        {
                            for (int kx = 0; kx < kernelSize; kx++)
                            {
                                int y = oy + (ky * dilationHeight) - padTop, x = ox + (kx * dilationWidth) - padLeft;
                                if (y < 0 || y >= height || x < 0 || x >= width)
                                {
                                    continue;
                                }

                                for (int ci = 0; ci < inChannels; ci++)
                                {
                                    sum += (double)input[(y * width + x) * inChannels + ci] * kernel[((ky * kernelSize + kx) * inChannels + ci) * outChannels + co];
                                }
                            }
                        }

                        output[(oy * outWidth + ox) * outChannels + co] = activation switch
                        {
                            Activation.ReLU => Math.Max(0, sum),
                            Activation.ReLU6 => Math.Min(6, Math.Max(0, sum)),
                            _ => sum,
                        };
                    }
                }
            }

            return output;
        }

        internal static float[] Uniform(Random random, int length, float scale)
        {
            var values = new float[length];
            for (int i = 0; i < length; i++)
            {
                values[i] = (float)(random.NextDouble() * 2 - 1) * scale;
            }

            return values;
        }
    }
}
