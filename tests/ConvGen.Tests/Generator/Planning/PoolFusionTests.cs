extern alias GeneratorAssembly;

using GeneratorAssembly::ConvGen.Generator.Planning;

namespace ConvGen.Tests.Generator.Planning
{
    using Activation = GeneratorAssembly::ConvGen.Activation;
    using LayerSpec = GeneratorAssembly::ConvGen.LayerSpec;
    using NetworkAnalysis = GeneratorAssembly::ConvGen.NetworkAnalysis;
    using Padding = GeneratorAssembly::ConvGen.Padding;

    /// <summary>Which pooling layers run inside the Conv2D they read (PoolFusion), and which stay steps of their own.</summary>
    public class PoolFusionTests
    {
        [Fact]
        public void UnpaddedPoolWithStrideEqualToItsWindowRunsInsideTheConvolution()
        {
            // N1: conv 3x3 same ReLU, then MaxPool 2: one step, writing the pooled tensor.
            ExecutionPlan plan = Plans.Create(28, 28, 3,
                LayerSpec.Conv2D(16, 3, 3, padding: Padding.Same, activation: Activation.ReLU),
                LayerSpec.MaxPool2D(2, 2));

            Assert.Equal(LayerRewrite.Pooled, plan.Rewrites.Of(1));
            Assert.Equal("conv2d", plan.Rewrites.Target(1)!.Name);
            Assert.Equal("max_pooling2d", plan.Rewrites.FusedPool(0)!.Name);
            LayerPlan step = Assert.Single(plan.Layers);
            Assert.Equal("max_pooling2d", step.FusedPool!.Name);
            Assert.Same(BufferRef.Output, step.Destination);
            Assert.Empty(plan.SlotLengths); // the [28, 28, 16] convolution output is never stored
            Assert.Equal(plan.WorkspaceLength, plan.ScratchLength); // the scratch is the narrow Winograd kernel's workspace (WinogradSelectionTests)
        }

        [Fact]
        public void ThroughAFoldedBatchNormAndAFusedActivation()
        {
            // conv (linear) <- BN <- ReLU <- AvgPool 3x2: conv + BN + ReLU + pool is one step; the 7x7 image leaves a row and a column out.
            ExecutionPlan plan = Plans.Create(7, 7, 2,
                LayerSpec.Conv2D(5, 3, 3, padding: Padding.Same),
                LayerSpec.BatchNormalization(),
                LayerSpec.ActivationLayer(Activation.ReLU),
                LayerSpec.AvgPool2D(3, 2),
                LayerSpec.Flatten(),
                LayerSpec.Dense(3));

            Assert.Equal(
                new[] { LayerRewrite.Computed, LayerRewrite.Folded, LayerRewrite.Fused, LayerRewrite.Pooled, LayerRewrite.Renamed, LayerRewrite.Computed },
                new[] { plan.Rewrites.Of(0), plan.Rewrites.Of(1), plan.Rewrites.Of(2), plan.Rewrites.Of(3), plan.Rewrites.Of(4), plan.Rewrites.Of(5) });
            Assert.Equal(2, plan.Layers.Count);
            Assert.Equal("average_pooling2d", plan.Layers[0].FusedPool!.Name);
            Assert.Equal(2 * 3 * 5, plan.ScratchLength); // only the pooled [2, 3, 5] tensor, read by the Dense
        }

        [Fact]
        public void PoolsThatOverlapArePaddedFollowAPassActivationOrConvolutionsWithLargeWeightsStaySteps()
        {
            NetworkAnalysis overlapping = Plans.Analyze(8, 8, 2, LayerSpec.Conv2D(4, 3, 3, padding: Padding.Same), LayerSpec.MaxPool2D(3, 3, 2, 2));
            NetworkAnalysis padded = Plans.Analyze(7, 7, 2, LayerSpec.Conv2D(4, 3, 3, padding: Padding.Same), LayerSpec.MaxPool2D(2, 2, padding: Padding.Same));
            NetworkAnalysis sigmoid = Plans.Analyze(8, 8, 2, LayerSpec.Conv2D(4, 3, 3, activation: Activation.Sigmoid), LayerSpec.MaxPool2D(2, 2));
            NetworkAnalysis grouped = Plans.Analyze(8, 8, 4, LayerSpec.Conv2D(4, 3, 3, groups: 2), LayerSpec.MaxPool2D(2, 2));
            NetworkAnalysis pointwise = Plans.Analyze(8, 8, 4, LayerSpec.Conv2D(8, 1, 1), LayerSpec.MaxPool2D(2, 2));
            NetworkAnalysis pooledTwice = Plans.Analyze(8, 8, 2, LayerSpec.MaxPool2D(2, 2), LayerSpec.MaxPool2D(2, 2));
            NetworkAnalysis chunked = Plans.Analyze(8, 8, 32, LayerSpec.Conv2D(64, 3, 3, padding: Padding.Same), LayerSpec.MaxPool2D(2, 2)); // 72 KiB per 64 filters
            NetworkAnalysis n3 = Plans.Analyze(8, 8, 32, LayerSpec.Conv2D(32, 3, 3, padding: Padding.Same), LayerSpec.MaxPool2D(2, 2)); // 36 KiB: more than a chunk's share of L1

            foreach (NetworkAnalysis analysis in new[] { overlapping, padded, sigmoid, grouped, pointwise, pooledTwice, chunked, n3 })
            {
                Assert.Equal(LayerRewrite.Computed, GraphRewrites.Find(analysis.Layers).Of(1));
            }
        }

        [Fact]
        public void AConvolutionReadByAnotherLayerKeepsItsOutput()
        {
            var conv = LayerSpec.Conv2D(4, 3, 3, padding: Padding.Same) with { Name = "trunk" };
            NetworkAnalysis analysis = Plans.Analyze(8, 8, 4,
                conv,
                LayerSpec.MaxPool2D(2, 2),
                LayerSpec.UpSampling2D(2, 2),
                LayerSpec.Add("trunk", "up_sampling2d"));

            Assert.Equal(LayerRewrite.Computed, GraphRewrites.Find(analysis.Layers).Of(1));
        }
    }
}
