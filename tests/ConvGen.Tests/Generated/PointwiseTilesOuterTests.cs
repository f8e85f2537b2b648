using System;
using ConvGen.Tests.Infrastructure;

namespace ConvGen.Tests.Generated
{
    // 1x1 convolutions run as a GEMM over all pixels. When the packed weights fit in L1 and the output channels need more
    // than one block of registers, the pixel tiles run outermost and each tile goes through every block
    // (ConvolutionEmitter.PointwiseTilesOuter); larger weights keep the blocks outermost. Run these with
    // DOTNET_EnableAVX512=0 (and DOTNET_EnableAVX=0) to check the Vector256 (Vector128) tiles as well.

    /// <summary>
    /// 24 -> 144 channels, ReLU6, 63 pixels: Vector512 runs 2 blocks of 4 vectors and one of 1, Vector256 9 blocks of 2;
    /// tiles of 6 pixels and a tail of 3.
    /// </summary>
    [ConvNet(7, 9, 24)]
    [Conv2D(144, 1, Activation = Activation.ReLU6)]
    public partial class PointwiseManyBlocksNet
    {
    }

    /// <summary>16 -> 70 channels without bias, ReLU: the last block ends in a partial vector (6 lanes), after a depthwise layer.</summary>
    [ConvNet(5, 5, 16)]
    [DepthwiseConv2D(3, Padding = Padding.Same, Activation = Activation.ReLU)]
    [Conv2D(70, 1, UseBias = false, Activation = Activation.ReLU)]
    public partial class PointwisePartialBlockNet
    {
    }

    /// <summary>96 -> 128 channels (48 KiB of packed weights, above the L1 budget): the blocks stay outermost.</summary>
    [ConvNet(4, 5, 96)]
    [Conv2D(128, 1, Activation = Activation.LeakyReLU)]
    public partial class PointwiseLargeWeightsNet
    {
    }

    public class PointwiseTilesOuterTests
    {
        [Fact]
        public void ManyBlocksMatchTheInterpreter() => TestData.AssertMatchesInterpreter(PointwiseManyBlocksNet.Network, p => new PointwiseManyBlocksNet(p), seed: 21, inputScale: 4f);

        [Fact]
        public void PartialLastBlockMatchesTheInterpreter() => TestData.AssertMatchesInterpreter(PointwisePartialBlockNet.Network, p => new PointwisePartialBlockNet(p), seed: 22);

        [Fact]
        public void LargeWeightsMatchTheInterpreter() => TestData.AssertMatchesInterpreter(PointwiseLargeWeightsNet.Network, p => new PointwiseLargeWeightsNet(p), seed: 23);
    }
}
