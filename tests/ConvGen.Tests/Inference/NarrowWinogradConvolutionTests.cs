using System;
using System.Runtime.Intrinsics;
using ConvGen.Inference;
using Xunit.Abstractions;

namespace ConvGen.Tests.Inference
{
    /// <summary>
    /// <see cref="NarrowWinogradConvolution"/> (F(4x4, 3x3), 1-4 input channels, fused 2x2 pool) against a direct
    /// convolution and pool written here in double. Every geometry runs both product paths (Vector512 and Vector256)
    /// through <c>RunWith</c>, so one machine covers both.
    /// </summary>
    public class NarrowWinogradConvolutionTests
    {
        /// <summary>
        /// |actual - direct| / max(1, |direct|): about twice the largest error measured on the random geometries below
        /// (inputs in [-2, 2], kernels in [-0.5, 0.5], biases in [-1, 1]): 1.68e-5 with the Vector256 product and 1.10e-5 with
        /// the Vector512 one, over 4,000 geometries each (the same with AVX-512 disabled).
        /// </summary>
        private const double Bound = 3.5e-5;

        private static readonly Activation[] Activations = { Activation.Linear, Activation.ReLU, Activation.ReLU6 };
        private static readonly WinogradPooling[] Poolings = { WinogradPooling.None, WinogradPooling.Max2x2, WinogradPooling.Average2x2 };

        private readonly ITestOutputHelper _output;

        public NarrowWinogradConvolutionTests(ITestOutputHelper output) => _output = output;

        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public void MatchesDirectConvolutionOnRandomGeometries(bool wide)
        {
            var random = new Random(wide ? 2024 : 4202);
            double worst = 0;
            int trials = 400, pooledTrials = 0, singleTile = 0;
            for (int trial = 0; trial < trials; trial++)
            {
                // Small sizes (below one 4x4 tile, odd, not a multiple of 4) are drawn more often than large ones.
                int height = random.Next(4) == 0 ? random.Next(1, 8) : random.Next(1, 41);
                int width = random.Next(4) == 0 ? random.Next(1, 8) : random.Next(1, 41);
                int inChannels = random.Next(1, 5);
                int outChannels = random.Next(3) == 0 ? random.Next(1, 9) : random.Next(1, 41);
                var layer = Layer.Random(random, height, width, inChannels, outChannels);
                pooledTrials += layer.Pooling != WinogradPooling.None ? 1 : 0;
                singleTile += layer.OutHeight <= 4 && layer.OutWidth <= 4 ? 1 : 0;
                worst = Math.Max(worst, layer.Check(wide));
            }

            _output.WriteLine($"{(wide ? "Vector512" : "Vector256")} product: {trials} geometries ({pooledTrials} pooled, {singleTile} of at most one tile), " +
                $"largest error {worst:E2} relative to max(1, |direct|), bound {Bound:E1} (Vector512 accelerated: {Vector512.IsHardwareAccelerated})");
        }

        /// <summary>Rows of more than one chunk of tiles (12 tiles, 48 output pixels; 96 before a pool), and a 224-pixel image's row.</summary>
        [Theory]
        [InlineData(5, 49, 3, 16, 1, 1, WinogradPooling.None)]
        [InlineData(6, 52, 1, 17, 0, 0, WinogradPooling.None)]
        [InlineData(7, 97, 3, 16, 1, 1, WinogradPooling.Max2x2)]
        [InlineData(9, 101, 2, 33, 0, 0, WinogradPooling.Average2x2)]
        [InlineData(4, 224, 3, 32, 1, 1, WinogradPooling.None)]
        [InlineData(8, 224, 4, 8, 1, 1, WinogradPooling.Max2x2)]
        [InlineData(3, 100, 3, 40, 0, 1, WinogradPooling.None)]
        public void WideRowsSpanSeveralChunks(int height, int width, int inChannels, int outChannels, int padTop, int padLeft, WinogradPooling pooling)
        {
            double worst = 0;
            foreach (bool wide in new[] { true, false })
            {
                foreach (Activation activation in Activations)
                {
                    var random = new Random(height * 1000 + width + (int)activation);
                    var layer = new Layer(random, height, width, inChannels, outChannels, padTop, padLeft, activation, pooling, useBias: true);
                    worst = Math.Max(worst, layer.Check(wide));
                }
            }

            _output.WriteLine($"{height}x{width}x{inChannels} -> {outChannels} pad ({padTop}, {padLeft}) {pooling}: largest error {worst:E2}");
        }

        /// <summary>Every activation with every pool, on odd and even sizes, through both paths (the random test draws them; this makes sure each pair runs).</summary>
        [Fact]
        public void EveryActivationWithEveryPool()
        {
            var random = new Random(77);
            foreach (Activation activation in Activations)
            {
                foreach (WinogradPooling pooling in Poolings)
                {
                    foreach ((int h, int w) in new[] { (9, 11), (8, 8), (2, 3), (13, 6) })
                    {
                        var layer = new Layer(random, h, w, 3, 21, 1, 1, activation, pooling, useBias: true);
                        layer.Check(wide: true);
                        layer.Check(wide: false);
                    }
                }
            }
        }

        [Fact]
        public void HandComputedSmallCase()
        {
            // 3x3 input of 1..9, one channel; kernel all ones except the centre 2. Valid -> one output: 45 + 5 = 50, + bias 0.5.
            float[] input = { 1, 2, 3, 4, 5, 6, 7, 8, 9 };
            float[] kernel = { 1, 1, 1, 1, 2, 1, 1, 1, 1 };
            float[] u = new float[NarrowWinogradConvolution.TransformedKernelLength(1, 1)];
            NarrowWinogradConvolution.TransformKernel(kernel, 1, 1, u);
            foreach (bool wide in new[] { true, false })
            {
                float[] valid = new float[1];
                NarrowWinogradConvolution.RunWith(input, 3, 3, 1, 0, 0, u, new[] { 0.5f }, valid, 1, 1, 1, Activation.Linear, WinogradPooling.None,
                    new float[NarrowWinogradConvolution.WorkspaceLength(1, 1)], wide);
                Assert.Equal(50.5f, valid[0], 4);

                // Same: the 3x3 output is 13 23 19 / 31 50 39 / 31 47 37 (the centre weight doubles the pixel under it).
                float[] same = new float[9];
                NarrowWinogradConvolution.RunWith(input, 3, 3, 1, 1, 1, u, default, same, 3, 3, 1, Activation.Linear, WinogradPooling.None,
                    new float[NarrowWinogradConvolution.WorkspaceLength(1, 3)], wide);
                float[] expected = { 13, 23, 19, 31, 50, 39, 31, 47, 37 };
                for (int i = 0; i < 9; i++)
                {
                    Assert.Equal(expected[i], same[i], 4);
                }

                // A pool of the same output keeps the top-left window only (valid pooling drops the odd last row and column).
                float[] max = new float[1];
                NarrowWinogradConvolution.RunWith(input, 3, 3, 1, 1, 1, u, default, max, 3, 3, 1, Activation.Linear, WinogradPooling.Max2x2,
                    new float[NarrowWinogradConvolution.WorkspaceLength(1, 3)], wide);
                Assert.Equal(50f, max[0], 4);
                float[] average = new float[1];
                NarrowWinogradConvolution.RunWith(input, 3, 3, 1, 1, 1, u, default, average, 3, 3, 1, Activation.Linear, WinogradPooling.Average2x2,
                    new float[NarrowWinogradConvolution.WorkspaceLength(1, 3)], wide);
                Assert.Equal((13f + 23f + 31f + 50f) / 4, average[0], 4);
            }
        }

        /// <summary>A kernel whose (ky, kx, in) rows are padded past the output channels (with NaN) transforms to the same U as the plain kernel.</summary>
        [Theory]
        [InlineData(1, 1, 8)]
        [InlineData(3, 16, 32)]
        [InlineData(3, 20, 32)]
        [InlineData(4, 37, 40)]
        [InlineData(2, 5, 6)]
        public void PaddedKernelRowsTransformLikeThePlainKernel(int inChannels, int outChannels, int rowLength)
        {
            var random = new Random(inChannels * 100 + outChannels);
            float[] kernel = Uniform(random, 9 * inChannels * outChannels, 0.5f);
            float[] padded = new float[9 * inChannels * rowLength];
            for (int row = 0; row < 9 * inChannels; row++)
            {
                for (int co = 0; co < rowLength; co++)
                {
                    padded[row * rowLength + co] = co < outChannels ? kernel[row * outChannels + co] : (co % 2 == 0 ? float.NaN : 1e30f);
                }
            }

            int length = NarrowWinogradConvolution.TransformedKernelLength(inChannels, outChannels);
            Assert.Equal(36 * inChannels * ((outChannels + 15) / 16 * 16), length);
            float[] plain = new float[length], fromPadded = new float[length];
            plain.AsSpan().Fill(float.NaN); // TransformKernel writes every float, the padding channels as zeros
            fromPadded.AsSpan().Fill(-7);
            NarrowWinogradConvolution.TransformKernel(kernel, inChannels, outChannels, plain);
            NarrowWinogradConvolution.TransformKernel(padded, inChannels, outChannels, fromPadded, rowLength);
            Assert.Equal(plain, fromPadded);

            // U[out / 16][36, in, 16]: the lanes past the last output channel are 0.
            for (int i = 0; i < length; i++)
            {
                int block = i / (36 * inChannels * 16), lane = i % 16;
                if (block * 16 + lane >= outChannels)
                {
                    Assert.Equal(0f, plain[i]);
                }
                else
                {
                    Assert.True(float.IsFinite(plain[i]), $"U[{i}] is {plain[i]}");
                }
            }

            // And it convolves: a 5x6 same layer from the padded kernel matches the direct convolution.
            float[] input = Uniform(random, 5 * 6 * inChannels, 2);
            double[] expected = Direct(input, 5, 6, inChannels, 1, 1, kernel, Array.Empty<float>(), 5, 6, outChannels, Activation.Linear, WinogradPooling.None);
            float[] actual = new float[expected.Length];
            NarrowWinogradConvolution.Run(input, 5, 6, inChannels, 1, 1, fromPadded, default, actual, 5, 6, outChannels, Activation.Linear, WinogradPooling.None,
                new float[NarrowWinogradConvolution.WorkspaceLength(inChannels, 6)]);
            AssertClose(expected, actual, "padded kernel");
        }

        /// <summary>
        /// The workspace may hold anything (NaN, huge values, or a previous call's data for another shape) and the output is
        /// prefilled with NaN: Run writes every output element, and the result is the one from a clean workspace, bit for bit.
        /// </summary>
        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public void GarbageWorkspaceAndOutputDoNotLeak(bool wide)
        {
            var random = new Random(wide ? 31 : 13);
            float[] shared = new float[NarrowWinogradConvolution.WorkspaceLength(4, 300)];
            for (int trial = 0; trial < 120; trial++)
            {
                int height = random.Next(1, 30), width = random.Next(1, 60);
                var layer = Layer.Random(random, height, width, random.Next(1, 5), random.Next(1, 41));
                int needed = NarrowWinogradConvolution.WorkspaceLength(layer.InChannels, layer.OutWidth);

                float[] clean = new float[needed];
                float[] expected = layer.Run(clean, wide, prefill: 0);

                // Every other trial fills the workspace with NaN and huge values; the others start from the previous trial's data (another shape).
                Span<float> dirty = shared.AsSpan(0, needed + random.Next(0, 64)); // longer than needed is allowed
                if (trial % 2 == 0)
                {
                    for (int i = 0; i < dirty.Length; i++)
                    {
                        dirty[i] = (i % 3) switch { 0 => float.NaN, 1 => 3e38f, _ => -float.MaxValue };
                    }
                }

                float[] fromGarbage = layer.Run(dirty, wide, prefill: float.NaN);
                for (int i = 0; i < fromGarbage.Length; i++)
                {
                    Assert.False(float.IsNaN(fromGarbage[i]), $"{layer}: output element {i} is NaN (not written, or garbage leaked in)");
                }

                Assert.Equal(expected, fromGarbage);
                layer.AssertMatchesDirect(fromGarbage, wide);
            }
        }

        [Fact]
        public void RejectsBadChannelCounts()
        {
            foreach (int inChannels in new[] { 0, 5, -1 })
            {
                Assert.Equal("inChannels", Assert.Throws<ArgumentOutOfRangeException>(() => NarrowWinogradConvolution.TransformedKernelLength(inChannels, 8)).ParamName);
                Assert.Equal("inChannels", Assert.Throws<ArgumentOutOfRangeException>(() => NarrowWinogradConvolution.WorkspaceLength(inChannels, 8)).ParamName);
                Assert.Equal("inChannels", Assert.Throws<ArgumentOutOfRangeException>(() =>
                    NarrowWinogradConvolution.TransformKernel(new float[9 * 5 * 8], inChannels, 8, new float[36 * 5 * 16])).ParamName);
                Assert.Equal("inChannels", Assert.Throws<ArgumentOutOfRangeException>(() =>
                    NarrowWinogradConvolution.Run(new float[4 * 4 * 5], 4, 4, inChannels, 1, 1, new float[36 * 5 * 16], default, new float[4 * 4 * 8], 4, 4, 8,
                        Activation.Linear, WinogradPooling.None, new float[10000])).ParamName);
            }

            Assert.Contains("1-4", Assert.Throws<ArgumentOutOfRangeException>(() => NarrowWinogradConvolution.TransformedKernelLength(5, 8)).Message, StringComparison.Ordinal);
            Assert.Equal("outChannels", Assert.Throws<ArgumentOutOfRangeException>(() => NarrowWinogradConvolution.TransformedKernelLength(3, 0)).ParamName);
            Assert.Equal("outWidth", Assert.Throws<ArgumentOutOfRangeException>(() => NarrowWinogradConvolution.WorkspaceLength(3, 0)).ParamName);
        }

        [Fact]
        public void RejectsWrongSizesOverlapsAndUnsupportedOptions()
        {
            const int In = 3, Out = 8, Size = 6;
            float[] kernel = new float[9 * In * Out];
            float[] u = new float[NarrowWinogradConvolution.TransformedKernelLength(In, Out)];
            float[] work = new float[NarrowWinogradConvolution.WorkspaceLength(In, Size)];
            float[] input = new float[Size * Size * In];
            float[] output = new float[Size * Size * Out];
            float[] pooled = new float[Size / 2 * (Size / 2) * Out];
            float[] bias = new float[Out];
            NarrowWinogradConvolution.TransformKernel(kernel, In, Out, u);

            void Named<T>(string parameter, Action call)
                where T : ArgumentException
            {
                T error = Assert.Throws<T>(call);
                Assert.Equal(parameter, error.ParamName);
                Assert.Contains(parameter, error.Message, StringComparison.Ordinal);
            }

            void Run(ReadOnlySpan<float> i, ReadOnlySpan<float> k, ReadOnlySpan<float> b, Span<float> o, Span<float> w, Activation a = Activation.ReLU,
                WinogradPooling p = WinogradPooling.None, int padTop = 1, int padLeft = 1, bool wide = false) =>
                NarrowWinogradConvolution.RunWith(i, Size, Size, In, padTop, padLeft, k, b, o, Size, Size, Out, a, p, w, wide);

            // TransformKernel: the kernel and U lengths, a row shorter than the output channels.
            Named<ArgumentException>("kernel", () => NarrowWinogradConvolution.TransformKernel(new float[kernel.Length - 1], In, Out, u));
            Named<ArgumentException>("kernel", () => NarrowWinogradConvolution.TransformKernel(kernel, In, Out, u, kernelRowLength: Out + 1));
            Named<ArgumentException>("transformed", () => NarrowWinogradConvolution.TransformKernel(kernel, In, Out, new float[u.Length + 1]));
            Named<ArgumentOutOfRangeException>("kernelRowLength", () => NarrowWinogradConvolution.TransformKernel(kernel, In, Out, u, kernelRowLength: Out - 1));

            foreach (bool wide in new[] { true, false })
            {
                // Span lengths.
                Named<ArgumentException>("input", () => Run(new float[input.Length - 1], u, bias, output, work, wide: wide));
                Named<ArgumentException>("transformedKernel", () => Run(input, new float[u.Length - 16], bias, output, work, wide: wide));
                Named<ArgumentException>("bias", () => Run(input, u, new float[Out + 1], output, work, wide: wide));
                Named<ArgumentException>("output", () => Run(input, u, bias, new float[output.Length + 1], work, wide: wide));
                Named<ArgumentException>("output", () => Run(input, u, bias, output, work, p: WinogradPooling.Max2x2, wide: wide)); // a pool stores [3, 3, 8]
                Named<ArgumentException>("workspace", () => Run(input, u, bias, output, new float[work.Length - 1], wide: wide));

                // Overlaps.
                float[] shared = new float[input.Length + output.Length + work.Length];
                Named<ArgumentException>("output", () => Run(shared.AsSpan(0, input.Length), u, bias, shared.AsSpan(input.Length - 1, output.Length), work, wide: wide));
                Named<ArgumentException>("workspace", () => Run(input, u, bias, shared.AsSpan(0, output.Length), shared.AsSpan(output.Length - 8, work.Length), wide: wide));
                Named<ArgumentException>("workspace", () => Run(shared.AsSpan(0, input.Length), u, bias, output, shared.AsSpan(input.Length / 2, work.Length), wide: wide));

                // Options this kernel does not apply, and negative sizes.
                Named<ArgumentOutOfRangeException>("activation", () => Run(input, u, bias, output, work, a: Activation.Sigmoid, wide: wide));
                Named<ArgumentOutOfRangeException>("activation", () => Run(input, u, bias, output, work, a: Activation.Softmax, wide: wide));
                Named<ArgumentOutOfRangeException>("pooling", () => Run(input, u, bias, pooled, work, p: (WinogradPooling)3, wide: wide));
                Named<ArgumentOutOfRangeException>("padTop", () => Run(input, u, bias, output, work, padTop: -1, wide: wide));
                Named<ArgumentOutOfRangeException>("padLeft", () => Run(input, u, bias, output, work, padLeft: -1, wide: wide));
                Named<ArgumentOutOfRangeException>("height", () =>
                    NarrowWinogradConvolution.RunWith(input, 0, Size, In, 1, 1, u, bias, output, Size, Size, Out, Activation.ReLU, WinogradPooling.None, work, wide));
                Named<ArgumentOutOfRangeException>("outWidth", () =>
                    NarrowWinogradConvolution.RunWith(input, Size, Size, In, 1, 1, u, bias, output, Size, 0, Out, Activation.ReLU, WinogradPooling.None, work, wide));

                // The checks ran before anything was written: these calls are fine.
                Run(input, u, bias, output, work, wide: wide);
                Run(input, u, default, pooled, work, p: WinogradPooling.Average2x2, wide: wide);
            }
        }

        [Theory]
        [InlineData(true, WinogradPooling.None)]
        [InlineData(false, WinogradPooling.None)]
        [InlineData(true, WinogradPooling.Max2x2)]
        [InlineData(false, WinogradPooling.Average2x2)]
        public void RunAllocatesNothing(bool wide, WinogradPooling pooling)
        {
            const int Size = 29, In = 3, Out = 20;
            float[] kernel = Uniform(new Random(3), 9 * In * Out, 0.5f);
            float[] u = new float[NarrowWinogradConvolution.TransformedKernelLength(In, Out)];
            NarrowWinogradConvolution.TransformKernel(kernel, In, Out, u);
            float[] work = new float[NarrowWinogradConvolution.WorkspaceLength(In, Size)];
            float[] input = Uniform(new Random(4), Size * Size * In, 1);
            int stored = pooling == WinogradPooling.None ? Size : Size / 2;
            float[] output = new float[stored * stored * Out];
            float[] bias = new float[Out];

            ConvGen.Tests.Infrastructure.Allocation.AssertNone(
                () => NarrowWinogradConvolution.RunWith(input, Size, Size, In, 1, 1, u, bias, output, Size, Size, Out, Activation.ReLU, pooling, work, wide),
                $"NarrowWinogradConvolution.RunWith(wide: {wide}, {pooling})", calls: 50);
        }

        /// <summary>One random layer: its data, the direct result in double, and the kernel's result.</summary>
        private sealed class Layer
        {
            public readonly int Height, Width, InChannels, OutChannels, PadTop, PadLeft, OutHeight, OutWidth;
            public readonly Activation Activation;
            public readonly WinogradPooling Pooling;
            private readonly float[] _input, _kernel, _bias, _u;
            private double[]? _expected;

            public Layer(Random random, int height, int width, int inChannels, int outChannels, int padTop, int padLeft, Activation activation, WinogradPooling pooling, bool useBias)
            {
                (Height, Width, InChannels, OutChannels, PadTop, PadLeft, Activation, Pooling) = (height, width, inChannels, outChannels, padTop, padLeft, activation, pooling);
                OutHeight = height - 2 + 2 * padTop;
                OutWidth = width - 2 + 2 * padLeft;
                _input = Uniform(random, height * width * inChannels, 2);
                _kernel = Uniform(random, 9 * inChannels * outChannels, 0.5f);
                _bias = useBias ? Uniform(random, outChannels, 1) : Array.Empty<float>();
                _u = new float[NarrowWinogradConvolution.TransformedKernelLength(inChannels, outChannels)];
                NarrowWinogradConvolution.TransformKernel(_kernel, inChannels, outChannels, _u);
            }

            /// <summary>TF same (pad 1) or valid (pad 0) on each axis independently; valid only where the image has 3 pixels.</summary>
            public static Layer Random(Random random, int height, int width, int inChannels, int outChannels)
            {
                bool same = random.Next(2) == 0;
                int padTop = same || height < 3 ? 1 : 0, padLeft = same || width < 3 ? 1 : 0;
                if (random.Next(6) == 0)
                {
                    padTop = height < 3 ? 1 : random.Next(2);
                    padLeft = width < 3 ? 1 : random.Next(2);
                }

                return new Layer(random, height, width, inChannels, outChannels, padTop, padLeft,
                    Activations[random.Next(3)], Poolings[random.Next(3)], useBias: random.Next(2) == 0);
            }

            public double[] Expected => _expected ??= Direct(_input, Height, Width, InChannels, PadTop, PadLeft, _kernel, _bias, OutHeight, OutWidth, OutChannels, Activation, Pooling);

            public float[] Run(Span<float> workspace, bool wide, float prefill)
            {
                float[] output = new float[Expected.Length];
                output.AsSpan().Fill(prefill);
                NarrowWinogradConvolution.RunWith(_input, Height, Width, InChannels, PadTop, PadLeft, _u, _bias, output, OutHeight, OutWidth, OutChannels,
                    Activation, Pooling, workspace, wide);
                return output;
            }

            /// <summary>Runs with a fresh workspace and NaN in the output, asserts the bound, and returns the largest error.</summary>
            public double Check(bool wide)
            {
                float[] workspace = new float[NarrowWinogradConvolution.WorkspaceLength(InChannels, OutWidth)];
                float[] actual = Run(workspace, wide, prefill: float.NaN);
                return AssertMatchesDirect(actual, wide);
            }

            public double AssertMatchesDirect(float[] actual, bool wide) => AssertClose(Expected, actual, $"{this} ({(wide ? "Vector512" : "Vector256")})");

            public override string ToString() =>
                $"{Height}x{Width}x{InChannels} -> {OutChannels} pad ({PadTop}, {PadLeft}) out {OutHeight}x{OutWidth} {Activation} {Pooling}{(_bias.Length > 0 ? " bias" : "")}";
        }

        private static double AssertClose(double[] expected, float[] actual, string what)
        {
            Assert.Equal(expected.Length, actual.Length);
            double worst = 0;
            for (int i = 0; i < expected.Length; i++)
            {
                double error = Math.Abs(actual[i] - expected[i]) / Math.Max(1, Math.Abs(expected[i]));
                Assert.True(error <= Bound, $"{what}: element {i} is {actual[i]}, direct {expected[i]}");
                worst = Math.Max(worst, error);
            }

            return worst;
        }

        /// <summary>
        /// pool(activation(bias + Σ input · kernel)) in double, from the definitions: zeros outside the image, Keras
        /// [3, 3, in, out] kernel, 2x2 stride-2 valid pool of the activated output (an odd last row or column is dropped).
        /// </summary>
        private static double[] Direct(float[] input, int height, int width, int inChannels, int padTop, int padLeft, float[] kernel, float[] bias,
            int outHeight, int outWidth, int outChannels, Activation activation, WinogradPooling pooling)
        {
            double[] conv = WinogradConvolutionTests.Direct(input, height, width, inChannels, padTop, padLeft, kernel, bias, outHeight, outWidth, outChannels, activation);
            if (pooling == WinogradPooling.None)
            {
                return conv;
            }

            int pooledHeight = outHeight / 2, pooledWidth = outWidth / 2;
            var pooled = new double[pooledHeight * pooledWidth * outChannels];
            for (int py = 0; py < pooledHeight; py++)
            {
                for (int px = 0; px < pooledWidth; px++)
                {
                    for (int co = 0; co < outChannels; co++)
                    {
                        double At(int dy, int dx) => conv[((2 * py + dy) * outWidth + 2 * px + dx) * outChannels + co];
                        pooled[(py * pooledWidth + px) * outChannels + co] = pooling == WinogradPooling.Max2x2
                            ? Math.Max(Math.Max(At(0, 0), At(0, 1)), Math.Max(At(1, 0), At(1, 1)))
                            : (At(0, 0) + At(0, 1) + At(1, 0) + At(1, 1)) / 4;
                    }
                }
            }

            return pooled;
        }

        private static float[] Uniform(Random random, int length, float scale)
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
