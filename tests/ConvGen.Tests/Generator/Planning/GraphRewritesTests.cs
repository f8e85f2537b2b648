extern alias GeneratorAssembly;

using GeneratorAssembly::ConvGen.Generator.Planning;

namespace ConvGen.Tests.Generator.Planning
{
    using Activation = GeneratorAssembly::ConvGen.Activation;
    using LayerSpec = GeneratorAssembly::ConvGen.LayerSpec;
    using NetworkAnalysis = GeneratorAssembly::ConvGen.NetworkAnalysis;
    using Padding = GeneratorAssembly::ConvGen.Padding;

    /// <summary>The first planning stage: which layers fold, fuse, split or only rename.</summary>
    public class GraphRewritesTests
    {
        [Fact]
        public void BatchNormFoldsAndActivationFusesIntoTheConvolutionBeforeThem()
        {
            // conv2d (linear, read only by the BN) <- batch_normalization <- activation (ReLU): conv + BN + ReLU is one step.
            NetworkAnalysis analysis = Plans.Analyze(8, 8, 3,
                LayerSpec.Conv2D(4, 3, 3, padding: Padding.Same, useBias: false),
                LayerSpec.BatchNormalization(),
                LayerSpec.ActivationLayer(Activation.ReLU),
                LayerSpec.Flatten(),
                LayerSpec.Dense(10));
            GraphRewrites rewrites = GraphRewrites.Find(analysis.Layers);

            Assert.Equal(
                new[] { LayerRewrite.Computed, LayerRewrite.Folded, LayerRewrite.Fused, LayerRewrite.Renamed, LayerRewrite.Computed },
                new[] { rewrites.Of(0), rewrites.Of(1), rewrites.Of(2), rewrites.Of(3), rewrites.Of(4) });
            Assert.Equal("conv2d", rewrites.Target(1)!.Name);
            Assert.Equal("conv2d", rewrites.Target(2)!.Name); // through the folded BN
            Assert.Equal("batch_normalization", rewrites.FoldedBatchNorm(0)!.Name);
            Assert.Equal("activation", rewrites.FusedActivation(0)!.Name);
            Assert.Null(rewrites.Target(3)); // a rename has no target: its output is its input's memory
            Assert.False(rewrites.Computes(3));
            Assert.True(rewrites.Computes(4));
        }

        [Fact]
        public void BatchNormAfterANonLinearActivationStaysALayer()
        {
            // Folding would put the normalization inside the ReLU: max(0, x) * scale + shift is not max(0, x * scale + shift).
            NetworkAnalysis analysis = Plans.Analyze(6, 6, 2,
                LayerSpec.Conv2D(4, 3, 3, activation: Activation.ReLU),
                LayerSpec.BatchNormalization());
            GraphRewrites rewrites = GraphRewrites.Find(analysis.Layers);

            Assert.Equal(LayerRewrite.Computed, rewrites.Of(1));
            Assert.Null(rewrites.FoldedBatchNorm(0));
        }

        [Fact]
        public void BatchNormAfterAPoolStaysALayer()
        {
            NetworkAnalysis analysis = Plans.Analyze(6, 6, 2, LayerSpec.MaxPool2D(2, 2), LayerSpec.BatchNormalization());

            Assert.Equal(LayerRewrite.Computed, GraphRewrites.Find(analysis.Layers).Of(1));
        }

        [Fact]
        public void NothingFoldsIntoALayerWhoseOutputIsAlsoReadElsewhere()
        {
            // "a" is read by the BN and by the Add: the unnormalized value is needed, so the BN runs on its own; the
            // Activation after the Add cannot fuse either (an Add has no registers to compute it in).
            NetworkAnalysis analysis = Plans.Analyze(6, 6, 4,
                LayerSpec.Conv2D(4, 3, 3, padding: Padding.Same) with { Name = "a" },
                LayerSpec.BatchNormalization(),
                LayerSpec.Add("a", "batch_normalization"),
                LayerSpec.ActivationLayer(Activation.ReLU));
            GraphRewrites rewrites = GraphRewrites.Find(analysis.Layers);

            Assert.Equal(new[] { 2, 1, 1, 0 }, GraphRewrites.CountReaders(analysis.Layers));
            Assert.Equal(LayerRewrite.Computed, rewrites.Of(1));
            Assert.Equal(LayerRewrite.Computed, rewrites.Of(3));
        }

        [Fact]
        public void OnlyTheFirstOfTwoActivationsFuses()
        {
            // dense (linear) <- activation (ReLU) fuses; activation_1 reads an Activation layer, which has no registers of its own.
            NetworkAnalysis analysis = Plans.Analyze(1, 1, 8,
                LayerSpec.Flatten(),
                LayerSpec.Dense(4),
                LayerSpec.ActivationLayer(Activation.ReLU),
                LayerSpec.ActivationLayer(Activation.Sigmoid));
            GraphRewrites rewrites = GraphRewrites.Find(analysis.Layers);

            Assert.Equal(LayerRewrite.Fused, rewrites.Of(2));
            Assert.Equal("dense", rewrites.Target(2)!.Name);
            Assert.Equal(LayerRewrite.Computed, rewrites.Of(3));
        }

        [Fact]
        public void AnActivationAfterALayerWithItsOwnActivationStaysALayer()
        {
            NetworkAnalysis analysis = Plans.Analyze(6, 6, 2,
                LayerSpec.Conv2D(4, 3, 3, activation: Activation.Tanh),
                LayerSpec.ActivationLayer(Activation.ReLU));

            Assert.Equal(LayerRewrite.Computed, GraphRewrites.Find(analysis.Layers).Of(1));
        }

        [Fact]
        public void SeparableConvolutionSplitsAndDropoutRenames()
        {
            NetworkAnalysis analysis = Plans.Analyze(6, 6, 3, LayerSpec.SeparableConv2D(5, 3, 3), LayerSpec.Dropout(0.5f));
            GraphRewrites rewrites = GraphRewrites.Find(analysis.Layers);

            Assert.Equal(LayerRewrite.Split, rewrites.Of(0));
            Assert.True(rewrites.Computes(0));
            Assert.Equal(LayerRewrite.Renamed, rewrites.Of(1));
        }

        [Theory]
        [InlineData("Conv2D", true)]
        [InlineData("DepthwiseConv2D", true)]
        [InlineData("SeparableConv2D", true)]
        [InlineData("Conv2DTranspose", true)]
        [InlineData("Dense", true)]
        [InlineData("MaxPool2D", false)]
        [InlineData("BatchNormalization", false)]
        [InlineData("Add", false)]
        public void BatchNormFoldsOnlyIntoWeightedLayers(string kind, bool folds)
        {
            Assert.Equal(folds, BatchNormFolding.CanFoldInto(System.Enum.Parse<GeneratorAssembly::ConvGen.LayerKind>(kind)));
        }
    }
}
