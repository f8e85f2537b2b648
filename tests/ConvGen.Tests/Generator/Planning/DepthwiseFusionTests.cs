extern alias GeneratorAssembly;

using GeneratorAssembly::ConvGen.Generator.Planning;

namespace ConvGen.Tests.Generator.Planning
{
    using Activation = GeneratorAssembly::ConvGen.Activation;
    using LayerKind = GeneratorAssembly::ConvGen.LayerKind;
    using LayerSpec = GeneratorAssembly::ConvGen.LayerSpec;
    using NetworkAnalysis = GeneratorAssembly::ConvGen.NetworkAnalysis;
    using Padding = GeneratorAssembly::ConvGen.Padding;

    /// <summary>Which DepthwiseConv2D layers run band by band inside the pointwise Conv2D that reads them (DepthwiseFusion), and which stay steps of their own, and why.</summary>
    public class DepthwiseFusionTests
    {
        [Fact]
        public void TheMobileNetBlockIsOneStepWithTheDepthwiseComputedBandByBand()
        {
            // N4: depthwise 3x3 same + BN + ReLU6, conv 128 1x1 + BN + ReLU6 on 56x56x64. One depthwise row is 56 x 64 = 3,584
            // floats; the band takes the most rows dividing 56 within 8,192 floats: 2.
            ExecutionPlan plan = Plans.Create(56, 56, 64,
                LayerSpec.DepthwiseConv2D(3, 3, padding: Padding.Same, useBias: false),
                LayerSpec.BatchNormalization(),
                LayerSpec.ActivationLayer(Activation.ReLU6),
                LayerSpec.Conv2D(128, 1, 1, useBias: false),
                LayerSpec.BatchNormalization(),
                LayerSpec.ActivationLayer(Activation.ReLU6));

            Assert.Equal(
                new[] { LayerRewrite.InPointwise, LayerRewrite.Folded, LayerRewrite.Fused, LayerRewrite.Computed, LayerRewrite.Folded, LayerRewrite.Fused },
                new[] { plan.Rewrites.Of(0), plan.Rewrites.Of(1), plan.Rewrites.Of(2), plan.Rewrites.Of(3), plan.Rewrites.Of(4), plan.Rewrites.Of(5) });
            Assert.Equal("conv2d", plan.Rewrites.Target(0)!.Name);
            Assert.Equal("depthwise_conv2d", plan.Rewrites.FusedDepthwise(3)!.Name);
            Assert.Null(plan.Rewrites.DepthwiseReason(0));

            LayerPlan step = Assert.Single(plan.Layers);
            LayerPlan depthwise = step.FusedDepthwise!;
            Assert.Equal(LayerKind.DepthwiseConv2D, depthwise.Layer.Spec.Kind);
            Assert.Equal(Activation.ReLU6, depthwise.Layer.Spec.Activation); // the fused activation, computed in the depthwise registers
            Assert.True(depthwise.Layer.Spec.UseBias); // the folded BatchNormalization's shift
            Assert.Equal("batch_normalization", depthwise.FoldedBatchNorm!.Name);
            Assert.Equal(2, depthwise.BandRows);
            Assert.Same(BufferRef.Input, Assert.Single(step.Sources));
            Assert.Same(BufferRef.Output, step.Destination);
            Assert.Equal(0, plan.ScratchLength); // the [56, 56, 64] depthwise output is never stored

            // packed as when the depthwise runs as a step: its kernel (9 taps x 64) and made bias first, then the 1x1's
            Assert.Equal((0, 9 * 64, 9 * 64, 64), (depthwise.PackedKernelOffset, depthwise.PackedKernelLength, depthwise.PackedBiasOffset, depthwise.PackedBiasLength));
            Assert.Equal(10 * 64, step.PackedKernelOffset);
        }

        [Fact]
        public void StridedValidDepthwiseWithAMultiplierAndOddChannelsFuses()
        {
            // 15x15x10, depthwise 3x3 stride 2 valid multiplier 2 -> [7, 7, 20], then conv 6 1x1: the whole output is one band.
            ExecutionPlan plan = Plans.Create(15, 15, 10,
                LayerSpec.DepthwiseConv2D(3, 3, depthMultiplier: 2, strideHeight: 2, strideWidth: 2),
                LayerSpec.Conv2D(6, 1, 1, activation: Activation.ReLU));

            LayerPlan step = Assert.Single(plan.Layers);
            Assert.Equal(7, step.FusedDepthwise!.BandRows);
            Assert.Equal(LayerRewrite.InPointwise, plan.Rewrites.Of(0));
        }

        [Fact]
        public void BandRowsAreTheMostRowsDividingTheHeightThatFit()
        {
            // one row of 1,600 floats: 9 rows high -> 3 rows (4,800; 5 would fit but does not divide 9)
            Assert.Equal(3, DepthwiseFusion.BandRows(Plans.Analyze(9, 100, 16, LayerSpec.DepthwiseConv2D(3, 3, padding: Padding.Same)).Layers[0]));

            // 7 rows of 1,000 floats: all 7 fit
            Assert.Equal(7, DepthwiseFusion.BandRows(Plans.Analyze(7, 10, 100, LayerSpec.DepthwiseConv2D(3, 3, padding: Padding.Same)).Layers[0]));

            // a prime height with wide rows: one row at a time
            Assert.Equal(1, DepthwiseFusion.BandRows(Plans.Analyze(13, 64, 64, LayerSpec.DepthwiseConv2D(3, 3, padding: Padding.Same)).Layers[0]));

            // one row of 96 x 96 = 9,216 floats exceeds the band
            Assert.Equal(0, DepthwiseFusion.BandRows(Plans.Analyze(2, 96, 96, LayerSpec.DepthwiseConv2D(3, 3, padding: Padding.Same)).Layers[0]));
        }

        [Fact]
        public void ADepthwiseOutputReadTwiceIsStored()
        {
            NetworkAnalysis analysis = Plans.Analyze(8, 8, 4,
                LayerSpec.DepthwiseConv2D(3, 3, padding: Padding.Same) with { Name = "dw" },
                LayerSpec.Conv2D(4, 1, 1),
                LayerSpec.Add("dw", "conv2d"));

            GraphRewrites rewrites = GraphRewrites.Find(analysis.Layers);
            Assert.Equal(LayerRewrite.Computed, rewrites.Of(0));
            Assert.Null(rewrites.FusedDepthwise(1));
            Assert.Equal("its output is read by 2 layers, so it is stored", rewrites.DepthwiseReason(0));
        }

        [Fact]
        public void ThroughABatchNormReadTwiceTheDepthwiseIsStored()
        {
            // the BN folds into the depthwise, but its value (after the BN) is read by the 1x1 and by the Add
            NetworkAnalysis analysis = Plans.Analyze(8, 8, 4,
                LayerSpec.DepthwiseConv2D(3, 3, padding: Padding.Same),
                LayerSpec.BatchNormalization() with { Name = "bn" },
                LayerSpec.Conv2D(4, 1, 1),
                LayerSpec.Add("bn", "conv2d"));

            GraphRewrites rewrites = GraphRewrites.Find(analysis.Layers);
            Assert.Equal(LayerRewrite.Folded, rewrites.Of(1));
            Assert.Equal(LayerRewrite.Computed, rewrites.Of(0));
            Assert.Null(rewrites.FusedDepthwise(2));
        }

        [Fact]
        public void AReaderThatIsNotAPointwiseConvolutionKeepsTheDepthwiseAStep()
        {
            LayerSpec depthwise = LayerSpec.DepthwiseConv2D(3, 3, padding: Padding.Same);
            var readers = new[]
            {
                LayerSpec.Conv2D(4, 3, 3, padding: Padding.Same), // 3x3
                LayerSpec.Conv2D(4, 1, 1, strideHeight: 2, strideWidth: 2), // strided
                LayerSpec.Conv2D(4, 1, 1, groups: 2), // grouped
                LayerSpec.Conv2D(4, 2, 1), // 2x1
            };

            foreach (LayerSpec reader in readers)
            {
                NetworkAnalysis analysis = Plans.Analyze(8, 8, 4, depthwise, reader);
                GraphRewrites rewrites = GraphRewrites.Find(analysis.Layers);
                Assert.Equal(LayerRewrite.Computed, rewrites.Of(0));
                Assert.Null(rewrites.FusedDepthwise(1));
                Assert.Contains("is not a pointwise convolution", rewrites.DepthwiseReason(0)!, System.StringComparison.Ordinal);
            }
        }

        [Fact]
        public void ADepthwiseWhoseActivationRunsAsAPassOrWhoseRowIsTooWideIsAStep()
        {
            NetworkAnalysis sigmoid = Plans.Analyze(8, 8, 4,
                LayerSpec.DepthwiseConv2D(3, 3, padding: Padding.Same),
                LayerSpec.ActivationLayer(Activation.Sigmoid),
                LayerSpec.Conv2D(4, 1, 1));
            NetworkAnalysis wide = Plans.Analyze(2, 96, 96, LayerSpec.DepthwiseConv2D(3, 3, padding: Padding.Same), LayerSpec.Conv2D(4, 1, 1));

            GraphRewrites sigmoidRewrites = GraphRewrites.Find(sigmoid.Layers), wideRewrites = GraphRewrites.Find(wide.Layers);
            Assert.Equal(LayerRewrite.Fused, sigmoidRewrites.Of(1)); // the Sigmoid still runs in the depthwise step, as a pass
            Assert.Equal(LayerRewrite.Computed, sigmoidRewrites.Of(0));
            Assert.Contains("Sigmoid", sigmoidRewrites.DepthwiseReason(0)!, System.StringComparison.Ordinal);
            Assert.Equal(LayerRewrite.Computed, wideRewrites.Of(0));
            Assert.Contains("exceeds the 8,192-float band", wideRewrites.DepthwiseReason(0)!, System.StringComparison.Ordinal);
        }

        [Fact]
        public void ADepthwiseNoConvolutionReadsGivesItsReason()
        {
            ExecutionPlan plan = Plans.Create(8, 8, 4, LayerSpec.DepthwiseConv2D(3, 3, padding: Padding.Same), LayerSpec.MaxPool2D(2, 2));

            Assert.Equal(2, plan.Layers.Count);
            Assert.Equal("no Conv2D reads its output", plan.Layers[0].DepthwiseReason);
            Assert.Null(plan.Layers[1].DepthwiseReason);
        }
    }
}
