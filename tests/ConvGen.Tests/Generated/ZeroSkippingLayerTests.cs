using System;
using System.Linq;
using System.Reflection;
using ConvGen.Tests.Infrastructure;

namespace ConvGen.Tests.Generated
{
    // 1x1 convolutions that read a ReLU's or ReLU6's output skip its zero inputs, per tile of pixels where at least a
    // quarter are zero (ZeroSkipping). Against the interpreter and against the same network with skipping off, at zero
    // fractions that take the sparse path, the dense one, and both in one image.

    /// <summary>
    /// 9x10x48: depthwise 3x3 + BN + ReLU6 inside a 1x1 to 56 + BN + ReLU (56 channels: Vector512's last vector partial),
    /// then a 1x1 to 80 reading that ReLU's output (Vector256: a block of 8 vectors and one of 2).
    /// </summary>
    [ConvNet(9, 10, 48)]
    [DepthwiseConv2D(3, Padding = Padding.Same, UseBias = false)]
    [BatchNormalization]
    [Activation(Activation.ReLU6)]
    [Conv2D(56, 1, UseBias = false)]
    [BatchNormalization]
    [Activation(Activation.ReLU)]
    [Conv2D(80, 1)]
    public partial class ZeroSkippingMobileNet
    {
    }

    /// <summary>5x7x100: ReLU, then a 1x1 to 36 with Swish (100 input channels: two masks of 64 and 36, the last 4 tested one by one).</summary>
    [ConvNet(5, 7, 100)]
    [Activation(Activation.ReLU)]
    [Conv2D(36, 1, Activation = Activation.Swish)]
    public partial class ZeroSkippingWideNet
    {
    }

    public class ZeroSkippingLayerTests
    {
        [Theory]
        [InlineData(0.0)]
        [InlineData(0.3)]
        [InlineData(0.5)]
        [InlineData(0.9)]
        [InlineData(1.0)]
        public void TheWideLayerMatchesTheInterpreterAndTheDenseKernelsAtEveryZeroFraction(double zeros)
        {
            var random = new Random(61);
            float[] parameters = TestData.Parameters(random, ShapeInference.Analyze(ZeroSkippingWideNet.Network));
            float[] input = Sparse(random, ZeroSkippingWideNet.InputLength, zeros);
            AssertSkippingChangesNothing(ZeroSkippingWideNet.Network, p => new ZeroSkippingWideNet(p), parameters, input);
        }

        [Theory]
        [InlineData(62, 1f)]
        [InlineData(63, 4f)]
        public void TheMobileNetMatchesTheInterpreterAndTheDenseKernels(int seed, float scale)
        {
            var random = new Random(seed);
            float[] parameters = TestData.Parameters(random, ShapeInference.Analyze(ZeroSkippingMobileNet.Network));
            float[] input = TestData.Uniform(random, ZeroSkippingMobileNet.InputLength, scale);
            AssertSkippingChangesNothing(ZeroSkippingMobileNet.Network, p => new ZeroSkippingMobileNet(p), parameters, input);
        }

        [Fact]
        public void SparseAndDenseTilesInOneImage()
        {
            // the first rows all zeros, the last all positive: some tiles take the sparse path, some the dense one
            var random = new Random(64);
            float[] parameters = TestData.Parameters(random, ShapeInference.Analyze(ZeroSkippingWideNet.Network));
            float[] input = new float[ZeroSkippingWideNet.InputLength];
            for (int i = 0; i < input.Length; i++)
            {
                input[i] = i < input.Length / 3 ? 0f : i < 2 * input.Length / 3 ? (random.Next(2) == 0 ? 0f : (float)random.NextDouble()) : (float)random.NextDouble() + 0.1f;
            }

            AssertSkippingChangesNothing(ZeroSkippingWideNet.Network, p => new ZeroSkippingWideNet(p), parameters, input);
        }

        [Theory]
        [InlineData(float.PositiveInfinity)]
        [InlineData(float.NaN)]
        public void ANonFiniteWeightTimesAZeroInputIsNaNAsInTheInterpreter(float weight)
        {
            // kernel [1, 1, 100, 36] of conv2d starts at parameter 0: input channel 3's weight for filter 5 is not finite;
            // channel 3 is zero in every pixel, so every output of filter 5 is 0 x weight = NaN, the rest finite
            var random = new Random(65);
            float[] parameters = TestData.Parameters(random, ShapeInference.Analyze(ZeroSkippingWideNet.Network));
            parameters[(3 * 36) + 5] = weight;
            float[] input = Sparse(random, ZeroSkippingWideNet.InputLength, 0.5);
            for (int p = 0; p < ZeroSkippingWideNet.InputLength / 100; p++)
            {
                input[(p * 100) + 3] = 0f;
            }

            float[] expected = new ConvGen.Reference.ReferenceInterpreter(ZeroSkippingWideNet.Network, parameters).Run(input);
            var actual = new float[ZeroSkippingWideNet.OutputLength];
            new ZeroSkippingWideNet(parameters).Run(input, actual);
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.True(float.IsNaN(expected[i]) == (i % 36 == 5), $"the interpreter's output {i} is {expected[i]}");
                Assert.True(float.IsNaN(actual[i]) == float.IsNaN(expected[i]), $"output {i}: generated {actual[i]}, interpreter {expected[i]}");
            }
        }

        [Fact]
        public void TheLayersThatReadAReLUOutputHaveTheSparseKernels()
        {
            Assert.NotNull(Kernel(typeof(ZeroSkippingMobileNet), "Conv2dLayer").GetMethod("Sparse256", BindingFlags.NonPublic | BindingFlags.Static));
            Assert.NotNull(Kernel(typeof(ZeroSkippingMobileNet), "Conv2d1Layer").GetMethod("Sparse512", BindingFlags.NonPublic | BindingFlags.Static));
            Assert.NotNull(Kernel(typeof(ZeroSkippingWideNet), "Conv2dLayer").GetMethod("Sparse256", BindingFlags.NonPublic | BindingFlags.Static));
            Assert.Null(Kernel(typeof(ZeroSkippingWideNet), "Conv2dLayer").GetMethod("Sparse128", BindingFlags.NonPublic | BindingFlags.Static)); // Vector128 multiplies every input
        }

        [Fact]
        public void ABatchOnWorkerInstancesGivesTheSameValues()
        {
            var random = new Random(66);
            float[] parameters = TestData.Parameters(random, ShapeInference.Analyze(ZeroSkippingMobileNet.Network));
            const int Images = 5;
            float[] inputs = TestData.Uniform(random, Images * ZeroSkippingMobileNet.InputLength, 2f);
            var network = new ZeroSkippingMobileNet(parameters);
            var batch = new float[Images * ZeroSkippingMobileNet.OutputLength];
            network.Run(inputs, batch, Images, maxDegreeOfParallelism: 3);
            var one = new float[ZeroSkippingMobileNet.OutputLength];
            for (int n = 0; n < Images; n++)
            {
                network.Run(inputs.AsSpan(n * ZeroSkippingMobileNet.InputLength, ZeroSkippingMobileNet.InputLength), one);
                Assert.Equal(one, batch.AsSpan(n * ZeroSkippingMobileNet.OutputLength, ZeroSkippingMobileNet.OutputLength).ToArray());
            }
        }

        [Fact]
        public void RunAllocatesNothing()
        {
            var random = new Random(67);
            var network = new ZeroSkippingMobileNet(TestData.Parameters(random, ShapeInference.Analyze(ZeroSkippingMobileNet.Network)));
            float[] input = TestData.Uniform(random, ZeroSkippingMobileNet.InputLength);
            var output = new float[ZeroSkippingMobileNet.OutputLength];
            Allocation.AssertNone(() => network.Run(input, output), "ZeroSkippingMobileNet.Run", calls: 50);
        }

        /// <summary>
        /// The network matches the interpreter within 1e-4, and gives exactly the values (a zero's sign aside) of the same network with skipping
        /// turned off (its weights marked not finite): the sparse kernel adds the same products in the same order.
        /// </summary>
        private static void AssertSkippingChangesNothing(NetworkSpec spec, Func<float[], IConvNet> create, float[] parameters, float[] input)
        {
            float[] expected = new ConvGen.Reference.ReferenceInterpreter(spec, parameters).Run(input);
            IConvNet skipping = create(parameters), dense = create(parameters);
            FieldInfo finite = dense.GetType().GetField("_weightsFinite", BindingFlags.NonPublic | BindingFlags.Instance)!;
            Assert.True((bool)finite.GetValue(skipping)!);
            finite.SetValue(dense, false);
            var skipped = new float[expected.Length];
            var multiplied = new float[expected.Length];
            skipping.Run(input, skipped);
            dense.Run(input, multiplied);
            TestData.AssertClose(expected, skipped, 1e-4, spec.ToString());
            Assert.Equal(multiplied, skipped);
        }

        /// <summary>Uniform values in (0, 1], each zero with probability <paramref name="zeros"/>.</summary>
        private static float[] Sparse(Random random, int length, double zeros) =>
            Enumerable.Range(0, length).Select(_ => random.NextDouble() < zeros ? 0f : (float)(1 - random.NextDouble())).ToArray();

        private static Type Kernel(Type network, string layer) => network.GetNestedType(layer, BindingFlags.NonPublic)!;
    }
}
