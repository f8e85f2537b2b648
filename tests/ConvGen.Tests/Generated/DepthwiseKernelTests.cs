using System;
using ConvGen.Tests.Infrastructure;

namespace ConvGen.Tests.Generated
{
    // Depthwise convolutions wide enough for the generated Vector512/Vector256 tiles (the random networks have at most
    // a few channels, so they mostly reach Vector128 and the scalar tail): whole vectors of the widest width, one
    // narrower vector for the channels left over, the scalar last 1-3 channels, tiles of several sizes across the
    // interior columns, clipped border columns and rows, strides, dilation, and an image with no interior column.

    /// <summary>N4's depthwise half on a small image: 64 channels (4 x Vector512), 3x3 same, BN folded, ReLU6 fused.</summary>
    [ConvNet(9, 37, 64)]
    [DepthwiseConv2D(3, Padding = Padding.Same)]
    [BatchNormalization]
    [Activation(Activation.ReLU6)]
    public partial class DepthwiseMobileBlockNet
    {
    }

    /// <summary>37 channels (2 x Vector512, then 1 x Vector128, then one scalar channel), 3x5 kernel, stride 2 x 1, valid, no bias.</summary>
    [ConvNet(11, 23, 37)]
    [DepthwiseConv2D(3, 5, StrideHeight = 2, StrideWidth = 1, UseBias = false)]
    public partial class DepthwiseOddChannelsNet
    {
    }

    /// <summary>24 channels (Vector512 + Vector256), stride 2, dilation 2, same, LeakyReLU: tiles read every other input column.</summary>
    [ConvNet(13, 40, 24)]
    [DepthwiseConv2D(3, Stride = 2, Dilation = 2, Padding = Padding.Same, Activation = Activation.LeakyReLU)]
    [Activation(Activation.Swish)]
    public partial class DepthwiseStridedDilatedNet
    {
    }

    /// <summary>A 5x5 same kernel on a 3x4 image: no column has its whole window inside, every pixel takes the border path; then 6 channels.</summary>
    [ConvNet(3, 4, 20)]
    [DepthwiseConv2D(5, Padding = Padding.Same, Activation = Activation.ReLU)]
    [DepthwiseConv2D(1, 3, Padding = Padding.Same)]
    [Conv2D(6, 1)]
    [DepthwiseConv2D(3, 3, Padding = Padding.Same, Activation = Activation.Tanh)]
    public partial class DepthwiseNoInteriorNet
    {
    }

    /// <summary>Depth multiplier 2 on 20 channels (interleaved outputs), then a separable convolution with 3 channels only (scalar path).</summary>
    [ConvNet(7, 8, 20)]
    [DepthwiseConv2D(3, DepthMultiplier = 2, Padding = Padding.Same)]
    [Conv2D(3, 1)]
    [SeparableConv2D(18, 3, Padding = Padding.Same, Activation = Activation.ReLU6)]
    public partial class DepthwiseMultiplierNet
    {
    }

    /// <summary>Depth multiplier 3 on 37 channels (2 x Vector512, Vector128, one scalar channel), 3x5 same, stride 2 x 1, dilation 2 x 1, no bias.</summary>
    [ConvNet(11, 29, 37)]
    [DepthwiseConv2D(3, 5, DepthMultiplier = 3, StrideHeight = 2, StrideWidth = 1, DilationHeight = 2, Padding = Padding.Same, UseBias = false)]
    public partial class DepthwiseMultiplierOddNet
    {
    }

    /// <summary>Depth multiplier 2 on 24 channels (Vector512 + Vector256) over a wide row, BN folded, ReLU6 fused; then multiplier 4 with Tanh (a pass) on a 2x3 image without interior.</summary>
    [ConvNet(6, 40, 24)]
    [DepthwiseConv2D(3, DepthMultiplier = 2, Padding = Padding.Same)]
    [BatchNormalization]
    [Activation(Activation.ReLU6)]
    [MaxPool2D(3, 8)]
    [DepthwiseConv2D(5, DepthMultiplier = 4, Padding = Padding.Same, Activation = Activation.Tanh)]
    public partial class DepthwiseMultiplierWideNet
    {
    }

    public class DepthwiseKernelTests
    {
        [Fact]
        public void DepthMultiplierThreeOnOddChannelsMatchesTheInterpreter() => Check(DepthwiseMultiplierOddNet.Network, p => new DepthwiseMultiplierOddNet(p), seed: 26);

        [Fact]
        public void DepthMultiplierTilesOnWideRowsMatchTheInterpreter() => Check(DepthwiseMultiplierWideNet.Network, p => new DepthwiseMultiplierWideNet(p), seed: 27);

        [Fact]
        public void MobileBlockMatchesTheInterpreter() => Check(DepthwiseMobileBlockNet.Network, p => new DepthwiseMobileBlockNet(p), seed: 21);

        [Fact]
        public void OddChannelsWithoutBiasMatchTheInterpreter() => Check(DepthwiseOddChannelsNet.Network, p => new DepthwiseOddChannelsNet(p), seed: 22);

        [Fact]
        public void StridedDilatedMatchesTheInterpreter() => Check(DepthwiseStridedDilatedNet.Network, p => new DepthwiseStridedDilatedNet(p), seed: 23);

        [Fact]
        public void ImageWithoutInteriorMatchesTheInterpreter() => Check(DepthwiseNoInteriorNet.Network, p => new DepthwiseNoInteriorNet(p), seed: 24);

        [Fact]
        public void DepthMultiplierAndSeparableMatchTheInterpreter() => Check(DepthwiseMultiplierNet.Network, p => new DepthwiseMultiplierNet(p), seed: 25);

        private static void Check(NetworkSpec spec, Func<float[], IConvNet> create, int seed)
            => TestData.AssertMatchesInterpreter(spec, create, seed, inputScale: 8f); // large enough that ReLU6 clips
    }
}
