using System;
using System.Linq;
using System.Reflection;
using ConvGen.Tests.Infrastructure;

namespace ConvGen.Tests.Generated
{
    // Row tiles in the shared-column form (ConvolutionKernelEmitter.EmitSharedRow, the kernels named Row..._NNN): per
    // kernel row and input channel, each input column under the tile is broadcast once and multiplied with every kernel
    // column that reaches it. Blocks of 1 or 2 vectors take it (1 only with 16 registers: Vector256 and Vector128), for
    // stride below the kernel width and dilation 1. Against the interpreter: strides 1, 2 and 3 (4-wide kernel), a
    // rectangular kernel, partial vectors, no bias, one input channel, a tile tail, and a fused pool (the band rows).
    // With a fused pool whose windows have whole convolution windows, the PooledRow kernels compute PoolHeight rows of
    // such windows and pool them in registers (ConvolutionKernelEmitter.EmitPooledRow): max and average, partial vectors,
    // a 3x2 window, tails.
    // Run these with DOTNET_EnableAVX512=0 (and DOTNET_EnableAVX=0) to check the Vector256 (Vector128) kernels as well.

    /// <summary>
    /// 20 filters 3x5 same (Vector512: a block of 2 vectors, the last storing 4 lanes), then 8 filters 3x3 stride 2 without
    /// bias (one Vector256), then 24 filters 2x4 with strides 1x3 (input columns shared by every other pixel).
    /// </summary>
    [ConvNet(11, 37, 3)]
    [Conv2D(20, 3, 5, Padding = Padding.Same, Activation = Activation.LeakyReLU)]
    [Conv2D(8, 3, Stride = 2, UseBias = false, Activation = Activation.ReLU6)]
    [Conv2D(24, 2, 4, StrideHeight = 1, StrideWidth = 3, Padding = Padding.Same, Activation = Activation.Swish)]
    public partial class SharedRowStridesNet
    {
    }

    /// <summary>
    /// One input channel, 12 filters 5x5 same (a partial Vector512, a Vector256 + Vector128), AvgPool 2 fused into the
    /// convolution: with Vector512 the pooled rows [1, 9) compute pool windows [1, 14) in registers (tiles of 5, 5 and 3
    /// windows), the first and last pooled rows and windows 0 and 14 go through the band.
    /// </summary>
    [ConvNet(20, 30, 1)]
    [Conv2D(12, 5, Padding = Padding.Same, Activation = Activation.ReLU)]
    [AvgPool2D(2)]
    public partial class SharedRowPooledNet
    {
    }

    /// <summary>
    /// 16 filters 3x3 valid, ReLU6, MaxPool 3x2 (every pool window whole: the whole layer in registers with Vector512, 4
    /// windows of 3 rows x 2 columns per tile), then 20 filters 3x3 stride 2 same, Swish, MaxPool 2 (its interior ends
    /// inside a pool window: through the band).
    /// </summary>
    [ConvNet(17, 26, 4)]
    [Conv2D(16, 3, Activation = Activation.ReLU6)]
    [MaxPool2D(3, 2)]
    [Conv2D(20, 3, Stride = 2, Padding = Padding.Same, Activation = Activation.Swish)]
    [MaxPool2D(2)]
    public partial class PooledRowMaxNet
    {
    }

    public class SharedColumnRowTests
    {
        [Fact]
        public void StridesAndPartialVectorsMatchTheInterpreter() =>
            TestData.AssertMatchesInterpreter(SharedRowStridesNet.Network, p => new SharedRowStridesNet(p), seed: 61, inputScale: 4f);

        [Fact]
        public void OneInputChannelWithAFusedPoolMatchesTheInterpreter() =>
            TestData.AssertMatchesInterpreter(SharedRowPooledNet.Network, p => new SharedRowPooledNet(p), seed: 62, inputScale: 4f);

        [Fact]
        public void MaxPoolWindowsInRegistersMatchTheInterpreter() =>
            TestData.AssertMatchesInterpreter(PooledRowMaxNet.Network, p => new PooledRowMaxNet(p), seed: 63, inputScale: 8f); // large enough that ReLU6 clips

        [Fact]
        public void FusedPoolsRunPooledRowsWhereTheirWindowsAreWhole()
        {
            // Vector512: the AvgPool's inner windows and the whole 3x2 MaxPool layer in registers; the stride-2 layer through the band
            Assert.Contains(RowKernels(typeof(SharedRowPooledNet)), name => name.StartsWith("Conv2dLayer.PooledRow5x1p12_512", StringComparison.Ordinal));
            Assert.Contains(RowKernels(typeof(SharedRowPooledNet)), name => name.StartsWith("Conv2dLayer.PooledRow3x1p12_512", StringComparison.Ordinal));
            string[] max = RowKernels(typeof(PooledRowMaxNet));
            Assert.Contains("Conv2dLayer.PooledRow4x1_512", max);
            Assert.DoesNotContain(max, name => name.StartsWith("Conv2d1Layer.PooledRow", StringComparison.Ordinal));
            Assert.Contains(max, name => name.StartsWith("Conv2d1Layer.Row", StringComparison.Ordinal));
            Assert.Null(typeof(PooledRowMaxNet).GetNestedType("Conv2dLayer", BindingFlags.NonPublic)!.GetMethod("PoolBand512", BindingFlags.Static | BindingFlags.NonPublic));
        }

        [Fact]
        public void TheNetworksRunSharedColumnRows()
        {
            // each layer's widest vectors run row tiles in the shared-column form (the 8-channel layer's widest is Vector256)
            string[] strides = RowKernels(typeof(SharedRowStridesNet));
            Assert.Contains(strides, name => name.StartsWith("Conv2dLayer.Row", StringComparison.Ordinal) && name.EndsWith("x2p4_512", StringComparison.Ordinal));
            Assert.Contains(strides, name => name.StartsWith("Conv2d1Layer.Row", StringComparison.Ordinal) && name.EndsWith("x1_256", StringComparison.Ordinal));
            Assert.Contains(strides, name => name.StartsWith("Conv2d2Layer.Row", StringComparison.Ordinal) && name.EndsWith("x2p8_512", StringComparison.Ordinal));
            Assert.Contains(RowKernels(typeof(SharedRowPooledNet)), name => name.EndsWith("x1p12_512", StringComparison.Ordinal));
        }

        /// <summary>Layer.Method names of the network's shared-column row kernels (Row and PooledRow).</summary>
        private static string[] RowKernels(Type network) => network
            .GetNestedTypes(BindingFlags.NonPublic)
            .SelectMany(layer => layer.GetMethods(BindingFlags.Static | BindingFlags.NonPublic).Select(m => layer.Name + "." + m.Name))
            .Where(name => name.Contains(".Row", StringComparison.Ordinal) || name.Contains(".PooledRow", StringComparison.Ordinal))
            .ToArray();
    }
}
