using System.Linq;

namespace ConvGen.Tests.Reference
{
    /// <summary>The shared shape rules against the TF formulas worked out by hand.</summary>
    public class ShapeInferenceTests
    {
        [Theory]
        // in, kernel, stride, dilation, padding, expected out, pad before, pad after
        [InlineData(28, 3, 1, 1, Padding.Same, 28, 1, 1)]
        [InlineData(28, 2, 2, 1, Padding.Valid, 14, 0, 0)]
        [InlineData(4, 2, 1, 1, Padding.Same, 4, 0, 1)]   // total 1: the extra cell goes after
        [InlineData(5, 3, 2, 1, Padding.Same, 3, 1, 1)]   // total (3-1)*2+3-5 = 2
        [InlineData(4, 3, 2, 1, Padding.Same, 2, 0, 1)]   // total (2-1)*2+3-4 = 1
        [InlineData(7, 1, 3, 1, Padding.Valid, 3, 0, 0)]  // floor((7-1)/3)+1
        [InlineData(5, 2, 1, 2, Padding.Valid, 3, 0, 0)]  // effective kernel 3
        [InlineData(3, 2, 1, 2, Padding.Same, 3, 1, 1)]   // effective 3, total 2
        [InlineData(10, 5, 3, 2, Padding.Same, 4, 4, 4)]  // out ceil(10/3)=4, eff 9, total (4-1)*3+9-10 = 8
        [InlineData(1, 5, 1, 1, Padding.Same, 1, 2, 2)]
        [InlineData(9, 3, 3, 3, Padding.Valid, 1, 0, 0)]  // eff 7: floor((9-7)/3)+1
        public void ConvolutionOutputAndPadding(int size, int kernel, int stride, int dilation, Padding padding, int expected, int before, int after)
        {
            var spec = new NetworkSpec(size, size, 1, new[] { LayerSpec.Conv2D(1, kernel, kernel, stride, stride, padding, dilation, dilation) });
            NetworkAnalysis analysis = ShapeInference.Analyze(spec);
            Assert.False(analysis.HasErrors, string.Join("; ", analysis.Diagnostics));
            LayerAnalysis layer = analysis.Layers.Single();
            Assert.Equal(new TensorShape(expected, expected, 1), layer.OutputShape);
            Assert.Equal((before, after, before, after), (layer.PadTop, layer.PadBottom, layer.PadLeft, layer.PadRight));
        }

        [Fact]
        public void SeedNetworkShapesAndParameters()
        {
            var spec = new NetworkSpec(28, 28, 3, new[]
            {
                LayerSpec.Conv2D(16, 3, 3, padding: Padding.Same, activation: Activation.ReLU),
                LayerSpec.MaxPool2D(2, 2),
            });
            NetworkAnalysis analysis = ShapeInference.Analyze(spec);
            Assert.Equal(new TensorShape(28, 28, 16), analysis.Layers[0].OutputShape);
            Assert.Equal(new TensorShape(14, 14, 16), analysis.OutputShape);
            Assert.Equal(3 * 3 * 3 * 16 + 16, analysis.ParameterCount);
            Assert.Equal(new[] { 3, 3, 3, 16 }, analysis.Layers[0].Parameters[0].Shape);
            Assert.Equal(432, analysis.Layers[0].Parameters[1].Offset);
            Assert.Equal(28L * 28 * 16 * 27, analysis.MultiplyAdds);
            Assert.Equal(new[] { "conv2d", "max_pooling2d" }, analysis.Layers.Select(l => l.Name));
        }

        [Fact]
        public void CroppingRemovesRowsAndColumnsAndHasNoParameters()
        {
            // Keras: Cropping2D(((1, 2), (0, 3))) on (7, 9, 5) gives (7 - 1 - 2, 9 - 0 - 3, 5) = (4, 6, 5).
            var spec = new NetworkSpec(7, 9, 5, new[] { LayerSpec.Cropping2D(1, 2, 0, 3), LayerSpec.Cropping2D(0, 3, 0, 5) });
            NetworkAnalysis analysis = ShapeInference.Analyze(spec);
            Assert.Empty(analysis.Diagnostics);
            Assert.Equal(new TensorShape(4, 6, 5), analysis.Layers[0].OutputShape);
            Assert.Equal(new TensorShape(1, 1, 5), analysis.OutputShape);
            Assert.Equal(0, analysis.ParameterCount);
            Assert.Equal(new[] { "cropping2d", "cropping2d_1" }, analysis.Layers.Select(l => l.Name));
        }

        [Fact]
        public void CroppingOfAFlatTensorAsksForASpatialOne()
        {
            var spec = new NetworkSpec(4, 4, 1, new[] { LayerSpec.Flatten(), LayerSpec.Cropping2D(1, 1, 1, 1) });
            Assert.Equal(DiagnosticIds.NeedsSpatialInput, ShapeInference.Analyze(spec).Diagnostics.Single().Id);
        }

        [Fact]
        public void KerasStyleNamesNumberRepeatedKinds()
        {
            var spec = new NetworkSpec(8, 8, 1, new[]
            {
                LayerSpec.Conv2D(2, 3, 3), LayerSpec.Conv2D(2, 3, 3), LayerSpec.Flatten(), LayerSpec.Dense(4), LayerSpec.Dense(2),
            });
            Assert.Equal(new[] { "conv2d", "conv2d_1", "flatten", "dense", "dense_1" }, ShapeInference.Analyze(spec).Layers.Select(l => l.Name));
        }

        [Theory]
        [InlineData(DiagnosticIds.WindowLargerThanInput, "kernel 5x5 with dilation 2 needs at least 9x9 input")]
        public void WindowTooLargeNamesTheSizes(string id, string fragment)
        {
            var spec = new NetworkSpec(7, 7, 1, new[] { LayerSpec.Conv2D(1, 5, 5, dilationHeight: 2, dilationWidth: 2) });
            SpecDiagnostic d = ShapeInference.Analyze(spec).Diagnostics.Single();
            Assert.Equal(id, d.Id);
            Assert.Contains(fragment, d.Message);
            Assert.Contains("receives 7x7", d.Message);
        }

        [Fact]
        public void DenseOnASpatialTensorAsksForFlatten()
        {
            var spec = new NetworkSpec(4, 4, 2, new[] { LayerSpec.Dense(3) });
            SpecDiagnostic d = ShapeInference.Analyze(spec).Diagnostics.Single();
            Assert.Equal(DiagnosticIds.NeedsFlatInput, d.Id);
            Assert.Contains("[4, 4, 2]", d.Message);
            Assert.Contains("Flatten", d.Message);
        }

        [Fact]
        public void NonPositiveAndHugeSizesAreRejected()
        {
            Assert.Equal(DiagnosticIds.NonPositiveSize, ShapeInference.Analyze(new NetworkSpec(0, 4, 1, new[] { LayerSpec.Flatten() })).Diagnostics.Single().Id);
            Assert.Equal(DiagnosticIds.NonPositiveSize, ShapeInference.Analyze(new NetworkSpec(4, 4, 1, new[] { LayerSpec.Conv2D(-1, 3, 3) })).Diagnostics.Single().Id);
            Assert.Equal(DiagnosticIds.SizeTooLarge, ShapeInference.Analyze(new NetworkSpec(60000, 60000, 60000, new[] { LayerSpec.Flatten() })).Diagnostics.Single().Id);
            Assert.Equal(DiagnosticIds.NoLayers, ShapeInference.Analyze(new NetworkSpec(4, 4, 1, new LayerSpec[0])).Diagnostics.Single().Id);
        }
    }
}
