extern alias GeneratorAssembly;

using GeneratorAssembly::ConvGen.Generator.Planning;

namespace ConvGen.Tests.Generator.Planning
{
    using Activation = GeneratorAssembly::ConvGen.Activation;
    using LayerSpec = GeneratorAssembly::ConvGen.LayerSpec;
    using Padding = GeneratorAssembly::ConvGen.Padding;

    /// <summary>Which Conv2D steps run as Winograd (F(4x4, 3x3), F(2x2, 3x3), F(2x2, 5x5)) and what memory the plan reserves for them.</summary>
    public class WinogradSelectionTests
    {
        [Fact]
        public void A3x3ConvolutionWithEnoughChannelsOnALargeImageRunsF4()
        {
            // N3's second convolution: 32 -> 32 channels on 32x32, same padding, ReLU.
            ExecutionPlan plan = Plans.Create(32, 32, 32, LayerSpec.Conv2D(32, 3, 3, padding: Padding.Same, activation: Activation.ReLU));

            LayerPlan step = Assert.Single(plan.Layers);
            Assert.Equal(4, step.WinogradTile);
            Assert.Equal(KernelPacking.Winograd, step.Packing);
            Assert.Equal(6 * 6 * 32 * 32, step.PackedKernelLength); // U[36, in 32, out 32]
            Assert.Equal(32, step.PackedBiasLength);
            Assert.Equal(6 * 6 * 36 * (32 + 32), plan.WorkspaceLength); // V and M of a block of 36 tiles
            Assert.Equal(0, plan.WorkspaceOffset); // no slots: the input and output are the caller's
            Assert.Equal(plan.WorkspaceLength, plan.ScratchLength);
            Assert.Contains("4x fewer multiplications", step.AlgorithmReason);
        }

        [Fact]
        public void ADilatedConvolutionRunsAsInterleavedUndilatedOnesWithRoomForASubGrid()
        {
            // 32x32x32, dilation 2 same: four 16x16 sub-grids, each an undilated 3x3 convolution F(4x4) takes; dilation 2x3
            // valid on 21x20: the largest sub-grid of the 17x14 output is 9x5, so F(2x2) with 128 channels in and out.
            ExecutionPlan plan = Plans.Create(32, 32, 32, LayerSpec.Conv2D(32, 3, 3, padding: Padding.Same, dilationHeight: 2, dilationWidth: 2, activation: Activation.ReLU));
            LayerPlan step = Assert.Single(plan.Layers);
            Assert.Equal(4, step.WinogradTile);
            Assert.Equal(6 * 6 * 32 * 32, step.PackedKernelLength); // the same U as undilated
            Assert.Equal((6 * 6 * 36 * (32 + 32)) + (16 * 16 * 32) + (16 * 16 * 32), plan.WorkspaceLength); // a call's, and one sub-grid's input and output
            Assert.Contains("dilation 2x2 as 4 interleaved undilated convolutions, 32 -> 32 channels, 16x16 output: 4x fewer multiplications", step.AlgorithmReason);

            ExecutionPlan rectangular = Plans.Create(21, 20, 128, LayerSpec.Conv2D(128, 3, 3, dilationHeight: 2, dilationWidth: 3));
            LayerPlan f2 = Assert.Single(rectangular.Layers);
            Assert.Equal(2, f2.WinogradTile);
            Assert.Equal((4 * 4 * 36 * (128 + 128)) + (11 * 7 * 128) + (9 * 5 * 128), rectangular.WorkspaceLength);
        }

        [Fact]
        public void A5x5ConvolutionWithEnoughChannelsRunsF2Of5x5()
        {
            // S6 of the survey: 32x32x16 -> 32, 5x5 same, ReLU; U[36, 16, 32], the workspace of 6x6 tiles.
            ExecutionPlan plan = Plans.Create(32, 32, 16, LayerSpec.Conv2D(32, 5, 5, padding: Padding.Same, activation: Activation.ReLU));
            LayerPlan step = Assert.Single(plan.Layers);
            Assert.Equal(2, step.WinogradTile);
            Assert.Equal(KernelPacking.Winograd, step.Packing);
            Assert.Equal(6 * 6 * 16 * 32, step.PackedKernelLength);
            Assert.Equal(6 * 6 * 36 * (16 + 32), plan.WorkspaceLength);
            Assert.Equal("5x5, stride 1, 16 -> 32 channels, 32x32 output: 2.78x fewer multiplications than direct", step.AlgorithmReason);
            Assert.Equal("Winograd F(2x2, 5x5)", WinogradSelection.AlgorithmText(step));

            // Dilation 2, valid, on 20x21x40 -> 33: a 12x13 output, sub-grids of at most 6x7 output and 10x11 input pixels.
            ExecutionPlan dilated = Plans.Create(20, 21, 40, LayerSpec.Conv2D(33, 5, 5, dilationHeight: 2, dilationWidth: 2));
            LayerPlan d = Assert.Single(dilated.Layers);
            Assert.Equal(2, d.WinogradTile);
            Assert.Equal(36 * 40 * 64, d.PackedKernelLength);
            Assert.Equal((6 * 6 * 36 * (40 + 64)) + (10 * 11 * 40) + (6 * 7 * 33), dilated.WorkspaceLength);

            // Under 4 a side (of the largest sub-grid) F(2x2, 5x5) stays direct.
            ExecutionPlan small = Plans.Create(3, 3, 32, LayerSpec.Conv2D(32, 5, 5, padding: Padding.Same));
            Assert.Equal(0, Assert.Single(small.Layers).WinogradTile);
            Assert.Contains("F(2x2, 5x5) takes outputs of 4 or more a side", small.Layers[0].AlgorithmReason);
        }

        [Fact]
        public void OutputChannelsArePaddedTo32InTheTransformedKernelAndInputChannelsTo8InTheWorkspace()
        {
            ExecutionPlan plan = Plans.Create(14, 14, 17, LayerSpec.Conv2D(40, 3, 3));

            LayerPlan step = Assert.Single(plan.Layers);
            Assert.Equal(4, step.WinogradTile); // valid padding: a 12x12 output
            Assert.Equal(36 * 17 * 64, step.PackedKernelLength);
            Assert.Equal(36 * 36 * (24 + 64), plan.WorkspaceLength);
        }

        [Fact]
        public void SmallImagesOfWideLayersRunF2AndTheWorkspaceIsTheLargestAnyStepNeedsAfterTheSlots()
        {
            // 6x6: F(4x4) would leave most of its tiles' pixels outside; 128 x 128 channels make F(2x2) pay. Then a 12x12 F4 layer.
            ExecutionPlan plan = Plans.Create(6, 6, 128,
                LayerSpec.Conv2D(128, 3, 3, padding: Padding.Same),
                LayerSpec.UpSampling2D(2, 2),
                LayerSpec.Conv2D(16, 3, 3, padding: Padding.Same));

            Assert.Equal(2, plan.Layers[0].WinogradTile);
            Assert.Contains("under 8 a side", plan.Layers[0].AlgorithmReason);
            Assert.Equal(0, plan.Layers[1].WinogradTile);
            Assert.Equal(4, plan.Layers[2].WinogradTile);
            int f2 = 4 * 4 * 36 * (128 + 128), f4 = 6 * 6 * 36 * (128 + 32);
            Assert.Equal(System.Math.Max(f2, f4), plan.WorkspaceLength);
            Assert.Equal(6 * 6 * 128 + 12 * 12 * 128, plan.WorkspaceOffset); // the two intermediate tensors' slots come first
            Assert.Equal(plan.WorkspaceOffset + plan.WorkspaceLength, plan.ScratchLength);
        }

        [Fact]
        public void SixteenChannelsInAndOutOnAn8x8OutputRunF4EvenWithALargeKernel()
        {
            // The smallest eligible layer, and 8x8x128 -> 128 (F(4x4)'s U of 2.25 MiB for 4 tiles): both measured faster than direct.
            ExecutionPlan narrow = Plans.Create(8, 8, 16, LayerSpec.Conv2D(16, 3, 3, padding: Padding.Same));
            ExecutionPlan wide = Plans.Create(8, 8, 128, LayerSpec.Conv2D(128, 3, 3, padding: Padding.Same));
            Assert.Equal(4, Assert.Single(narrow.Layers).WinogradTile);
            Assert.Equal(4, Assert.Single(wide.Layers).WinogradTile);
            Assert.Equal(36 * 128 * 128, wide.Layers[0].PackedKernelLength);
        }

        [Fact]
        public void SmallImagesOfNarrowLayersStayDirect()
        {
            ExecutionPlan plan = Plans.Create(6, 6, 32, LayerSpec.Conv2D(32, 3, 3, padding: Padding.Same)); // 1,024 channel pairs
            LayerPlan step = Assert.Single(plan.Layers);
            Assert.Equal(0, step.WinogradTile);
            Assert.Contains("F(2x2) pays only from 16384 channel pairs", step.AlgorithmReason);
        }

        [Theory]
        [InlineData(15, 32, 3, 1, 1, 1, "below 16 channels")]
        [InlineData(32, 15, 3, 1, 1, 1, "below 16 channels")]
        [InlineData(32, 32, 7, 1, 1, 1, "only 3x3 and 5x5")]
        [InlineData(32, 32, 1, 1, 1, 1, "only 3x3 and 5x5")]
        [InlineData(32, 32, 3, 2, 1, 1, "only 3x3 and 5x5, stride 1")]
        [InlineData(32, 32, 5, 2, 1, 1, "only 3x3 and 5x5, stride 1")]
        [InlineData(15, 32, 5, 1, 1, 1, "F(2x2, 5x5)'s transforms cost more than it saves below 16 channels in and 32 out")]
        [InlineData(32, 24, 5, 1, 1, 1, "below 16 channels in and 32 out")]
        [InlineData(32, 32, 5, 1, 6, 1, "dilation 6x6 as 36 interleaved undilated convolutions, 32 -> 32 channels, 3x3 output: F(2x2, 5x5) takes outputs of 4")]
        [InlineData(32, 32, 3, 1, 4, 1, "dilation 4x4 as 16 interleaved undilated convolutions, 32 -> 32 channels, 4x4 output")]
        [InlineData(32, 32, 3, 1, 1, 2, "ungrouped")]
        public void OtherConvolutionsStayDirect(int inChannels, int filters, int kernel, int stride, int dilation, int groups, string reason)
        {
            ExecutionPlan plan = Plans.Create(16, 16, inChannels,
                LayerSpec.Conv2D(filters, kernel, kernel, stride, stride, Padding.Same, dilation, dilation, groups: groups));

            LayerPlan step = Assert.Single(plan.Layers);
            Assert.Equal(0, step.WinogradTile);
            Assert.NotEqual(KernelPacking.Winograd, step.Packing);
            Assert.Equal(0, plan.WorkspaceLength);
            Assert.Contains(reason, step.AlgorithmReason);
        }

        [Fact]
        public void TheActivationMustBeOneTheOutputTransformApplies()
        {
            ExecutionPlan relu6 = Plans.Create(16, 16, 32, LayerSpec.Conv2D(32, 3, 3, padding: Padding.Same), LayerSpec.BatchNormalization(), LayerSpec.ActivationLayer(Activation.ReLU6));
            ExecutionPlan sigmoid = Plans.Create(16, 16, 32, LayerSpec.Conv2D(32, 3, 3, padding: Padding.Same), LayerSpec.ActivationLayer(Activation.Sigmoid));
            ExecutionPlan leaky = Plans.Create(16, 16, 32, LayerSpec.Conv2D(32, 3, 3, padding: Padding.Same, activation: Activation.LeakyReLU));

            LayerPlan fused = Assert.Single(relu6.Layers); // BatchNormalization folded, ReLU6 fused: one Winograd step
            Assert.Equal(4, fused.WinogradTile);
            Assert.Equal(Activation.ReLU6, fused.Layer.Spec.Activation);
            Assert.Equal("batch_normalization", fused.FoldedBatchNorm!.Name);
            Assert.Equal(0, Assert.Single(sigmoid.Layers).WinogradTile);
            Assert.Equal(0, Assert.Single(leaky.Layers).WinogradTile);
            Assert.Contains("LeakyReLU", leaky.Layers[0].AlgorithmReason);
        }

        [Fact]
        public void TinyOutputsStayDirect()
        {
            ExecutionPlan plan = Plans.Create(5, 5, 128, LayerSpec.Conv2D(128, 3, 3)); // a 3x3 output: not even one 4x4 area
            Assert.Equal(0, Assert.Single(plan.Layers).WinogradTile);
            Assert.Contains("outputs of 4 or more a side", plan.Layers[0].AlgorithmReason);
        }

        [Fact]
        public void AWinogradConvolutionKeepsItsPoolAsAStepOfItsOwn()
        {
            ExecutionPlan winograd = Plans.Create(16, 16, 16, LayerSpec.Conv2D(32, 3, 3, padding: Padding.Same, activation: Activation.ReLU), LayerSpec.MaxPool2D(2, 2));
            ExecutionPlan direct = Plans.Create(16, 16, 8, LayerSpec.Conv2D(16, 3, 3, padding: Padding.Same, activation: Activation.ReLU), LayerSpec.MaxPool2D(2, 2));

            Assert.Equal(LayerRewrite.Computed, winograd.Rewrites.Of(1));
            Assert.Equal(2, winograd.Layers.Count);
            Assert.Equal(4, winograd.Layers[0].WinogradTile);
            Assert.Equal(LayerRewrite.Pooled, direct.Rewrites.Of(1)); // 8 input channels: direct, and the pool runs inside it
            Assert.Contains("below 16 channels", Assert.Single(direct.Layers).AlgorithmReason);
        }
    
        [Fact]
        public void AFirstLayerOnColourChannelsRunsTheNarrowKernelWithItsPool()
        {
            // The primer's N1: 3 -> 16 channels on 28x28, ReLU, MaxPool2D 2 fused in.
            ExecutionPlan plan = Plans.Create(28, 28, 3, LayerSpec.Conv2D(16, 3, 3, padding: Padding.Same, activation: Activation.ReLU), LayerSpec.MaxPool2D(2, 2));

            LayerPlan step = Assert.Single(plan.Layers);
            Assert.Equal(0, step.WinogradTile);
            Assert.True(step.NarrowWinograd);
            Assert.Equal("max_pooling2d", step.FusedPool!.Name); // the direct kernels still compute the pool as they do
            Assert.Equal(KernelPacking.Rows, step.Packing);
            Assert.Equal(27 * 16, step.PackedKernelLength);
            Assert.Equal(step.PackedBiasOffset + 16, step.Weights.NarrowKernelOffset); // U after the direct kernel and bias
            Assert.Equal(36 * 3 * 16, step.Weights.NarrowKernelLength);
            Assert.Equal(plan.PackedLength, step.Weights.NarrowKernelOffset + step.Weights.NarrowKernelLength);
            // 6 transformed rows of 30 pixels + slack, 24 quarter planes, 36 planes of V, M of the row's 7 tiles.
            Assert.Equal(6 * 104 + 24 * 40 + 36 * 24 + 36 * 7 * 16, plan.WorkspaceLength);
            Assert.Contains("a 2x2 pool", step.AlgorithmReason);
            Assert.Contains("Vector256", step.AlgorithmReason);
        }

        [Theory]
        [InlineData(5, 16, 16, 1, 3, 2)] // 5 input channels
        [InlineData(2, 16, 16, 1, 3, 2)] // 2 input channels: the transforms cost more than the few multiplications saved
        [InlineData(3, 8, 16, 1, 3, 2)] // 8 filters: no Vector512 kernel for it to stand in beside
        [InlineData(3, 16, 7, 1, 3, 2)] // a 7x7 output
        [InlineData(3, 16, 16, 2, 3, 2)] // stride 2
        [InlineData(3, 16, 16, 1, 5, 2)] // a 5x5 kernel
        [InlineData(3, 32, 32, 1, 3, 0)] // no pool: measured no faster than direct
        [InlineData(3, 16, 24, 1, 3, 3)] // a 3x3 pool, fused in the direct kernels, which the narrow kernel does not compute
        public void OtherShapesStayDirect(int inChannels, int filters, int side, int stride, int kernel, int pool)
        {
            LayerSpec conv = LayerSpec.Conv2D(filters, kernel, kernel, strideHeight: stride, strideWidth: stride, padding: Padding.Same, activation: Activation.ReLU);
            ExecutionPlan plan = pool == 0 ? Plans.Create(side, side, inChannels, conv) : Plans.Create(side, side, inChannels, conv, LayerSpec.MaxPool2D(pool, pool));

            Assert.False(plan.Layers[0].NarrowWinograd);
            Assert.Equal(-1, plan.Layers[0].Weights.NarrowKernelOffset);
            Assert.Equal(0, plan.WorkspaceLength);
        }

        [Fact]
        public void TheNarrowKernelNeedsAnActivationItApplies()
        {
            ExecutionPlan sigmoid = Plans.Create(16, 16, 3, LayerSpec.Conv2D(16, 3, 3, padding: Padding.Same, activation: Activation.Sigmoid), LayerSpec.MaxPool2D(2, 2));
            ExecutionPlan relu6 = Plans.Create(16, 16, 3, LayerSpec.Conv2D(16, 3, 3, padding: Padding.Same, useBias: false), LayerSpec.BatchNormalization(), LayerSpec.ActivationLayer(Activation.ReLU6), LayerSpec.MaxPool2D(2, 2));
            ExecutionPlan off = ExecutionPlan.Create(Plans.Analyze(16, 16, 3, LayerSpec.Conv2D(16, 3, 3, padding: Padding.Same), LayerSpec.MaxPool2D(2, 2)), winograd: false);

            Assert.False(sigmoid.Layers[0].NarrowWinograd); // a Sigmoid runs as a pass: the pool is not fused either
            Assert.True(Assert.Single(relu6.Layers).NarrowWinograd); // BN folded, ReLU6 fused: computed in the output transform
            Assert.False(Assert.Single(off.Layers).NarrowWinograd); // [ConvNet(..., Winograd = false)]
        }
}
}
