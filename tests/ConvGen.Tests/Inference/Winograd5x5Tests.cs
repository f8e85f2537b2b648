using System;
using System.Runtime.Intrinsics;
using ConvGen.Inference;
using Xunit.Abstractions;

namespace ConvGen.Tests.Inference
{
    /// <summary>
    /// Winograd F(2x2, 5x5) (WinogradConvolution with a kernel size of 5) against the direct convolution in double of
    /// WinogradConvolutionTests with 5x5 taps, undilated and dilated.
    /// </summary>
    public class Winograd5x5Tests
    {
        /// <summary>About twice the largest error measured on the random geometries below (2.2e-5, docs/winograd.md).</summary>
        private const double Bound = 4.5e-5;

        /// <summary>About twice the largest error measured on the realistic layers below (1.4e-5).</summary>
        private const double RealisticBound = 3e-5;

        private readonly ITestOutputHelper _output;

        public Winograd5x5Tests(ITestOutputHelper output) => _output = output;

        /// <summary>
        /// The matrices in double: Aᵀ[(G g Gᵀ) ⊙ (Bᵀ d B)]A equals the 2D correlation of a random 6x6 tile d with a random
        /// 5x5 kernel g, from its definition; Bᵀ is F(4x4, 3x3)'s (the same points), G and Aᵀ the 5x5 variant's own.
        /// </summary>
        [Fact]
        public void TransformMatricesComputeTheCorrelationInDouble()
        {
            double[,] g = WinogradConvolution.G25, bt = WinogradConvolution.BT4, at = WinogradConvolution.AT25;
            Assert.Equal(new[] { 6, 5 }, new[] { g.GetLength(0), g.GetLength(1) });
            Assert.Equal(new[] { 2, 6 }, new[] { at.GetLength(0), at.GetLength(1) });
            var random = new Random(55);
            for (int trial = 0; trial < 20; trial++)
            {
                var d = new double[6, 6];
                var k = new double[5, 5];
                for (int i = 0; i < 36; i++)
                {
                    d[i / 6, i % 6] = random.NextDouble() * 4 - 2;
                }

                for (int i = 0; i < 25; i++)
                {
                    k[i / 5, i % 5] = random.NextDouble() * 2 - 1;
                }

                double[,] u = WinogradConvolutionTests.Product(WinogradConvolutionTests.Product(g, k), WinogradConvolutionTests.Transpose(g));
                double[,] v = WinogradConvolutionTests.Product(WinogradConvolutionTests.Product(bt, d), WinogradConvolutionTests.Transpose(bt));
                var m = new double[6, 6];
                for (int i = 0; i < 36; i++)
                {
                    m[i / 6, i % 6] = u[i / 6, i % 6] * v[i / 6, i % 6];
                }

                double[,] y = WinogradConvolutionTests.Product(WinogradConvolutionTests.Product(at, m), WinogradConvolutionTests.Transpose(at));
                for (int oy = 0; oy < 2; oy++)
                {
                    for (int ox = 0; ox < 2; ox++)
                    {
                        double expected = 0;
                        for (int ky = 0; ky < 5; ky++)
                        {
                            for (int kx = 0; kx < 5; kx++)
                            {
                                expected += d[oy + ky, ox + kx] * k[ky, kx];
                            }
                        }

                        Assert.True(Math.Abs(y[oy, ox] - expected) <= 1e-12 * Math.Max(1, Math.Abs(expected)), $"F(2x2, 5x5) output ({oy}, {ox}): {y[oy, ox]} vs {expected}");
                    }
                }
            }
        }

        /// <summary>
        /// Random geometries: sizes 1-15 (tiles overhanging every edge), 1-40 channels in and out (partial vectors, the
        /// 16-lane transforms where Vector512 is accelerated and their Vector256 remainder), same and valid padding,
        /// dilations 1-2 through RunDilated, every fused activation, with and without a bias. Workspace and output are
        /// filled with NaN first, so a read of something not written, or an output not written, fails.
        /// </summary>
        [Fact]
        public void MatchesTheDirectConvolutionOnRandomGeometries()
        {
            var random = new Random(2525);
            double worst = 0;
            for (int trial = 0; trial < 160; trial++)
            {
                int dh = random.Next(4) == 0 ? 2 : 1, dw = random.Next(4) == 0 ? 2 : 1;
                int height = random.Next(1, 16), width = random.Next(1, 16);
                int inChannels = random.Next(1, 41), outChannels = random.Next(1, 41);
                bool same = random.Next(2) == 0 || height <= 4 * dh || width <= 4 * dw;
                int padTop = same ? 2 * dh : 0, padLeft = same ? 2 * dw : 0;
                int outHeight = same ? height : height - (4 * dh), outWidth = same ? width : width - (4 * dw);
                Activation activation = new[] { Activation.Linear, Activation.ReLU, Activation.ReLU6 }[random.Next(3)];
                float[] input = WinogradConvolutionTests.Uniform(random, height * width * inChannels, 2);
                float[] kernel = WinogradConvolutionTests.Uniform(random, 25 * inChannels * outChannels, 0.3f);
                float[] bias = random.Next(2) == 0 ? WinogradConvolutionTests.Uniform(random, outChannels, 1) : Array.Empty<float>();

                double[] expected = WinogradConvolutionTests.Direct(input, height, width, inChannels, padTop, padLeft, kernel, bias, outHeight, outWidth, outChannels, activation, dh, dw, kernelSize: 5);
                float[] transformed = new float[WinogradConvolution.TransformedKernelLength(2, 5, inChannels, outChannels)];
                WinogradConvolution.TransformKernel(2, 5, kernel, inChannels, outChannels, transformed);
                float[] work = new float[WinogradConvolution.DilatedWorkspaceLength(2, 5, inChannels, outChannels, height, width, outHeight, outWidth, dh, dw)];
                work.AsSpan().Fill(float.NaN);
                float[] actual = new float[expected.Length];
                actual.AsSpan().Fill(float.NaN);
                if (dh == 1 && dw == 1 && random.Next(2) == 0)
                {
                    WinogradConvolution.Run(2, 5, input, height, width, inChannels, padTop, padLeft, transformed, bias, actual, outHeight, outWidth, outChannels, activation, work);
                }
                else
                {
                    WinogradConvolution.RunDilated(2, 5, dh, dw, input, height, width, inChannels, padTop, padLeft, transformed, bias, actual, outHeight, outWidth, outChannels, activation, work);
                }

                for (int i = 0; i < expected.Length; i++)
                {
                    double error = Math.Abs(actual[i] - expected[i]) / Math.Max(1, Math.Abs(expected[i]));
                    worst = Math.Max(worst, error);
                    Assert.True(error <= Bound, $"F(2x2, 5x5) dilation {dh}x{dw}, {height}x{width}x{inChannels} -> {outChannels}, {(same ? "same" : "valid")}, {activation}: " +
                        $"element {i} is {actual[i]}, direct {expected[i]}");
                }
            }

            _output.WriteLine($"F(2x2, 5x5): largest error {worst:E2} relative to max(1, |direct|) (Vector512 accelerated: {Vector512.IsHardwareAccelerated})");
        }

        /// <summary>
        /// Layers as trained networks have them: Glorot-uniform kernels, small biases, ReLU-like inputs in [0, 4] and signed
        /// inputs in [-2, 2], TF <c>same</c>, no activation; the bound is about twice the largest error measured.
        /// </summary>
        [Theory]
        [InlineData(16, 16, 32)]
        [InlineData(16, 32, 64)]
        [InlineData(8, 128, 128)]
        [InlineData(8, 256, 256)]
        public void RealisticLayersStayWithinBound(int size, int inChannels, int outChannels)
        {
            string failures = "";
            foreach (bool relu in new[] { true, false })
            {
                var random = new Random(size * 1000 + inChannels + (relu ? 7 : 0));
                float limit = (float)Math.Sqrt(6.0 / (25 * inChannels + 25 * outChannels));
                float[] kernel = WinogradConvolutionTests.Uniform(random, 25 * inChannels * outChannels, limit);
                float[] bias = WinogradConvolutionTests.Uniform(random, outChannels, 0.1f);
                float[] input = WinogradConvolutionTests.Uniform(random, size * size * inChannels, 2);
                if (relu)
                {
                    for (int i = 0; i < input.Length; i++)
                    {
                        input[i] += 2;
                    }
                }

                double[] expected = WinogradConvolutionTests.Direct(input, size, size, inChannels, 2, 2, kernel, bias, size, size, outChannels, Activation.Linear, kernelSize: 5);
                float[] transformed = new float[WinogradConvolution.TransformedKernelLength(2, 5, inChannels, outChannels)];
                WinogradConvolution.TransformKernel(2, 5, kernel, inChannels, outChannels, transformed);
                float[] work = new float[WinogradConvolution.WorkspaceLength(2, 5, inChannels, outChannels)];
                float[] actual = new float[expected.Length];
                WinogradConvolution.Run(2, 5, input, size, size, inChannels, 2, 2, transformed, bias, actual, size, size, outChannels, Activation.Linear, work);
                double worst = 0;
                for (int i = 0; i < expected.Length; i++)
                {
                    worst = Math.Max(worst, Math.Abs(actual[i] - expected[i]) / Math.Max(1, Math.Abs(expected[i])));
                }

                _output.WriteLine($"F(2x2, 5x5) {size}x{size}x{inChannels} -> {outChannels}, inputs in {(relu ? "[0, 4]" : "[-2, 2]")}: largest error {worst:E2}");
                if (worst > RealisticBound)
                {
                    failures += $"{size}x{size}x{inChannels} -> {outChannels}, inputs {(relu ? "[0, 4]" : "[-2, 2]")}: error {worst:E2} > {RealisticBound:E1}. ";
                }
            }

            Assert.True(failures.Length == 0, failures);
        }

        [Fact]
        public void HandComputedSmallCase()
        {
            // 5x5 input of 1..25, one channel, a kernel of ones with 3 at the centre; valid -> one output: sum(1..25) = 325
            // plus 2 x 13 (the centre counted three times) = 351, with bias 0.5 -> 351.5.
            float[] input = new float[25], kernel = new float[25];
            for (int i = 0; i < 25; i++)
            {
                input[i] = i + 1;
                kernel[i] = i == 12 ? 3 : 1;
            }

            float[] transformed = new float[WinogradConvolution.TransformedKernelLength(2, 5, 1, 1)];
            WinogradConvolution.TransformKernel(2, 5, kernel, 1, 1, transformed);
            float[] work = new float[WinogradConvolution.WorkspaceLength(2, 5, 1, 1)];
            float[] valid = new float[1];
            WinogradConvolution.Run(2, 5, input, 5, 5, 1, 0, 0, transformed, new[] { 0.5f }, valid, 1, 1, 1, Activation.Linear, work);
            Assert.Equal(351.5f, valid[0], 3);

            // Same padding, top-left output: the window covers rows and columns 0-2, the pixels 1-3, 6-8, 11-13 (sum 63), with
            // pixel 1 at the centre counted three times: 63 + 2 = 65.
            float[] same = new float[25];
            WinogradConvolution.Run(2, 5, input, 5, 5, 1, 2, 2, transformed, default, same, 5, 5, 1, Activation.Linear, work);
            Assert.Equal(65f, same[0], 3);
            Assert.Equal(351f, same[12], 3);
        }

        [Fact]
        public void RejectsVariantsItDoesNotHaveAndWrongSizes()
        {
            var f4 = Assert.Throws<ArgumentOutOfRangeException>(() => WinogradConvolution.TransformedKernelLength(4, 5, 2, 3));
            Assert.Equal("outputTile", f4.ParamName);
            Assert.Contains("F(4x4, 5x5) is not a variant", f4.Message, StringComparison.Ordinal);
            Assert.Throws<ArgumentOutOfRangeException>(() => WinogradConvolution.WorkspaceLength(2, 7, 2, 3));
            Assert.Equal(36 * 2 * 32, WinogradConvolution.TransformedKernelLength(2, 5, 2, 3));
            Assert.Equal(WinogradConvolution.WorkspaceLength(4, 2, 3), WinogradConvolution.WorkspaceLength(2, 5, 2, 3)); // both 6x6 tiles

            float[] transformed = new float[WinogradConvolution.TransformedKernelLength(2, 5, 2, 3)];
            var kernel = Assert.Throws<ArgumentException>(() => WinogradConvolution.TransformKernel(2, 5, new float[9 * 2 * 3], 2, 3, transformed));
            Assert.Contains("expected 150", kernel.Message, StringComparison.Ordinal);
            float[] work = new float[WinogradConvolution.WorkspaceLength(2, 5, 2, 3)];
            var wrongKernel = Assert.Throws<ArgumentException>(() => WinogradConvolution.Run(2, 5, new float[8 * 8 * 2], 8, 8, 2, 2, 2,
                new float[WinogradConvolution.TransformedKernelLength(2, 2, 3)], default, new float[8 * 8 * 3], 8, 8, 3, Activation.Linear, work));
            Assert.Equal("transformedKernel", wrongKernel.ParamName);
        }

        [Fact]
        public void RunAllocatesNothing()
        {
            float[] kernel = WinogradConvolutionTests.Uniform(new Random(3), 25 * 16 * 32, 0.2f);
            float[] transformed = new float[WinogradConvolution.TransformedKernelLength(2, 5, 16, 32)];
            WinogradConvolution.TransformKernel(2, 5, kernel, 16, 32, transformed);
            float[] work = new float[WinogradConvolution.WorkspaceLength(2, 5, 16, 32)];
            float[] input = WinogradConvolutionTests.Uniform(new Random(4), 12 * 12 * 16, 1);
            float[] output = new float[12 * 12 * 32];
            float[] bias = new float[32];

            ConvGen.Tests.Infrastructure.Allocation.AssertNone(
                () => WinogradConvolution.Run(2, 5, input, 12, 12, 16, 2, 2, transformed, bias, output, 12, 12, 32, Activation.ReLU, work),
                "WinogradConvolution.Run (5x5)", calls: 50);
        }
    }
}
