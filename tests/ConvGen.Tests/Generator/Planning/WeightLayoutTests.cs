extern alias GeneratorAssembly;

using GeneratorAssembly::ConvGen.Generator.Planning;

namespace ConvGen.Tests.Generator.Planning
{
    using LayerSpec = GeneratorAssembly::ConvGen.LayerSpec;
    using Padding = GeneratorAssembly::ConvGen.Padding;

    /// <summary>The fourth planning stage: packed weight offsets, rows and biases padded to 16 floats.</summary>
    public class WeightLayoutTests
    {
        [Theory]
        [InlineData(1, 16)]
        [InlineData(16, 16)]
        [InlineData(17, 32)]
        [InlineData(20, 32)]
        public void UnitsArePaddedToWholeVector512s(int units, int padded) => Assert.Equal(padded, WeightLayout.RoundUp(units));

        [Fact]
        public void ConvolutionDepthwiseAndDenseKernelsFollowEachOther()
        {
            // Input 5x5x3.
            // conv2d, 20 filters 3x3 valid -> [3,3,20]: kernel [3,3,3,20] = 540 floats, 27 rows of 20 units padded to 32:
            //   kernel 27 * 32 = 864 at 0, bias 32 at 864.                                                  (896 so far)
            // depthwise_conv2d 3x3, multiplier 2, same -> [3,3,40]: 2 blocks of 9 taps x 20 channels padded to 32:
            //   kernel 2 * 9 * 32 = 576 at 896, bias 2 * 32 = 64 at 1472.                                    (1536)
            // flatten -> [360]; dense, 3 units, no bias: one panel of 16 units, 360 rows: kernel 5760 at 1536. (7296)
            ExecutionPlan plan = Plans.Create(5, 5, 3,
                LayerSpec.Conv2D(20, 3, 3),
                LayerSpec.DepthwiseConv2D(3, 3, depthMultiplier: 2, padding: Padding.Same),
                LayerSpec.Flatten(),
                LayerSpec.Dense(3, useBias: false));
            WeightLayout weights = plan.Weights;

            Assert.Equal(3, weights.Steps.Count);
            AssertPacked(weights.Steps[0], KernelPacking.Rows, 32, 0, 864, 864, 32);
            AssertPacked(weights.Steps[1], KernelPacking.Depthwise, 32, 896, 576, 1472, 64);
            AssertPacked(weights.Steps[2], KernelPacking.Panels, 16, 1536, 5760, -1, 0);
            Assert.Equal(7296, weights.PackedLength);

            // The Keras tensors packed: conv2d.kernel at 0 (540) and .bias at 540 (20); depthwise kernel [3,3,20,2] at 560
            // (360) and bias at 920 (40); dense.kernel at 960.
            Assert.Equal(new[] { 0, 540, 560, 920, 960 },
                new[] { weights.Steps[0].Kernel!.Offset, weights.Steps[0].Bias!.Offset, weights.Steps[1].Kernel!.Offset, weights.Steps[1].Bias!.Offset, weights.Steps[2].Kernel!.Offset });
            Assert.Null(weights.Steps[2].Bias);
        }

        [Fact]
        public void DenseKernelsArePanelsOf32Units()
        {
            // flatten -> [50]; dense 40: two panels of 32 units, each 50 rows: kernel 50 * 64 = 3200 at 0, bias 64 at 3200;
            // dense 16: one panel of 16 units, 40 rows: kernel 640 at 3264, bias 16 at 3904.
            ExecutionPlan plan = Plans.Create(1, 1, 50, LayerSpec.Flatten(), LayerSpec.Dense(40), LayerSpec.Dense(16));
            AssertPacked(plan.Weights.Steps[0], KernelPacking.Panels, 64, 0, 3200, 3200, 64);
            AssertPacked(plan.Weights.Steps[1], KernelPacking.Panels, 16, 3264, 640, 3904, 16);
            Assert.Equal(3920, plan.Weights.PackedLength);
            Assert.Equal(32, WeightLayout.PanelWidth(17));
            Assert.Equal(16, WeightLayout.PanelWidth(16));
        }

        [Fact]
        public void GroupedTransposedAndStandaloneBatchNorm()
        {
            // Input 4x4x4.
            // conv2d 6 filters 1x1, 2 groups: per group 2 input rows of 3 units padded to 16:
            //   kernel 2 groups * 2 rows * 16 = 64 at 0, bias 2 * 16 = 32 at 64.                            (96)
            // conv2d_transpose 5 filters 2x2 stride 2 on [4,4,6]: rows 2 * 2 * 6 = 24, 5 units padded to 16:
            //   kernel 24 * 16 = 384 at 96, bias 16 at 480.                                                 (496)
            // max_pooling2d: no weights. batch_normalization after a pool does not fold: scale 16 at 496, shift 16 at 512. (528)
            ExecutionPlan plan = Plans.Create(4, 4, 4,
                LayerSpec.Conv2D(6, 1, 1, groups: 2),
                LayerSpec.Conv2DTranspose(5, 2, 2, strideHeight: 2, strideWidth: 2),
                LayerSpec.MaxPool2D(2, 2),
                LayerSpec.BatchNormalization());
            WeightLayout weights = plan.Weights;

            AssertPacked(weights.Steps[0], KernelPacking.Groups, 16, 0, 64, 64, 32);
            AssertPacked(weights.Steps[1], KernelPacking.Transposed, 16, 96, 384, 480, 16);
            Assert.Same(PackedWeights.None, weights.Steps[2]);
            AssertPacked(weights.Steps[3], KernelPacking.BatchNorm, 16, 496, 16, 512, 16);
            Assert.Equal("gamma", weights.Steps[3].Kernel!.Name); // gamma, beta, mean and variance follow each other
            Assert.Null(weights.Steps[3].Bias);
            Assert.Equal(528, weights.PackedLength);
        }

        [Fact]
        public void SeparableWithFoldedBatchNormPacksDepthwiseThenPointwiseWithAMadeBias()
        {
            // Input 6x6x3; separable_conv2d 5 filters 3x3, multiplier 2, same, no bias; then a batch normalization it folds.
            // depthwise part: 2 blocks of 9 taps x 3 channels padded to 16: kernel 288 at 0, no bias (the part never has one).
            // pointwise part: pointwise_kernel [1,1,6,5]: 6 rows of 5 units padded to 16: kernel 96 at 288; the folded BN
            //   needs a bias the layer does not declare: 16 at 384, made by the constructor (no Keras bias tensor).   (400)
            ExecutionPlan plan = Plans.Create(6, 6, 3,
                LayerSpec.SeparableConv2D(5, 3, 3, depthMultiplier: 2, padding: Padding.Same, useBias: false),
                LayerSpec.BatchNormalization());
            WeightLayout weights = plan.Weights;

            // one step: the depthwise part runs band by band inside the pointwise part (DepthwiseFusion), packed just before it
            Assert.Single(weights.Steps);
            AssertPacked(weights.FusedDepthwise[0]!, KernelPacking.Depthwise, 16, 0, 288, -1, 0);
            AssertPacked(weights.Steps[0], KernelPacking.Rows, 16, 288, 96, 384, 16);
            Assert.Equal("depthwise_kernel", weights.FusedDepthwise[0]!.Kernel!.Name);
            Assert.Equal("pointwise_kernel", weights.Steps[0].Kernel!.Name);
            Assert.Null(weights.Steps[0].Bias);
            Assert.Same(weights.FusedDepthwise[0], plan.Layers[0].FusedDepthwise!.Weights);
            Assert.Equal(400, weights.PackedLength);
        }

        private static void AssertPacked(PackedWeights actual, KernelPacking packing, int paddedUnits, int kernelOffset, int kernelLength, int biasOffset, int biasLength)
        {
            Assert.Equal(
                (packing, paddedUnits, kernelOffset, kernelLength, biasOffset, biasLength),
                (actual.Packing, actual.PaddedUnits, actual.KernelOffset, actual.KernelLength, actual.BiasOffset, actual.BiasLength));
        }
    }
}
