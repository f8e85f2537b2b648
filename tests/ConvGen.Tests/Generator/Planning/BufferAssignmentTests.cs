extern alias GeneratorAssembly;

using System.Linq;
using GeneratorAssembly::ConvGen.Generator.Planning;

namespace ConvGen.Tests.Generator.Planning
{
    using LayerSpec = GeneratorAssembly::ConvGen.LayerSpec;
    using NetworkAnalysis = GeneratorAssembly::ConvGen.NetworkAnalysis;
    using Padding = GeneratorAssembly::ConvGen.Padding;

    /// <summary>The third planning stage: scratch slots by liveness.</summary>
    public class BufferAssignmentTests
    {
        private static BufferAssignment Assign(NetworkAnalysis analysis) =>
            BufferAssignment.Assign(StepList.Build(analysis, GraphRewrites.Find(analysis.Layers)));

        private static string[] Names(System.Collections.Generic.IEnumerable<BufferRef> buffers) => buffers.Select(b => b.Name).ToArray();

        [Fact]
        public void AChainReusesTwoSlots()
        {
            // Input 8x8x1. Values: v1 = conv2d [8,8,4] 256, v2 = conv2d_1 [8,8,8] 512, v3 = conv2d_2 [8,8,2] 128, v4 = dense (the output).
            // step 0 writes v1: no free slot -> slot 0 (256).
            // step 1 writes v2: slot 0 still holds v1, which step 1 reads -> slot 1 (512); then v1 is dead: slot 0 free.
            // step 2 writes v3 (128): the smallest free slot that fits is slot 0; then v2 is dead: slot 1 free.
            // step 3 (dense, through the flatten rename) writes the caller's output.
            // Two slots, 256 + 512 = 768 floats (one slot per tensor would be 256 + 512 + 128 = 896).
            BufferAssignment buffers = Assign(Plans.Analyze(8, 8, 1,
                LayerSpec.Conv2D(4, 3, 3, padding: Padding.Same),
                LayerSpec.Conv2D(8, 3, 3, padding: Padding.Same),
                LayerSpec.Conv2D(2, 3, 3, padding: Padding.Same),
                LayerSpec.Flatten(),
                LayerSpec.Dense(5)));

            Assert.Equal(new[] { 256, 512 }, buffers.SlotLengths);
            Assert.Equal(new[] { 0, 256 }, buffers.SlotOffsets);
            Assert.Equal(768, buffers.ScratchLength);
            Assert.Equal(new[] { "x", "buffer0", "buffer1", "buffer0", "y" }, Names(buffers.Values));
            Assert.Equal(new[] { "buffer0" }, Names(buffers.SourcesOf(3))); // dense reads conv2d_2's value: flatten renamed it
            Assert.Equal("y", buffers.DestinationOf(3).Name);
        }

        [Fact]
        public void ASkipConnectionKeepsItsTensorAlive()
        {
            // Input 8x8x4; a, b, c: Conv2D 4 filters, same padding: each [8,8,4] = 256 floats; add = a + c; then global pooling.
            // step 0 writes a -> slot 0. a is read again by add (step 3), so it stays.
            // step 1 writes b -> slot 1.
            // step 2 reads b (its last reader) and writes c: slot 1 is still b's while c is written -> slot 2; then slot 1 free.
            // step 3 reads a and c and writes add -> slot 1; then slots 0 and 2 free.
            // step 4 (global pooling) writes the caller's output.
            // Three slots of 256 floats; the same chain without the skip needs two.
            BufferAssignment buffers = Assign(Plans.Analyze(8, 8, 4,
                LayerSpec.Conv2D(4, 3, 3, padding: Padding.Same) with { Name = "a" },
                LayerSpec.Conv2D(4, 3, 3, padding: Padding.Same),
                LayerSpec.Conv2D(4, 3, 3, padding: Padding.Same) with { Name = "c" },
                LayerSpec.Add("a", "c"),
                LayerSpec.GlobalAveragePooling2D()));

            Assert.Equal(new[] { 256, 256, 256 }, buffers.SlotLengths);
            Assert.Equal(new[] { 0, 256, 512 }, buffers.SlotOffsets);
            Assert.Equal(768, buffers.ScratchLength);
            Assert.Equal(new[] { "buffer0", "buffer2" }, Names(buffers.SourcesOf(3)));
            Assert.Equal("buffer1", buffers.DestinationOf(3).Name);

            BufferAssignment chain = Assign(Plans.Analyze(8, 8, 4,
                LayerSpec.Conv2D(4, 3, 3, padding: Padding.Same),
                LayerSpec.Conv2D(4, 3, 3, padding: Padding.Same),
                LayerSpec.Conv2D(4, 3, 3, padding: Padding.Same),
                LayerSpec.GlobalAveragePooling2D()));
            Assert.Equal(new[] { 256, 256 }, chain.SlotLengths);
        }

        [Fact]
        public void ASlotGrowsWhenNoFreeSlotIsLargeEnough()
        {
            // Input 4x4x1. v1 = conv2d [4,4,2] 32 -> slot 0. v2 = conv2d_1 [4,4,1] 16 -> slot 1 (slot 0 is being read); slot 0 free.
            // v3 = conv2d_2 [4,4,8] 128: no free slot holds 128, the largest free one (slot 0, 32) grows to 128; slot 1 free.
            // v4 = conv2d_3 [4,4,4] 64: slot 1 (16) is free but too small, slot 0 is being read -> slot 1 grows to 64.
            // The output (dense) goes to y.
            BufferAssignment buffers = Assign(Plans.Analyze(4, 4, 1,
                LayerSpec.Conv2D(2, 1, 1),
                LayerSpec.Conv2D(1, 1, 1),
                LayerSpec.Conv2D(8, 1, 1),
                LayerSpec.Conv2D(4, 1, 1),
                LayerSpec.Flatten(),
                LayerSpec.Dense(3)));

            Assert.Equal(new[] { 128, 64 }, buffers.SlotLengths);
            Assert.Equal(192, buffers.ScratchLength);
            Assert.Equal(new[] { "x", "buffer0", "buffer1", "buffer0", "buffer1", "y" }, Names(buffers.Values));
        }

        [Fact]
        public void AFoldedNetworkOfOneStepNeedsNoScratch()
        {
            // conv2d + batch_normalization + activation are one step, writing the caller's output directly.
            BufferAssignment buffers = Assign(Plans.Analyze(6, 6, 3,
                LayerSpec.Conv2D(4, 3, 3),
                LayerSpec.BatchNormalization(),
                LayerSpec.ActivationLayer(GeneratorAssembly::ConvGen.Activation.ReLU)));

            Assert.Empty(buffers.SlotLengths);
            Assert.Equal(0, buffers.ScratchLength);
            Assert.Equal(new[] { "x" }, Names(buffers.SourcesOf(0)));
            Assert.Equal("y", buffers.DestinationOf(0).Name);
        }
    }
}
