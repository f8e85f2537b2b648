using System;
using System.Reflection;
using ConvGen.Tests.Infrastructure;

namespace ConvGen.Tests.Generated
{
    // 5x5, stride-1 convolutions with 16 or more channels in and 32 or more out run as Winograd F(2x2, 5x5); against the
    // interpreter: the survey's S6, a valid one with a folded BatchNormalization + ReLU6 on a partial vector of output
    // channels, a dilated one, and ones kept direct (16 filters; stride 2).

    /// <summary>The survey's S6: 32x32x16, Conv 32 5x5 same ReLU.</summary>
    [ConvNet(32, 32, 16)]
    [Conv2D(32, 5, Padding = Padding.Same, Activation = Activation.ReLU)]
    public partial class Winograd5x5SameNet
    {
    }

    /// <summary>
    /// 13x11x20: Conv 36 5x5 valid + BatchNormalization + ReLU6 (9x7 output: F(2x2, 5x5), 36 channels pad to 64), then
    /// Conv 16 5x5 same (16 filters: direct) and Conv 40 5x5 stride 2 same (direct).
    /// </summary>
    [ConvNet(13, 11, 20)]
    [Conv2D(36, 5, UseBias = false)]
    [BatchNormalization]
    [Activation(Activation.ReLU6)]
    [Conv2D(16, 5, Padding = Padding.Same)]
    [Conv2D(40, 5, Stride = 2, Padding = Padding.Same)]
    public partial class Winograd5x5MixedNet
    {
    }

    /// <summary>18x17x24: Conv 32 5x5 dilation 2 same, linear (sub-grids of up to 9x9: F(2x2, 5x5) through RunDilated).</summary>
    [ConvNet(18, 17, 24)]
    [Conv2D(32, 5, Padding = Padding.Same, Dilation = 2)]
    public partial class Winograd5x5DilatedNet
    {
    }

    public class Winograd5x5LayerTests
    {
        [Fact]
        public void SameWithReLUMatchesTheInterpreter() =>
            TestData.AssertMatchesInterpreter(Winograd5x5SameNet.Network, p => new Winograd5x5SameNet(p), seed: 51, inputScale: 2f);

        [Fact]
        public void ValidWithAFoldedBatchNormAndDirectNeighboursMatchesTheInterpreter() =>
            TestData.AssertMatchesInterpreter(Winograd5x5MixedNet.Network, p => new Winograd5x5MixedNet(p), seed: 52, inputScale: 4f); // large enough that ReLU6 clips

        [Fact]
        public void DilatedMatchesTheInterpreter() =>
            TestData.AssertMatchesInterpreter(Winograd5x5DilatedNet.Network, p => new Winograd5x5DilatedNet(p), seed: 53, inputScale: 2f);

        [Fact]
        public void EligibleLayersRunF2Of5x5AndTheOthersStayDirect()
        {
            Assert.Equal(5, KernelSize(typeof(Winograd5x5SameNet), "Conv2dLayer"));
            Assert.Equal(5, KernelSize(typeof(Winograd5x5MixedNet), "Conv2dLayer"));
            Assert.Null(KernelSize(typeof(Winograd5x5MixedNet), "Conv2d1Layer"));
            Assert.Null(KernelSize(typeof(Winograd5x5MixedNet), "Conv2d2Layer"));
            Assert.Equal(5, KernelSize(typeof(Winograd5x5DilatedNet), "Conv2dLayer"));
        }

        [Fact]
        public void RunAllocatesNothing()
        {
            var network = new Winograd5x5SameNet(new float[Winograd5x5SameNet.ParameterCount]);
            var input = new float[Winograd5x5SameNet.InputLength];
            var output = new float[Winograd5x5SameNet.OutputLength];
            Allocation.AssertNone(() => network.Run(input, output), "Winograd5x5SameNet.Run", calls: 50);
        }

        /// <summary>The KernelSize constant of a layer's kernel class when it is a Winograd one with a 5x5 kernel, else null.</summary>
        private static int? KernelSize(Type network, string layer)
        {
            Type kernel = network.GetNestedType(layer, BindingFlags.NonPublic)!;
            const BindingFlags Constants = BindingFlags.NonPublic | BindingFlags.Static;
            return kernel.GetField("OutputTile", Constants) is null ? null : (int?)kernel.GetField("KernelSize", Constants)?.GetValue(null);
        }
    }
}
