using System;
using ConvGen.Tests.Infrastructure;

namespace ConvGen.Tests.Generated
{
    // Convolutions with the pooling layer after them computed in the same pass (PoolFusion: the convolution rows under
    // each pooled row go to a band on the stack and are pooled at once), against the interpreter: max and average,
    // windows that leave rows and columns out, border and interior columns, partial channel vectors, a folded
    // BatchNormalization with a fused activation, a stride-2 convolution, and (not fused) a convolution in chunks.

    /// <summary>N1: 16 channels (one Vector512), 3x3 same, ReLU, MaxPool 2.</summary>
    [ConvNet(28, 28, 3)]
    [Conv2D(16, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
    [MaxPool2D(2)]
    public partial class FusedPrimerNet
    {
    }

    /// <summary>37 filters (2 x Vector512 + partial), 3x5 kernel, AvgPool 3x2 on a 13x11 output (one row and one column left out), then LeNet-style.</summary>
    [ConvNet(13, 11, 2)]
    [Conv2D(37, 3, 5, Padding = Padding.Same, Activation = Activation.LeakyReLU)]
    [AvgPool2D(3, 2)]
    [Conv2D(6, 2, Activation = Activation.ELU)]
    [MaxPool2D(2, 1)]
    [Flatten]
    [Dense(5)]
    public partial class FusedOddNet
    {
    }

    /// <summary>64 filters from 40 input channels (the weights run in chunks of input channels: too large to fuse, the pool stays a step of its own), valid, BN + ReLU6, MaxPool 2; direct (Winograd off).</summary>
    [ConvNet(9, 10, 40, Winograd = false)]
    [Conv2D(64, 3, UseBias = false)]
    [BatchNormalization]
    [Activation(Activation.ReLU6)]
    [MaxPool2D(2)]
    public partial class FusedChunkedNet
    {
    }

    /// <summary>A stride-2 dilated convolution whose image has no interior column, then MaxPool 3 (5 channels: Vector256 partial + Vector128).</summary>
    [ConvNet(7, 4, 3)]
    [Conv2D(5, 3, Stride = 2, Padding = Padding.Same, Activation = Activation.Swish)]
    [MaxPool2D(2, 2)]
    [Conv2D(3, 2, Dilation = 2, Padding = Padding.Same)]
    [AvgPool2D(2, 1)]
    public partial class FusedBorderNet
    {
    }

    public class ConvolutionPoolFusionTests
    {
        [Fact]
        public void PrimerMatchesTheInterpreter() => Check(FusedPrimerNet.Network, p => new FusedPrimerNet(p), seed: 31);

        [Fact]
        public void OddShapesMatchTheInterpreter() => Check(FusedOddNet.Network, p => new FusedOddNet(p), seed: 32);

        [Fact]
        public void ChunkedWeightsWithBatchNormMatchTheInterpreter() => Check(FusedChunkedNet.Network, p => new FusedChunkedNet(p), seed: 33);

        [Fact]
        public void BorderOnlyImagesMatchTheInterpreter() => Check(FusedBorderNet.Network, p => new FusedBorderNet(p), seed: 34);

        [Fact]
        public void TheFusedConvolutionStoresOnlyThePooledTensor()
        {
            // Without the fusion the [28, 28, 16] convolution output would need 12,544 floats of scratch; the scratch holds
            // only the workspace of the narrow Winograd kernel the layer runs where Vector256 is the widest vector.
            Assert.Equal(FusedPrimerNet.ScratchLength, ConvGen.Inference.NarrowWinogradConvolution.WorkspaceLength(3, 28));
        }

        private static void Check(NetworkSpec spec, Func<float[], IConvNet> create, int seed)
            => TestData.AssertMatchesInterpreter(spec, create, seed, inputScale: 8f); // large enough that ReLU6 clips
    }
}
