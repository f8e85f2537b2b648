using System;
using System.Collections.Generic;
using System.Linq;
using ConvGen.Inference;
using ConvGen.Tests.Infrastructure;

namespace ConvGen.Tests.Generated
{
    // Conv2D layers with 1-4 input channels that the generator runs as NarrowWinogradConvolution where Vector256 is the
    // widest accelerated vector (AVX2), and with the direct kernels elsewhere (3-4 input channels and a fused 2x2 pool). The tests force each path on this machine
    // (NarrowWinogradConvolution.PreferredOverride) and compare both with the interpreter: a fused 2x2 max or average pool,
    // a folded BatchNormalization (the constructor transforms the packed, folded kernel), ReLU6, valid padding, output
    // sizes off multiples of 4, and output channels off multiples of 16.

    /// <summary>The CNN primer's net (N1): 28x28x3, Conv2D 16 3x3 same ReLU, MaxPool2D 2.</summary>
    [ConvNet(28, 28, 3)]
    [Conv2D(16, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
    [MaxPool2D(2)]
    public partial class NarrowPrimerNet
    {
    }

    /// <summary>4 channels, no conv bias, BatchNormalization and ReLU6 folded and fused in, AvgPool2D 2 on a 19x22 output (odd row dropped), 24 filters.</summary>
    [ConvNet(19, 22, 4)]
    [Conv2D(24, 3, Padding = Padding.Same, UseBias = false)]
    [BatchNormalization]
    [Activation(Activation.ReLU6)]
    [AvgPool2D(2)]
    public partial class NarrowBatchNormAveragePoolNet
    {
    }

    /// <summary>3 channels, valid padding (a 15x11 output: partial 4x4 tiles, odd row and column dropped by the pool), 17 filters (a block and one channel), Linear; then a second, wide layer.</summary>
    [ConvNet(17, 13, 3)]
    [Conv2D(17, 3)]
    [MaxPool2D(2)]
    [Conv2D(9, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
    public partial class NarrowValidOddNet
    {
    }

    /// <summary>3 channels, 40 filters, and a 3x3 pool, which the narrow kernel cannot compute: the pool stays fused in the direct kernels, so the layer runs direct.</summary>
    [ConvNet(24, 24, 3)]
    [Conv2D(40, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
    [MaxPool2D(3)]
    public partial class NarrowThreePoolNet
    {
    }

    [Collection(NarrowPathCollection.Name)]
    public class NarrowWinogradLayerTests
    {
        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public void ThePrimerNetMatchesTheInterpreterOnBothPaths(bool narrow) =>
            OnPath(narrow, () => TestData.AssertMatchesInterpreter(NarrowPrimerNet.Network, p => new NarrowPrimerNet(p), seed: 81));

        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public void AFoldedBatchNormAndAnAveragePoolMatchTheInterpreterOnBothPaths(bool narrow) =>
            OnPath(narrow, () => TestData.AssertMatchesInterpreter(NarrowBatchNormAveragePoolNet.Network, p => new NarrowBatchNormAveragePoolNet(p), seed: 82, inputScale: 8f));

        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public void ValidPaddingAndPartialTilesMatchTheInterpreterOnBothPaths(bool narrow) =>
            OnPath(narrow, () => TestData.AssertMatchesInterpreter(NarrowValidOddNet.Network, p => new NarrowValidOddNet(p), seed: 83));

        [Fact]
        public void AThreeByThreePoolKeepsTheLayerDirect()
        {
            OnPath(true, () => TestData.AssertMatchesInterpreter(NarrowThreePoolNet.Network, p => new NarrowThreePoolNet(p), seed: 84));
            Assert.Equal(0, NarrowThreePoolNet.ScratchLength); // no workspace: nothing runs as Winograd
        }

        [Fact]
        public void TheNarrowPathAllocatesNothing()
        {
            OnPath(true, () =>
            {
                var network = new NarrowBatchNormAveragePoolNet(TestData.Parameters(new Random(85), ShapeInference.Analyze(NarrowBatchNormAveragePoolNet.Network)));
                float[] input = TestData.Uniform(new Random(86), NarrowBatchNormAveragePoolNet.InputLength);
                var output = new float[NarrowBatchNormAveragePoolNet.OutputLength];
                Allocation.AssertNone(() => network.Run(input, output), "NarrowBatchNormAveragePoolNet.Run");
            });
        }

        [Fact]
        public void TheConstructorPacksTheTransformedKernelAfterTheDirectOne()
        {
            // The direct kernel [3, 3, 3, 16] (432) and the bias (16), then U [1 block][36, 3, 16] (1,728).
            Assert.Equal(432 + 16 + 36 * 3 * 16, NarrowPrimerNet.PackedWeightLength);
            // 24 filters pad to two blocks of 16 in U, and to 32 in the direct rows (whole Vector512s).
            Assert.Equal(9 * 4 * 32 + 32 + 36 * 4 * 32, NarrowBatchNormAveragePoolNet.PackedWeightLength);
        }

        /// <summary>
        /// The random networks draw layers the generator runs as narrow Winograd (3-4 input channels, a fused 2x2 pool): counted
        /// in their headers; every batch with one is run again on the narrow path and compared with the interpreter (the
        /// equivalence test runs them on this machine's widest vectors, where the direct kernels run).
        /// </summary>
        [Fact]
        public void RandomNetworksWithNarrowLayersMatchTheInterpreterOnTheNarrowPath()
        {
            var batches = new List<int>();
            int layers = 0;
            for (int batch = 0; batch < GeneratedMatchesInterpreterTests.Batches; batch++)
            {
                var source = new System.Text.StringBuilder("using ConvGen;\nnamespace RandomNets\n{\n");
                foreach ((_, _, string declaration) in GeneratedMatchesInterpreterTests.DrawBatch(batch))
                {
                    source.Append(declaration).Append('\n');
                }

                int narrow = GeneratorHarness.Run(source.Append("}\n").ToString()).Sources.Values
                    .Sum(text => GeneratedMatchesInterpreterTests.Header(text).Count(line => line.Contains("(NarrowWinogradConvolution) or direct: ", StringComparison.Ordinal)));
                if (narrow > 0)
                {
                    batches.Add(batch);
                    layers += narrow;
                }
            }

            Assert.True(layers >= 5, $"random layers run as narrow Winograd: {layers}");
            OnPath(true, () =>
            {
                foreach (int batch in batches)
                {
                    GeneratedMatchesInterpreterTests.CheckBatch(batch);
                }
            });
        }

        /// <summary>Runs <paramref name="test"/> with the generated layers forced onto the narrow Winograd kernel or the direct kernels.</summary>
        private static void OnPath(bool narrow, Action test)
        {
            NarrowWinogradConvolution.PreferredOverride = narrow;
            try
            {
                Assert.Equal(narrow, NarrowWinogradConvolution.Preferred);
                test();
            }
            finally
            {
                NarrowWinogradConvolution.PreferredOverride = null;
            }
        }
    }

    /// <summary>The tests that set NarrowWinogradConvolution.PreferredOverride run one at a time (each path is correct, but a test must run the path it names).</summary>
    [CollectionDefinition(Name, DisableParallelization = true)]
    public class NarrowPathCollection
    {
        public const string Name = "NarrowWinogradPath";
    }
}
