using System;
using ConvGen.Tests.Infrastructure;

namespace ConvGen.Tests.Generated
{
    // Convolutions wide enough that the generated kernels split the input channels into chunks (the packed weights of
    // one channel block exceed the L1 budget): partial sums go through the output between chunks and only the last
    // chunk may apply the activation. The random networks stay below that size, so these cover it.

    /// <summary>3x3 same, 40 -> 32 channels: two chunks of 20 input channels; ReLU must see only whole sums.</summary>
    [ConvNet(7, 9, 40, Winograd = false)]
    [Conv2D(32, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
    public partial class ChunkedSameNet
    {
    }

    /// <summary>Stride 2, dilation 2, rectangular kernel, LeakyReLU, 96 -> 64 channels; then a dense head.</summary>
    [ConvNet(11, 10, 96)]
    [Conv2D(64, 3, 2, StrideHeight = 2, StrideWidth = 1, Dilation = 2, Padding = Padding.Same, Activation = Activation.LeakyReLU)]
    [Flatten]
    [Dense(5, Activation = Activation.Tanh)]
    public partial class ChunkedStridedNet
    {
    }

    /// <summary>Valid padding without bias, 72 -> 48 channels (a full block of 32 plus a block of 16 with Vector512).</summary>
    [ConvNet(6, 8, 72, Winograd = false)]
    [Conv2D(48, 3, UseBias = false)]
    public partial class ChunkedValidNet
    {
    }

    public class ChunkedConvolutionTests
    {
        [Fact]
        public void ChunkedSameMatchesTheInterpreter() => Check(ChunkedSameNet.Network, p => new ChunkedSameNet(p), seed: 11);

        [Fact]
        public void ChunkedStridedDilatedMatchesTheInterpreter() => Check(ChunkedStridedNet.Network, p => new ChunkedStridedNet(p), seed: 12);

        [Fact]
        public void ChunkedValidWithoutBiasMatchesTheInterpreter() => Check(ChunkedValidNet.Network, p => new ChunkedValidNet(p), seed: 13);

        private static void Check(NetworkSpec spec, Func<float[], IConvNet> create, int seed)
            => TestData.AssertMatchesInterpreter(spec, create, seed);
    }
}
