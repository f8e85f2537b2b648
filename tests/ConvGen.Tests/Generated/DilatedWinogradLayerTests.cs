using System;
using System.Reflection;
using ConvGen.Tests.Infrastructure;

namespace ConvGen.Tests.Generated
{
    // Dilated 3x3 convolutions with enough channels run as Winograd over the interleaved sub-grids
    // (WinogradConvolution.RunDilated); against the interpreter: dilation 2 same (the survey's S9), a rectangular dilation
    // with valid padding and a folded BatchNormalization + ReLU6, and a dilation too large for its image (kept direct).

    /// <summary>The survey's S9: 32x32x32, Conv 32 3x3 dilation 2 same ReLU.</summary>
    [ConvNet(32, 32, 32)]
    [Conv2D(32, 3, Padding = Padding.Same, Dilation = 2, Activation = Activation.ReLU)]
    public partial class DilatedSameNet
    {
    }

    /// <summary>21x24x16: Conv 24 3x3 dilation 2x3 valid + BatchNormalization + ReLU6 (a 17x18 output in sub-grids of up to 9x6: F(4x4) would overhang, F(2x2) on 16 x 24 channels does not pay: direct), then Conv 40 3x3 dilation 3 same (sub-grids up to 6x6: direct) and Conv 32 3x3 dilation 2 same (sub-grids up to 9x9: F(4x4)).</summary>
    [ConvNet(21, 24, 16)]
    [Conv2D(24, 3, DilationHeight = 2, DilationWidth = 3, UseBias = false)]
    [BatchNormalization]
    [Activation(Activation.ReLU6)]
    [Conv2D(40, 3, Padding = Padding.Same, Dilation = 3)]
    [Conv2D(32, 3, Padding = Padding.Same, Dilation = 2, Activation = Activation.ReLU6)]
    public partial class DilatedMixedNet
    {
    }

    /// <summary>40x36x32: Conv 32 3x3 dilation 3x2 valid + BatchNormalization (34x32 output in sub-grids of 12x16: F(4x4)).</summary>
    [ConvNet(40, 36, 32)]
    [Conv2D(32, 3, DilationHeight = 3, DilationWidth = 2, UseBias = false)]
    [BatchNormalization]
    public partial class DilatedValidNet
    {
    }

    public class DilatedWinogradLayerTests
    {
        [Fact]
        public void DilationTwoSameMatchesTheInterpreter() =>
            TestData.AssertMatchesInterpreter(DilatedSameNet.Network, p => new DilatedSameNet(p), seed: 91, inputScale: 2f);

        [Fact]
        public void MixedDilationsMatchTheInterpreter() =>
            TestData.AssertMatchesInterpreter(DilatedMixedNet.Network, p => new DilatedMixedNet(p), seed: 92, inputScale: 4f); // large enough that ReLU6 clips

        [Fact]
        public void ARectangularDilationWithValidPaddingMatchesTheInterpreter() =>
            TestData.AssertMatchesInterpreter(DilatedValidNet.Network, p => new DilatedValidNet(p), seed: 93, inputScale: 2f);

        [Fact]
        public void EligibleDilatedLayersRunDilatedWinograd()
        {
            Assert.True(RunsDilatedWinograd(typeof(DilatedSameNet), "Conv2dLayer"));
            Assert.True(RunsDilatedWinograd(typeof(DilatedValidNet), "Conv2dLayer"));
            Assert.False(RunsDilatedWinograd(typeof(DilatedMixedNet), "Conv2dLayer"));
            Assert.False(RunsDilatedWinograd(typeof(DilatedMixedNet), "Conv2d1Layer"));
            Assert.True(RunsDilatedWinograd(typeof(DilatedMixedNet), "Conv2d2Layer"));
        }

        [Fact]
        public void RunAllocatesNothing()
        {
            var network = new DilatedSameNet(new float[DilatedSameNet.ParameterCount]);
            var input = new float[DilatedSameNet.InputLength];
            var output = new float[DilatedSameNet.OutputLength];
            Allocation.AssertNone(() => network.Run(input, output), "DilatedSameNet.Run", calls: 50);
        }

        /// <summary>Whether the layer's kernel class is a Winograd one with a dilation (its constants OutputTile and DilationHeight).</summary>
        private static bool RunsDilatedWinograd(Type network, string layer)
        {
            Type kernel = network.GetNestedType(layer, BindingFlags.NonPublic)!;
            const BindingFlags Constants = BindingFlags.NonPublic | BindingFlags.Static;
            return kernel.GetField("OutputTile", Constants) is not null && kernel.GetField("DilationHeight", Constants) is not null;
        }
    }
}
