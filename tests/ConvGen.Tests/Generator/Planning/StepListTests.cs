extern alias GeneratorAssembly;

using System.Linq;
using GeneratorAssembly::ConvGen.Generator.Planning;

namespace ConvGen.Tests.Generator.Planning
{
    using Activation = GeneratorAssembly::ConvGen.Activation;
    using LayerKind = GeneratorAssembly::ConvGen.LayerKind;
    using LayerSpec = GeneratorAssembly::ConvGen.LayerSpec;
    using NetworkAnalysis = GeneratorAssembly::ConvGen.NetworkAnalysis;
    using Padding = GeneratorAssembly::ConvGen.Padding;

    /// <summary>The second planning stage: the steps and the values they pass.</summary>
    public class StepListTests
    {
        private static StepList Build(NetworkAnalysis analysis) => StepList.Build(analysis, GraphRewrites.Find(analysis.Layers));

        [Fact]
        public void AFoldedAndFusedConvolutionIsOneStepWithBiasAndActivation()
        {
            // conv2d (no bias, linear) + batch_normalization + activation (ReLU6) + flatten + dense: two steps.
            StepList steps = Build(Plans.Analyze(8, 8, 3,
                LayerSpec.Conv2D(4, 3, 3, padding: Padding.Same, useBias: false),
                LayerSpec.BatchNormalization(),
                LayerSpec.ActivationLayer(Activation.ReLU6),
                LayerSpec.Flatten(),
                LayerSpec.Dense(10)));

            Assert.Equal(new[] { "Conv2dLayer", "DenseLayer" }, steps.Steps.Select(s => s.Method));
            LayerPlan conv = steps.Steps[0];
            Assert.True(conv.Layer.Spec.UseBias); // the folded shift needs a bias
            Assert.Equal(Activation.ReLU6, conv.Layer.Spec.Activation);
            Assert.False(conv.Declared.Spec.UseBias); // the declaration is unchanged
            Assert.Equal(Activation.Linear, conv.Declared.Spec.Activation);
            Assert.Equal("batch_normalization", conv.FoldedBatchNorm!.Name);
            Assert.Equal("activation", conv.FusedActivation!.Name);

            // Values: 0 = input [8,8,3] (192), 1 = conv2d [8,8,4] (256, also what BN, activation and flatten name), 2 = dense (10).
            Assert.Equal(new[] { 192, 256, 10 }, steps.ValueLengths);
            Assert.Equal(new[] { 0 }, steps.Reads[0]);
            Assert.Equal(new[] { 1 }, steps.Reads[1]);
            Assert.Equal(new[] { 1, 2 }, steps.Writes);
            Assert.Equal(2, steps.FinalValue);
        }

        [Fact]
        public void ASeparableConvolutionIsOneStepWithItsDepthwisePartComputedBandByBandInside()
        {
            // Input 6x6x3, separable_conv2d 5 filters 3x3 multiplier 2 same -> the depthwise part's [6,6,6] (216 floats) fits
            // one band, so the pointwise part (a 1x1 Conv2D) computes it band by band (DepthwiseFusion): one step reading the
            // input and writing [6,6,5] (180), no middle value.
            StepList steps = Build(Plans.Analyze(6, 6, 3,
                LayerSpec.SeparableConv2D(5, 3, 3, depthMultiplier: 2, padding: Padding.Same, activation: Activation.ReLU)));

            LayerPlan pointwise = Assert.Single(steps.Steps);
            Assert.Equal("SeparableConv2dLayer", pointwise.Method);
            LayerPlan depthwise = pointwise.FusedDepthwise!;
            Assert.Equal(LayerKind.DepthwiseConv2D, depthwise.Layer.Spec.Kind);
            Assert.Equal(Activation.Linear, depthwise.Layer.Spec.Activation); // the activation comes after the pointwise part
            Assert.False(depthwise.Layer.Spec.UseBias);
            Assert.Equal(6, depthwise.BandRows);
            Assert.Equal(LayerKind.Conv2D, pointwise.Layer.Spec.Kind);
            Assert.Equal((1, 1, 5), (pointwise.Layer.Spec.KernelHeight, pointwise.Layer.Spec.KernelWidth, pointwise.Layer.Spec.Units));
            Assert.Equal(Activation.ReLU, pointwise.Layer.Spec.Activation);
            Assert.Same(depthwise.Declared, pointwise.Declared);
            Assert.Null(pointwise.DepthwiseReason);
            Assert.Equal(new[] { 108, 180 }, steps.ValueLengths);
            Assert.Equal(new[] { 0 }, steps.Reads[0]);
            Assert.Equal(1, steps.FinalValue);
        }

        [Fact]
        public void ASeparableConvolutionTooWideForABandIsADepthwiseThenAPointwiseStep()
        {
            // Input 2x96x48, multiplier 2 -> the depthwise part writes [2,96,96]: one row (9,216 floats) exceeds the band
            // (DepthwiseFusion.MostBandFloats), so it runs as a step of its own and the pointwise part reads its output.
            StepList steps = Build(Plans.Analyze(2, 96, 48,
                LayerSpec.SeparableConv2D(5, 3, 3, depthMultiplier: 2, padding: Padding.Same, activation: Activation.ReLU)));

            Assert.Equal(new[] { "SeparableConv2dDepthwiseLayer", "SeparableConv2dPointwiseLayer" }, steps.Steps.Select(s => s.Method));
            LayerPlan depthwise = steps.Steps[0], pointwise = steps.Steps[1];
            Assert.Equal(LayerKind.DepthwiseConv2D, depthwise.Layer.Spec.Kind);
            Assert.Null(pointwise.FusedDepthwise);
            Assert.Contains("exceeds", depthwise.DepthwiseReason!, System.StringComparison.Ordinal);
            Assert.Equal(new[] { 2 * 96 * 48, 2 * 96 * 96, 2 * 96 * 5 }, steps.ValueLengths);
            Assert.Equal(new[] { 1 }, steps.Reads[1]);
            Assert.Equal(2, steps.FinalValue);
        }

        [Fact]
        public void ANetworkThatOnlyRenamesHasNoStepsAndOutputsItsInput()
        {
            ExecutionPlan plan = Plans.Create(2, 2, 1, LayerSpec.Flatten(), LayerSpec.Dropout(0.25f));

            Assert.Empty(plan.Layers);
            Assert.Equal(0, plan.Steps.FinalValue);
            Assert.True(plan.CopiesInputToOutput);
            Assert.Equal(0, plan.ScratchLength);
            Assert.Equal(0, plan.PackedLength);
        }

        [Fact]
        public void ClassNamesStayUniqueWhenTwoLayerNamesMeetInOne()
        {
            // a_b and aB both give ABLayer: the second becomes AB2Layer.
            StepList steps = Build(Plans.Analyze(4, 4, 1,
                LayerSpec.Conv2D(2, 1, 1) with { Name = "a_b" },
                LayerSpec.Conv2D(2, 1, 1) with { Name = "aB" }));

            Assert.Equal(new[] { "ABLayer", "AB2Layer" }, steps.Steps.Select(s => s.Method));
        }
    }
}
