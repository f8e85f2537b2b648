using System;
using ConvGen.Tests.Infrastructure;
using ConvGen.Vision;

namespace ConvGen.Tests.Vision
{
    /// <summary>The per-image steps of a detector's inference and training loop allocate nothing.</summary>
    public class VisionAllocationTests
    {
        private static readonly GridLayout Layout = new(64, 64, 8, 8, 3, new AnchorSize(16, 16), new AnchorSize(8, 24));

        private static float[] RandomOutput(int seed)
        {
            var random = new Random(seed);
            var output = new float[Layout.OutputLength];
            for (int i = 0; i < output.Length; i++)
                output[i] = (float)(4 * random.NextDouble() - 2);
            return output;
        }

        [Fact]
        public void DecodeAndSuppressIntoSpansAllocateNothing()
        {
            float[] output = RandomOutput(1);
            var decoder = new GridDecoder(Layout);
            var boxes = new BoundingBox[decoder.MaxBoxes];
            var kept = new int[decoder.MaxBoxes];
            int survivors = 0;
            Allocation.AssertNone(() =>
            {
                int n = decoder.Decode(output, 0.05f, boxes);
                survivors = NonMaxSuppression.Apply(boxes.AsSpan(0, n), 0.05f, 0.45f, kept);
            }, "decode + NMS", calls: 200);
            Assert.InRange(survivors, 1, decoder.MaxBoxes);
        }

        [Fact]
        public void EncodeAndLossAllocateNothing()
        {
            float[] output = RandomOutput(2);
            var truth = new[] { new BoundingBox(3, 4, 20, 30, 0), new BoundingBox(40, 40, 60, 52, 2), new BoundingBox(30, 5, 38, 29, 1) };
            var encoder = new GridEncoder(Layout);
            var target = new float[Layout.OutputLength];
            var mask = new float[Layout.MaskLength];
            var gradient = new float[Layout.OutputLength];
            float loss = 0;
            Allocation.AssertNone(() =>
            {
                encoder.Encode(truth, target, mask);
                loss = DetectionLoss.Compute(Layout, output, target, mask, gradient);
            }, "encode + loss", calls: 200);
            Assert.True(loss > 0);
            Assert.Equal(3f, SumOf(mask));
        }

        private static float SumOf(float[] values)
        {
            float s = 0;
            foreach (float v in values)
                s += v;
            return s;
        }
    }
}
