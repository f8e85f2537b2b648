extern alias GeneratorAssembly;

using System.Linq;
using GeneratorAssembly::ConvGen.Generator.Planning;

namespace ConvGen.Tests.Generator.Planning
{
    using Activation = GeneratorAssembly::ConvGen.Activation;
    using LayerSpec = GeneratorAssembly::ConvGen.LayerSpec;
    using Padding = GeneratorAssembly::ConvGen.Padding;

    /// <summary>The composition: each step carries the buffers and packed weights its stages gave it.</summary>
    public class ExecutionPlanTests
    {
        [Fact]
        public void StepsCarryTheirStagesResults()
        {
            // Input 8x8x3: conv2d (4 filters 3x3 same, no bias) + BN + ReLU as one step into buffer0 ([8,8,4] = 256 floats);
            // dense (10 units) reads buffer0 (the flatten rename) and writes the output.
            // Weights: conv2d 27 rows x 16 = 432 at 0, made bias 16 at 432; dense 256 rows x 16 = 4096 at 448, bias 16 at 4544.
            ExecutionPlan plan = Plans.Create(8, 8, 3,
                LayerSpec.Conv2D(4, 3, 3, padding: Padding.Same, useBias: false),
                LayerSpec.BatchNormalization(),
                LayerSpec.ActivationLayer(Activation.ReLU),
                LayerSpec.Flatten(),
                LayerSpec.Dense(10));

            Assert.Equal(2, plan.Layers.Count);
            Assert.Equal(new[] { "x" }, plan.Layers[0].Sources.Select(b => b.Name));
            Assert.Equal("buffer0", plan.Layers[0].Destination.Name);
            Assert.Equal(new[] { "buffer0" }, plan.Layers[1].Sources.Select(b => b.Name));
            Assert.Equal("y", plan.Layers[1].Destination.Name);
            Assert.Equal(new[] { 256 }, plan.SlotLengths);
            Assert.Equal(256, plan.ScratchLength);

            Assert.Equal((0, 432, 432, 16), (plan.Layers[0].PackedKernelOffset, plan.Layers[0].PackedKernelLength, plan.Layers[0].PackedBiasOffset, plan.Layers[0].PackedBiasLength));
            Assert.Equal((448, 4096, 4544, 16), (plan.Layers[1].PackedKernelOffset, plan.Layers[1].PackedKernelLength, plan.Layers[1].PackedBiasOffset, plan.Layers[1].PackedBiasLength));
            Assert.Equal(4560, plan.PackedLength);
            Assert.False(plan.CopiesInputToOutput);
            Assert.Equal(LayerRewrite.Folded, plan.Rewrites.Of(1));
        }
    }
}
