using System;
using ConvGen.Tests.Infrastructure;

namespace ConvGen.Tests.Generated
{
    // Depthwise convolutions computed band by band inside the pointwise (1x1) Conv2D that reads them (DepthwiseFusion:
    // a band of depthwise output rows goes to the stack and the 1x1 GEMM multiplies it at once), against the
    // interpreter: the MobileNet block (many bands), strides, valid padding, depth multipliers 1, 2 and 3, channel counts
    // off multiples of 16 and of 4, dilation, a folded BatchNormalization and fused activations on either side,
    // SeparableConv2D, and (not fused) a depthwise output read twice.

    /// <summary>N4, the MobileNet block: 56x56x64, depthwise 3x3 same + BN + ReLU6, 1x1 to 128 + BN + ReLU6 (28 bands of 2 rows).</summary>
    [ConvNet(56, 56, 64)]
    [DepthwiseConv2D(3, Padding = Padding.Same, UseBias = false)]
    [BatchNormalization]
    [Activation(Activation.ReLU6)]
    [Conv2D(128, 1, UseBias = false)]
    [BatchNormalization]
    [Activation(Activation.ReLU6)]
    public partial class FusedMobileNetBlockNet
    {
    }

    /// <summary>Stride 2, valid, multiplier 2 on 21 channels -> [15, 14, 42] (3 bands of 5 rows); the 1x1 to 19 filters + BN + ReLU.</summary>
    [ConvNet(31, 30, 21)]
    [DepthwiseConv2D(3, DepthMultiplier = 2, Stride = 2)]
    [Conv2D(19, 1, UseBias = false)]
    [BatchNormalization]
    [Activation(Activation.ReLU)]
    public partial class FusedStridedMultiplierNet
    {
    }

    /// <summary>Multiplier 3 on 6 channels, dilation 2, LeakyReLU in the depthwise -> [24, 70, 18] (4 bands of 6 rows); 1x1 to 7 with Swish.</summary>
    [ConvNet(24, 70, 6)]
    [DepthwiseConv2D(3, DepthMultiplier = 3, Dilation = 2, Padding = Padding.Same, Activation = Activation.LeakyReLU)]
    [Conv2D(7, 1, Activation = Activation.Swish)]
    public partial class FusedMultiplierThreeNet
    {
    }

    /// <summary>A MobileNet-v1 stem of separable convolutions: 3 input channels (the scalar path), stride 2, multiplier 2, a 1x1 with a Softmax pass.</summary>
    [ConvNet(33, 33, 3)]
    [SeparableConv2D(24, 3, Stride = 2, Padding = Padding.Same, Activation = Activation.ReLU)]
    [SeparableConv2D(37, 3, DepthMultiplier = 2, Padding = Padding.Same, UseBias = false)]
    [BatchNormalization]
    [Activation(Activation.HardSwish)]
    [DepthwiseConv2D(5, Padding = Padding.Same, Activation = Activation.ReLU6)]
    [Conv2D(5, 1, Activation = Activation.Softmax)]
    public partial class FusedSeparableNet
    {
    }

    /// <summary>Not fused: the depthwise output is read by the 1x1 and by the Add (17 channels: Vector256 + one float).</summary>
    [ConvNet(9, 11, 17)]
    [DepthwiseConv2D(3, Padding = Padding.Same, Name = "dw")]
    [Conv2D(17, 1, Activation = Activation.ReLU)]
    [Add("dw", "conv2d")]
    public partial class DepthwiseReadTwiceNet
    {
    }

    public class DepthwiseFusionTests
    {
        [Fact]
        public void TheMobileNetBlockMatchesTheInterpreter() => Check(FusedMobileNetBlockNet.Network, p => new FusedMobileNetBlockNet(p), seed: 51);

        [Fact]
        public void StridedValidMultiplierTwoMatchesTheInterpreter() => Check(FusedStridedMultiplierNet.Network, p => new FusedStridedMultiplierNet(p), seed: 52);

        [Fact]
        public void MultiplierThreeWithDilationMatchesTheInterpreter() => Check(FusedMultiplierThreeNet.Network, p => new FusedMultiplierThreeNet(p), seed: 53);

        [Fact]
        public void SeparableConvolutionsMatchTheInterpreter() => Check(FusedSeparableNet.Network, p => new FusedSeparableNet(p), seed: 54);

        [Fact]
        public void ADepthwiseReadTwiceMatchesTheInterpreter() => Check(DepthwiseReadTwiceNet.Network, p => new DepthwiseReadTwiceNet(p), seed: 55);

        [Fact]
        public void TheFusedDepthwiseOutputIsNeverStored()
        {
            // Unfused, the [56, 56, 64] depthwise output would take 200,704 floats of scratch; the read-twice one keeps its
            // [9, 11, 17] beside the 1x1's, both read by the Add.
            Assert.Equal(0, FusedMobileNetBlockNet.ScratchLength);
            Assert.Equal(0, FusedStridedMultiplierNet.ScratchLength);
            Assert.Equal(2 * 9 * 11 * 17, DepthwiseReadTwiceNet.ScratchLength);
        }

        [Fact]
        public void RunAllocatesNothing()
        {
            var network = new FusedSeparableNet(TestData.Parameters(new Random(5), ShapeInference.Analyze(FusedSeparableNet.Network)));
            float[] input = TestData.Uniform(new Random(6), FusedSeparableNet.InputLength);
            var output = new float[FusedSeparableNet.OutputLength];
            Allocation.AssertNone(() => network.Run(input, output), "FusedSeparableNet.Run");

            var block = new FusedMobileNetBlockNet(TestData.Parameters(new Random(7), ShapeInference.Analyze(FusedMobileNetBlockNet.Network)));
            float[] blockInput = TestData.Uniform(new Random(8), FusedMobileNetBlockNet.InputLength);
            var blockOutput = new float[FusedMobileNetBlockNet.OutputLength];
            Allocation.AssertNone(() => block.Run(blockInput, blockOutput), "FusedMobileNetBlockNet.Run", calls: 20);
        }

        [Fact]
        public void BatchOnTwoThreadsEqualsSingleRuns()
        {
            const int Images = 5;
            var random = new Random(9);
            var network = new FusedStridedMultiplierNet(TestData.Parameters(random, ShapeInference.Analyze(FusedStridedMultiplierNet.Network)));
            float[] input = TestData.Uniform(random, Images * FusedStridedMultiplierNet.InputLength, 8f);
            var batch = new float[Images * FusedStridedMultiplierNet.OutputLength];
            network.Run(input, batch, Images, 2);

            var single = new float[FusedStridedMultiplierNet.OutputLength];
            for (int i = 0; i < Images; i++)
            {
                network.Run(input.AsSpan(i * FusedStridedMultiplierNet.InputLength, FusedStridedMultiplierNet.InputLength), single);
                Assert.True(single.AsSpan().SequenceEqual(batch.AsSpan(i * FusedStridedMultiplierNet.OutputLength, FusedStridedMultiplierNet.OutputLength)),
                    $"image {i} of the batch on 2 threads differs from its single run");
            }
        }

        private static void Check(NetworkSpec spec, Func<float[], IConvNet> create, int seed)
            => TestData.AssertMatchesInterpreter(spec, create, seed, inputScale: 8f); // large enough that ReLU6 clips
    }
}
