using System;
using System.Linq;
using System.Reflection;
using ConvGen.Tests.Infrastructure;

namespace ConvGen.Tests.Generated
{
    // Conv2DTranspose's phase tiles (TransposedConvolutionEmitter, the kernels named Phase..._NNN): the interior output
    // columns of one phase (fx mod StrideWidth) in register tiles of several pixels x a block of channels, the border
    // columns one pixel at a time. Against the interpreter: strides 1, 2 and 3 (and 2x1), kernels smaller than the
    // stride (phases no tap reaches: bias only), both paddings, partial vectors, no bias, an activation the tiles cannot
    // compute in registers (Softmax, a pass after), and an input too small for any interior column.
    // Run these with DOTNET_EnableAVX512=0 (and DOTNET_EnableAVX=0) to check the Vector256 (Vector128) tiles as well.

    /// <summary>A decoder step (the survey's S8): 3x3 stride 2 same, 64 -> 32 channels, ReLU; then 4x4 stride 2 valid, 20 filters (a partial vector), no bias, LeakyReLU.</summary>
    [ConvNet(16, 16, 64)]
    [Conv2DTranspose(32, 3, Stride = 2, Padding = Padding.Same, Activation = Activation.ReLU)]
    [Conv2DTranspose(20, 4, Stride = 2, UseBias = false, Activation = Activation.LeakyReLU)]
    public partial class PhaseDecoderNet
    {
    }

    /// <summary>5x5 stride 3 same on 6x5x3 (three phases), 12 filters, ReLU6; then 2x2 stride 1 same (one phase), 40 filters, Tanh.</summary>
    [ConvNet(6, 5, 3)]
    [Conv2DTranspose(12, 5, Stride = 3, Padding = Padding.Same, Activation = Activation.ReLU6)]
    [Conv2DTranspose(40, 2, Padding = Padding.Same, Activation = Activation.Tanh)]
    public partial class PhaseStridesNet
    {
    }

    /// <summary>1x1 stride 2 valid (every other column and row gets only the bias), 9 filters; then 3x5 with strides 2x1, 17 filters, Softmax.</summary>
    [ConvNet(9, 11, 6)]
    [Conv2DTranspose(9, 1, Stride = 2)]
    [Conv2DTranspose(17, 3, 5, StrideHeight = 2, StrideWidth = 1, Padding = Padding.Same, Activation = Activation.Softmax)]
    public partial class PhaseSparseNet
    {
    }

    /// <summary>A 1x1 input: with a 4x4 kernel at stride 2 no output column has every tap of its phase inside the input.</summary>
    [ConvNet(1, 1, 5)]
    [Conv2DTranspose(16, 4, Stride = 2, Padding = Padding.Same, Activation = Activation.Swish)]
    public partial class PhaseBorderOnlyNet
    {
    }

    public class TransposedPhaseTilesTests
    {
        [Fact]
        public void ADecoderStepMatchesTheInterpreter() =>
            TestData.AssertMatchesInterpreter(PhaseDecoderNet.Network, p => new PhaseDecoderNet(p), seed: 71, inputScale: 2f);

        [Fact]
        public void StridesOneAndThreeMatchTheInterpreter() =>
            TestData.AssertMatchesInterpreter(PhaseStridesNet.Network, p => new PhaseStridesNet(p), seed: 72, inputScale: 4f); // large enough that ReLU6 clips

        [Fact]
        public void PhasesWithoutTapsAndAnActivationPassMatchTheInterpreter() =>
            TestData.AssertMatchesInterpreter(PhaseSparseNet.Network, p => new PhaseSparseNet(p), seed: 73, inputScale: 2f);

        [Fact]
        public void AnInputWithoutInteriorColumnsMatchesTheInterpreter() =>
            TestData.AssertMatchesInterpreter(PhaseBorderOnlyNet.Network, p => new PhaseBorderOnlyNet(p), seed: 74, inputScale: 2f);

        [Fact]
        public void InteriorColumnsRunPhaseTilesOfSeveralPixels()
        {
            // the decoder's first layer: columns 2-31, 15 per phase, in tiles of 8 and 7 (Vector512) or three of 5 (Vector256)
            string[] decoder = PhaseKernels(typeof(PhaseDecoderNet));
            Assert.Contains(decoder, name => name.StartsWith("Conv2dTransposeLayer.Phase8x2_512", StringComparison.Ordinal));
            Assert.Contains(decoder, name => name.StartsWith("Conv2dTransposeLayer.Phase5x2_256", StringComparison.Ordinal));
            Assert.Contains(decoder, name => name.StartsWith("Conv2dTranspose1Layer.Phase", StringComparison.Ordinal) && name.EndsWith("x2p4_512", StringComparison.Ordinal));

            // no column of the 1x1 input's output has a whole phase inside the input: no tiles, only the one-pixel loop
            Assert.Empty(PhaseKernels(typeof(PhaseBorderOnlyNet)));
            Assert.NotNull(typeof(PhaseBorderOnlyNet).GetNestedType("Conv2dTransposeLayer", BindingFlags.NonPublic)!.GetMethod("Pixel", BindingFlags.Static | BindingFlags.NonPublic));
        }

        [Fact]
        public void RunAllocatesNothing()
        {
            var network = new PhaseDecoderNet(new float[PhaseDecoderNet.ParameterCount]);
            var input = new float[PhaseDecoderNet.InputLength];
            var output = new float[PhaseDecoderNet.OutputLength];
            Allocation.AssertNone(() => network.Run(input, output), "PhaseDecoderNet.Run", calls: 50);
        }

        /// <summary>Layer.Method names of the network's phase tiles.</summary>
        private static string[] PhaseKernels(Type network) => network
            .GetNestedTypes(BindingFlags.NonPublic)
            .SelectMany(layer => layer.GetMethods(BindingFlags.Static | BindingFlags.NonPublic).Select(m => layer.Name + "." + m.Name))
            .Where(name => name.Contains(".Phase", StringComparison.Ordinal))
            .ToArray();
    }
}
