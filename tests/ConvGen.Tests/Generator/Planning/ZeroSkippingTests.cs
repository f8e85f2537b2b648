extern alias GeneratorAssembly;

using System.Linq;
using GeneratorAssembly::ConvGen.Generator.Planning;

namespace ConvGen.Tests.Generator.Planning
{
    using Activation = GeneratorAssembly::ConvGen.Activation;
    using LayerSpec = GeneratorAssembly::ConvGen.LayerSpec;
    using Padding = GeneratorAssembly::ConvGen.Padding;

    /// <summary>Which 1x1 convolutions skip the zeros of their input (ZeroSkipping): those that read a ReLU's or ReLU6's output, with 48 or more input channels and a kernel that stays in L1.</summary>
    public class ZeroSkippingTests
    {
        [Fact]
        public void TheMobileNetBlockSkipsTheZerosOfItsDepthwiseReLU6()
        {
            ExecutionPlan plan = Plans.Create(56, 56, 64,
                LayerSpec.DepthwiseConv2D(3, 3, padding: Padding.Same, useBias: false),
                LayerSpec.BatchNormalization(),
                LayerSpec.ActivationLayer(Activation.ReLU6),
                LayerSpec.Conv2D(128, 1, 1, useBias: false),
                LayerSpec.BatchNormalization(),
                LayerSpec.ActivationLayer(Activation.ReLU6));

            LayerPlan step = Assert.Single(plan.Layers);
            Assert.True(step.SkipsZeros);
            Assert.Equal("its input is depthwise_conv2d's ReLU6 output", step.ZeroSkipReason);
        }

        [Fact]
        public void A1x1AfterAReLUSkipsZerosThroughRenamingLayers()
        {
            // conv2d's fused ReLU, then a Dropout (renames: no code), then the 1x1; the next 1x1 reads a linear output
            ExecutionPlan plan = Plans.Create(8, 8, 16,
                LayerSpec.Conv2D(48, 3, 3, padding: Padding.Same, activation: Activation.ReLU),
                LayerSpec.Dropout(0.5f),
                LayerSpec.Conv2D(24, 1, 1),
                LayerSpec.Conv2D(24, 1, 1));

            Assert.Equal(new[] { false, true, false }, plan.Layers.Select(s => s.SkipsZeros).ToArray());
            Assert.Equal("its input is conv2d's ReLU output", plan.Layers[1].ZeroSkipReason);
        }

        [Fact]
        public void AStandaloneReLULayerCounts()
        {
            ExecutionPlan plan = Plans.Create(5, 7, 100,
                LayerSpec.ActivationLayer(Activation.ReLU),
                LayerSpec.Conv2D(36, 1, 1, activation: Activation.Swish));

            Assert.Equal(new[] { false, true }, plan.Layers.Select(s => s.SkipsZeros).ToArray());
        }

        [Theory]
        [InlineData(Activation.Linear)]
        [InlineData(Activation.LeakyReLU)]
        [InlineData(Activation.Swish)]
        [InlineData(Activation.HardSwish)]
        [InlineData(Activation.Sigmoid)]
        public void OtherActivationsLeaveTooFewZeros(Activation activation)
        {
            ExecutionPlan plan = Plans.Create(8, 8, 16,
                LayerSpec.Conv2D(64, 3, 3, padding: Padding.Same, activation: activation),
                LayerSpec.Conv2D(24, 1, 1));

            Assert.DoesNotContain(plan.Layers, s => s.SkipsZeros);
        }

        [Fact]
        public void StridedOrLargerKernelsPoolsBetweenAndLargeKernelsMultiplyEverything()
        {
            ExecutionPlan plan = Plans.Create(8, 8, 16,
                LayerSpec.Conv2D(64, 3, 3, padding: Padding.Same, activation: Activation.ReLU),
                LayerSpec.Conv2D(64, 1, 1, strideHeight: 2, strideWidth: 2, activation: Activation.ReLU), // strided 1x1
                LayerSpec.Conv2D(64, 3, 3, padding: Padding.Same, activation: Activation.ReLU), // 3x3
                LayerSpec.MaxPool2D(2, 2),
                LayerSpec.Conv2D(128, 1, 1, activation: Activation.ReLU), // after a pool
                LayerSpec.Conv2D(96, 1, 1)); // 128 x 96 x 4 bytes = 48 KiB of kernel: more than L1 holds beside the input

            Assert.DoesNotContain(plan.Layers, s => s.SkipsZeros);
        }

        [Fact]
        public void FewerThan48InputChannelsMultiplyEverything()
        {
            Assert.True(Plans.Create(4, 4, 48, LayerSpec.ActivationLayer(Activation.ReLU), LayerSpec.Conv2D(16, 1, 1)).Layers[1].SkipsZeros);
            Assert.False(Plans.Create(4, 4, 47, LayerSpec.ActivationLayer(Activation.ReLU), LayerSpec.Conv2D(16, 1, 1)).Layers[1].SkipsZeros);
        }

        [Fact]
        public void TheLargestKernelThatSkipsIs40KiB()
        {
            // 128 x 80 x 4 bytes = 40 KiB skips; 129 input channels do not
            Assert.True(Plans.Create(4, 4, 128, LayerSpec.ActivationLayer(Activation.ReLU), LayerSpec.Conv2D(80, 1, 1)).Layers[1].SkipsZeros);
            Assert.False(Plans.Create(4, 4, 129, LayerSpec.ActivationLayer(Activation.ReLU), LayerSpec.Conv2D(80, 1, 1)).Layers[1].SkipsZeros);
        }

        [Fact]
        public void ASeparableConvolutionsPointwisePartReadsALinearDepthwiseOutput()
        {
            // Keras applies a SeparableConv2D's activation after its pointwise part: the depthwise part leaves no zeros
            ExecutionPlan plan = Plans.Create(8, 8, 16,
                LayerSpec.Conv2D(64, 3, 3, padding: Padding.Same, activation: Activation.ReLU),
                LayerSpec.SeparableConv2D(32, 3, 3, padding: Padding.Same, activation: Activation.ReLU));

            Assert.DoesNotContain(plan.Layers, s => s.SkipsZeros);
        }
    }
}
