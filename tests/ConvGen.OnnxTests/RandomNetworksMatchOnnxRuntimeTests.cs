using System;
using System.Collections.Generic;
using System.Linq;
using ConvGen.Tests.Generated;
using Xunit.Abstractions;

namespace ConvGen.OnnxTests
{
    /// <summary>
    /// Random networks (every layer kind and activation, graphs with skip connections; drawn by ConvGen.Tests'
    /// <see cref="RandomNetworks"/> from seeds of their own) agree with ONNX Runtime: interpreter and generated code.
    /// </summary>
    public class RandomNetworksMatchOnnxRuntimeTests
    {
        public const int Batches = 4;
        public const int NetworksPerBatch = 40;

        private readonly ITestOutputHelper _output;

        public RandomNetworksMatchOnnxRuntimeTests(ITestOutputHelper output) => _output = output;

        public static IEnumerable<object[]> BatchIndices => Enumerable.Range(0, Batches).Select(i => new object[] { i });

        public static List<(string Name, NetworkSpec Spec)> DrawBatch(int batch)
        {
            var random = new Random(7000 + batch);
            return Enumerable.Range(0, NetworksPerBatch).Select(i => ($"Onnx{batch}_{i}", RandomNetworks.Draw(random))).ToList();
        }

        [Theory]
        [MemberData(nameof(BatchIndices))]
        public void RandomNetworksMatchOnnxRuntime(int batch)
        {
            (Agreement ort, Agreement generated) = OnnxCrossCheck.Run(DrawBatch(batch), 8000 + batch);
            _output.WriteLine($"batch {batch}: ONNX Runtime vs interpreter: {ort}");
            _output.WriteLine($"batch {batch}: generated vs ONNX Runtime: {generated}");
        }

        /// <summary>The batches reach every layer kind and activation (so the cross-check cannot quietly narrow).</summary>
        [Fact]
        public void BatchesCoverEveryLayerKindAndActivation()
        {
            List<LayerSpec> layers = Enumerable.Range(0, Batches).SelectMany(DrawBatch).SelectMany(n => n.Spec.Layers).ToList();
            Assert.True(Batches * NetworksPerBatch >= 150);
            foreach (LayerKind kind in Enum.GetValues<LayerKind>())
            {
                Assert.True(layers.Count(l => l.Kind == kind) >= 2, $"{kind} is drawn {layers.Count(l => l.Kind == kind)} times");
            }

            foreach (Activation activation in Enum.GetValues<Activation>())
            {
                Assert.True(layers.Count(l => l.Activation == activation) >= 2, $"{activation} is drawn {layers.Count(l => l.Activation == activation)} times");
            }

            Assert.True(layers.Count(l => l.Kind == LayerKind.Conv2D && l.Groups > 1) >= 2, "grouped convolutions");
            Assert.True(layers.Count(l => l.DepthMultiplier > 1) >= 2, "depth multipliers above 1");
            Assert.True(layers.Count(l => l.Kind == LayerKind.UpSampling2D && l.Interpolation == Interpolation.Bilinear) >= 2, "bilinear upsampling");
        }
    }
}
