using System;
using ConvGen.Inference;
using Xunit.Abstractions;

namespace ConvGen.Tests.Inference
{
    /// <summary>
    /// WinogradConvolution.RunDilated (a dilated 3x3 convolution as interleaved undilated ones) against the direct
    /// convolution in double of WinogradConvolutionTests, with the dilation in its taps.
    /// </summary>
    public class DilatedWinogradTests
    {
        private readonly ITestOutputHelper _output;

        public DilatedWinogradTests(ITestOutputHelper output) => _output = output;

        [Theory]
        [InlineData(2)]
        [InlineData(4)]
        public void MatchesTheDilatedDirectConvolutionOnRandomGeometries(int tile)
        {
            var random = new Random(4321 + tile);
            double bound = tile == 2 ? 1e-5 : 4e-5; // as undilated: each output is one undilated Winograd tile's
            double worst = 0;
            for (int trial = 0; trial < 120; trial++)
            {
                int dh = random.Next(1, 4), dw = random.Next(1, 4);
                int height = random.Next(1, 22), width = random.Next(1, 22);
                int inChannels = random.Next(1, 20), outChannels = random.Next(1, 22);
                bool same = random.Next(2) == 0 || height <= 2 * dh || width <= 2 * dw;
                int padTop = same ? dh : 0, padLeft = same ? dw : 0;
                int outHeight = same ? height : height - (2 * dh), outWidth = same ? width : width - (2 * dw);
                Activation activation = new[] { Activation.Linear, Activation.ReLU, Activation.ReLU6 }[random.Next(3)];
                float[] input = WinogradConvolutionTests.Uniform(random, height * width * inChannels, 2);
                float[] kernel = WinogradConvolutionTests.Uniform(random, 9 * inChannels * outChannels, 0.5f);
                float[] bias = random.Next(2) == 0 ? WinogradConvolutionTests.Uniform(random, outChannels, 1) : Array.Empty<float>();

                double[] expected = WinogradConvolutionTests.Direct(input, height, width, inChannels, padTop, padLeft, kernel, bias, outHeight, outWidth, outChannels, activation, dh, dw);
                float[] transformed = new float[WinogradConvolution.TransformedKernelLength(tile, inChannels, outChannels)];
                WinogradConvolution.TransformKernel(tile, kernel, inChannels, outChannels, transformed);
                float[] work = new float[WinogradConvolution.DilatedWorkspaceLength(tile, inChannels, outChannels, height, width, outHeight, outWidth, dh, dw)];
                work.AsSpan().Fill(float.NaN); // nothing may read workspace it did not write
                float[] actual = new float[expected.Length];
                actual.AsSpan().Fill(float.NaN); // every output must be written
                WinogradConvolution.RunDilated(tile, dh, dw, input, height, width, inChannels, padTop, padLeft, transformed, bias, actual, outHeight, outWidth, outChannels, activation, work);

                for (int i = 0; i < expected.Length; i++)
                {
                    double error = Math.Abs(actual[i] - expected[i]) / Math.Max(1, Math.Abs(expected[i]));
                    worst = Math.Max(worst, error);
                    Assert.True(error <= bound, $"F({tile}x{tile},3x3) dilation {dh}x{dw}, {height}x{width}x{inChannels} -> {outChannels}, {(same ? "same" : "valid")}, {activation}: " +
                        $"element {i} is {actual[i]}, direct {expected[i]}");
                }
            }

            _output.WriteLine($"F({tile}x{tile}, 3x3) dilated: largest error {worst:E2} relative to max(1, |direct|)");
        }

        [Fact]
        public void RejectsPaddingThatIsNotAMultipleOfTheDilationAndShortWorkspaces()
        {
            float[] transformed = new float[WinogradConvolution.TransformedKernelLength(4, 2, 3)];
            float[] input = new float[10 * 10 * 2], output = new float[10 * 10 * 3];
            int length = WinogradConvolution.DilatedWorkspaceLength(4, 2, 3, 10, 10, 10, 10, 2, 2);
            Assert.Equal(WinogradConvolution.WorkspaceLength(4, 2, 3) + (5 * 5 * 2) + (5 * 5 * 3), length);
            float[] work = new float[length];

            var padding = Assert.Throws<ArgumentException>(() => WinogradConvolution.RunDilated(4, 2, 2, input, 10, 10, 2, 1, 2, transformed, default, output, 10, 10, 3, Activation.Linear, work));
            Assert.Equal("padTop", padding.ParamName);
            Assert.Contains("multiples of their dilations", padding.Message, StringComparison.Ordinal);
            var shortWork = Assert.Throws<ArgumentException>(() => WinogradConvolution.RunDilated(4, 2, 2, input, 10, 10, 2, 2, 2, transformed, default, output, 10, 10, 3, Activation.Linear, new float[length - 1]));
            Assert.Equal("workspace", shortWork.ParamName);
            var dilation = Assert.Throws<ArgumentOutOfRangeException>(() => WinogradConvolution.RunDilated(4, 0, 2, input, 10, 10, 2, 0, 0, transformed, default, output, 10, 10, 3, Activation.Linear, work));
            Assert.Equal("dilationHeight", dilation.ParamName);
            float[] shared = new float[200 + length];
            var overlap = Assert.Throws<ArgumentException>(() => WinogradConvolution.RunDilated(4, 2, 2, shared.AsSpan(0, 200), 10, 10, 2, 2, 2, transformed, default, output, 10, 10, 3, Activation.Linear, shared.AsSpan(100)));
            Assert.Contains("overlap", overlap.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void RunDilatedAllocatesNothing()
        {
            float[] kernel = WinogradConvolutionTests.Uniform(new Random(5), 9 * 16 * 16, 0.5f);
            float[] transformed = new float[WinogradConvolution.TransformedKernelLength(4, 16, 16)];
            WinogradConvolution.TransformKernel(4, kernel, 16, 16, transformed);
            float[] work = new float[WinogradConvolution.DilatedWorkspaceLength(4, 16, 16, 20, 20, 20, 20, 2, 2)];
            float[] input = WinogradConvolutionTests.Uniform(new Random(6), 20 * 20 * 16, 1);
            float[] output = new float[20 * 20 * 16];
            ConvGen.Tests.Infrastructure.Allocation.AssertNone(
                () => WinogradConvolution.RunDilated(4, 2, 2, input, 20, 20, 16, 2, 2, transformed, default, output, 20, 20, 16, Activation.ReLU, work),
                "WinogradConvolution.RunDilated", calls: 20);
        }
    }
}
