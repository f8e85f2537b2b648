using System;
using ConvGen.Tests.Infrastructure;

namespace ConvGen.Tests.Generated
{
    // The exp-family activations (Swish, ELU, GELU) are applied by a tile after it stores its accumulators, one vector at a
    // time (ChannelBlockEmitter.ActivateStored), with the channels of a partial vector one at a time. Against the
    // interpreter on each kernel family that stores tiles: Conv2D (20 filters: a partial vector), depthwise (multi-pixel
    // tiles), Dense (40 units), Conv2DTranspose, with inputs large enough to reach both sides of each curve.
    // Run these with DOTNET_EnableAVX512=0 (and DOTNET_EnableAVX=0) to check the Vector256 (Vector128) tiles as well.

    /// <summary>Conv 20 3x3 same Swish, depthwise 3x3 GELU (erf), Conv2DTranspose 12 3x3 stride 2 same ELU, Flatten, Dense 40 GELU (tanh).</summary>
    [ConvNet(9, 14, 5)]
    [Conv2D(20, 3, Padding = Padding.Same, Activation = Activation.Swish)]
    [DepthwiseConv2D(3, Padding = Padding.Same, Activation = Activation.GELUErf)]
    [Conv2DTranspose(12, 3, Stride = 2, Padding = Padding.Same, Activation = Activation.ELU, Alpha = 0.7f)]
    [Flatten]
    [Dense(40, Activation = Activation.GELUTanh)]
    public partial class ExpFamilyNet
    {
    }

    public class ExpFamilyActivationTests
    {
        [Fact]
        public void EveryKernelFamilyMatchesTheInterpreter() =>
            TestData.AssertMatchesInterpreter(ExpFamilyNet.Network, p => new ExpFamilyNet(p), seed: 101, inputScale: 6f);

        [Fact]
        public void TilesApplyTheActivationAfterTheirStores()
        {
            // the same declaration, through the generator in process
            string source = GeneratorHarness.Run(@"using ConvGen;
[ConvNet(9, 14, 5)]
[Conv2D(20, 3, Padding = Padding.Same, Activation = Activation.Swish)]
[DepthwiseConv2D(3, Padding = Padding.Same, Activation = Activation.GELUErf)]
[Conv2DTranspose(12, 3, Stride = 2, Padding = Padding.Same, Activation = Activation.ELU, Alpha = 0.7f)]
[Flatten]
[Dense(40, Activation = Activation.GELUTanh)]
public partial class ExpFamilyNet { }").Sources["ExpFamilyNet.g.cs"];
            Assert.Contains("// Swish after the stores, one vector at a time", source, StringComparison.Ordinal);
            Assert.Contains("// GELUErf after the stores, one vector at a time", source, StringComparison.Ordinal);
            Assert.Contains("// ELU after the stores, one vector at a time", source, StringComparison.Ordinal);
            Assert.Contains("// GELUTanh after the stores, one vector at a time", source, StringComparison.Ordinal);
        }
    }
}
