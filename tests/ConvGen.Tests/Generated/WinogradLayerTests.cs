using System;
using System.Linq;
using ConvGen.Tests.Infrastructure;

namespace ConvGen.Tests.Generated
{
    // Convolutions the generator runs as Winograd (F(4x4, 3x3) and F(2x2, 3x3)), against the interpreter and against the
    // same network with Winograd turned off (the direct kernels): same and valid padding, a folded BatchNormalization with a
    // fused ReLU6, channel counts off the vector widths, a pool after a Winograd layer (not fused), and the batch Run.

    /// <summary>F4 (16 -> 32, same, ReLU), F4 (32 -> 120, valid, no bias, BN + ReLU6), pool, F2 on 7x7 (120 -> 144), a direct 3x3.</summary>
    [ConvNet(16, 16, 16)]
    [Conv2D(32, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
    [Conv2D(120, 3, UseBias = false)]
    [BatchNormalization]
    [Activation(Activation.ReLU6)]
    [MaxPool2D(2)]
    [Conv2D(144, 3, Padding = Padding.Same)]
    [Conv2D(8, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
    [Flatten]
    [Dense(10)]
    public partial class WinogradMixNet
    {
    }

    /// <summary>The same network on the direct kernels.</summary>
    [ConvNet(16, 16, 16, Winograd = false)]
    [Conv2D(32, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
    [Conv2D(120, 3, UseBias = false)]
    [BatchNormalization]
    [Activation(Activation.ReLU6)]
    [MaxPool2D(2)]
    [Conv2D(144, 3, Padding = Padding.Same)]
    [Conv2D(8, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
    [Flatten]
    [Dense(10)]
    public partial class WinogradOffNet
    {
    }

    /// <summary>N3's shapes: 32 -> 32 on 32x32 (F4: 64 tiles, so two blocks of up to 36), 32 -> 64 on 16x16.</summary>
    [ConvNet(32, 32, 32)]
    [Conv2D(32, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
    [MaxPool2D(2)]
    [Conv2D(64, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
    public partial class WinogradVggNet
    {
    }

    public class WinogradLayerTests
    {
        [Fact]
        public void MixedLayersMatchTheInterpreter() => TestData.AssertMatchesInterpreter(WinogradMixNet.Network, p => new WinogradMixNet(p), seed: 51, inputScale: 4f);

        [Fact]
        public void VggShapesMatchTheInterpreter() => TestData.AssertMatchesInterpreter(WinogradVggNet.Network, p => new WinogradVggNet(p), seed: 52);

        [Fact]
        public void WinogradAndTheDirectKernelsAgree()
        {
            var random = new Random(53);
            float[] parameters = TestData.Parameters(random, ShapeInference.Analyze(WinogradMixNet.Network));
            float[] input = TestData.Uniform(random, WinogradMixNet.InputLength, 4f);
            var winograd = new float[WinogradMixNet.OutputLength];
            var direct = new float[WinogradOffNet.OutputLength];
            new WinogradMixNet(parameters).Run(input, winograd);
            new WinogradOffNet(parameters).Run(input, direct);

            Assert.Equal(WinogradMixNet.Network.Layers, WinogradOffNet.Network.Layers);
            TestData.AssertClose(direct, winograd, 1e-4, "Winograd against the direct kernels");
            Assert.False(direct.SequenceEqual(winograd), "the two networks computed bit-identical outputs: is Winograd running?");
        }

        [Fact]
        public void TheWorkspaceIsPartOfTheScratchAndTheTransformedKernelsOfThePackedWeights()
        {
            // The direct network's scratch holds only tensors; Winograd adds its workspace, the largest layer's:
            // F(4x4) 32 -> 120 channels: 36 transform points x 36 tiles x (32 input channels + 120 padded to 128) floats.
            Assert.True(WinogradMixNet.ScratchLength >= 36 * 36 * (32 + 128), $"ScratchLength {WinogradMixNet.ScratchLength}");
            // Transformed kernels (output channels padded to 32) against the direct ones (padded to 16), the rest equal:
            // F4 36 x 16 x 32, F4 36 x 32 x 128, F2 16 x 120 x 160 against 9 x 16 x 32, 9 x 32 x 128, 9 x 120 x 144.
            int transformed = (36 * 16 * 32) + (36 * 32 * 128) + (16 * 120 * 160), direct = 9 * ((16 * 32) + (32 * 128) + (120 * 144));
            int difference = WinogradMixNet.PackedWeightLength - WinogradOffNet.PackedWeightLength;
            Assert.Equal(transformed - direct, difference);
        }

        [Fact]
        public void RunAllocatesNothing()
        {
            var network = new WinogradVggNet(new float[WinogradVggNet.ParameterCount]);
            var input = new float[WinogradVggNet.InputLength];
            var output = new float[WinogradVggNet.OutputLength];
            Allocation.AssertNone(() => network.Run(input, output), "WinogradVggNet.Run", calls: 100);
        }

        [Fact]
        public void BatchRunOnTwoThreadsEqualsSingleRuns()
        {
            const int Images = 5;
            var random = new Random(54);
            float[] parameters = TestData.Parameters(random, ShapeInference.Analyze(WinogradMixNet.Network));
            float[] input = TestData.Uniform(random, Images * WinogradMixNet.InputLength);
            var network = new WinogradMixNet(parameters);
            var batch = new float[Images * WinogradMixNet.OutputLength];
            network.Run(input, batch, Images, 2);
            var single = new float[WinogradMixNet.OutputLength];
            for (int i = 0; i < Images; i++)
            {
                network.Run(input.AsSpan(i * WinogradMixNet.InputLength, WinogradMixNet.InputLength), single);
                Assert.True(single.AsSpan().SequenceEqual(batch.AsSpan(i * WinogradMixNet.OutputLength, WinogradMixNet.OutputLength)), $"image {i}");
            }
        }
    }
}
