using System;
using ConvGen.Vision;

namespace ConvGen.Tests.Vision
{
    public class DetectionLossTests
    {
        [Fact]
        public void OneObjectCellByHand()
        {
            // 1x1 grid, one anchor, 2 classes; all logits 0. Target: object, offsets 0.5, tw* = 0.3, th* = -0.2, class 1.
            // Objectness BCE(0, 1) = ln 2; box 5 * [(0.5-0.5)^2 * 2 + 0.3^2 + 0.2^2] = 0.65; class CE of [0, 0] = ln 2.
            var layout = new GridLayout(8, 8, 1, 1, 2, new AnchorSize(4, 4));
            var output = new float[7];
            var target = new float[] { 1f, 0.5f, 0.5f, 0.3f, -0.2f, 0f, 1f };
            var gradient = new float[7];
            float loss = DetectionLoss.Compute(layout, output, target, new[] { 1f }, gradient);

            Assert.Equal(2 * Math.Log(2) + 0.65, loss, 5);
            // d/dx: obj sigmoid(0) - 1; tx 5 * 2 * 0 * 0.25; tw 5 * 2 * (0 - 0.3); th 5 * 2 * 0.2; class softmax - onehot.
            float[] expected = { -0.5f, 0f, 0f, -3f, 2f, 0.5f, -0.5f };
            for (int i = 0; i < expected.Length; i++)
                Assert.Equal(expected[i], gradient[i], 5);
        }

        [Fact]
        public void EmptyCellOnlyPaysTheNoObjectTerm()
        {
            // BCE(2, 0) = 2 + ln(1 + e^-2) = 2.126928; weight 0.5. Gradient 0.5 * sigmoid(2) = 0.4403985; rest 0.
            var layout = new GridLayout(8, 8, 1, 1, 2, new AnchorSize(4, 4));
            var output = new float[] { 2f, 9f, -9f, 3f, 3f, 5f, -5f };
            var gradient = new float[] { 7f, 7f, 7f, 7f, 7f, 7f, 7f };
            float loss = DetectionLoss.Compute(layout, output, new float[7], new[] { 0f }, gradient);

            Assert.Equal(1.063464, loss, 5);
            Assert.Equal(0.4403985f, gradient[0], 6);
            Assert.Equal(new float[6], gradient[1..]);
        }

        [Fact]
        public void BatchIsAveraged()
        {
            var layout = new GridLayout(16, 16, 2, 2, 3, new AnchorSize(4, 4));
            (float[] output, float[] target, float[] mask) = RandomCase(layout, 1, new Random(3));
            var single = new float[output.Length];
            float one = DetectionLoss.Compute(layout, output, target, mask, single);
            var twice = new float[2 * output.Length];
            float two = DetectionLoss.Compute(layout, [.. output, .. output], [.. target, .. target], [.. mask, .. mask], twice);

            Assert.Equal(one, two, 5);
            for (int i = 0; i < single.Length; i++)
            {
                Assert.Equal(single[i] / 2, twice[i], 6);
                Assert.Equal(single[i] / 2, twice[output.Length + i], 6);
            }
        }

        [Theory]
        [InlineData(1)]
        [InlineData(2)]
        [InlineData(3)]
        public void GradientMatchesCentralDifferencesOfAnIndependentDoubleLoss(int seed)
        {
            // Batch 2, grid 2x3, two anchors, 3 classes. The loss is re-derived here in double straight from the formula
            // in DetectionLoss' documentation; its value must match, and its central differences must match the gradient.
            var layout = new GridLayout(16, 24, 2, 3, 3, new AnchorSize(5, 5), new AnchorSize(9, 4));
            var random = new Random(seed);
            (float[] output, float[] target, float[] mask) = RandomCase(layout, 2, random);
            var weights = new DetectionLossWeights { Object = 1.5f, NoObject = 0.25f, Box = 3f, Class = 0.7f };
            var gradient = new float[output.Length];
            float loss = DetectionLoss.Compute(layout, output, target, mask, gradient, weights);

            double[] x = Array.ConvertAll(output, v => (double)v);
            Assert.Equal(ReferenceLoss(layout, x, target, mask, weights), loss, 4);
            const double h = 1e-4;
            for (int i = 0; i < x.Length; i++)
            {
                double saved = x[i];
                x[i] = saved + h;
                double plus = ReferenceLoss(layout, x, target, mask, weights);
                x[i] = saved - h;
                double minus = ReferenceLoss(layout, x, target, mask, weights);
                x[i] = saved;
                double numeric = (plus - minus) / (2 * h);
                Assert.True(Math.Abs(numeric - gradient[i]) <= 1e-5 + 1e-3 * Math.Abs(numeric),
                    $"element {i} (channel {i % layout.ChannelsPerAnchor}): finite differences {numeric}, gradient {gradient[i]}");
            }
        }

        [Fact]
        public void DescendingTheLossOnAFreeHeadOutputRecoversTheBoxes()
        {
            // Plain gradient descent on the raw [8, 8, 8] output itself (no network): loss and gradient together must
            // drive the decoder to the encoded boxes, and only to them.
            var layout = new GridLayout(64, 64, 8, 8, 3, new AnchorSize(16, 16));
            var truth = new[] { new BoundingBox(3, 4, 20, 30, 0), new BoundingBox(40, 40, 60, 52, 2), new BoundingBox(30, 5, 38, 29, 1) };
            var target = new float[layout.OutputLength];
            var mask = new float[layout.MaskLength];
            new GridEncoder(layout).Encode(truth, target, mask);
            var output = new float[layout.OutputLength];
            var gradient = new float[layout.OutputLength];
            float first = DetectionLoss.Compute(layout, output, target, mask, gradient), last = first;
            for (int step = 0; step < 500; step++)
            {
                last = DetectionLoss.Compute(layout, output, target, mask, gradient);
                for (int i = 0; i < output.Length; i++)
                    output[i] -= 0.1f * gradient[i];
            }

            Assert.True(last < first / 10, $"loss went from {first} to {last}");
            BoundingBox[] found = new GridDecoder(layout).DecodeAndSuppress(output, 0.5f, 0.45f);
            Assert.Equal(3, found.Length);
            foreach (BoundingBox expected in truth)
            {
                Assert.Contains(found, b => b.ClassId == expected.ClassId && BoundingBox.IntersectionOverUnion(b, expected) > 0.95);
            }
        }

        [Fact]
        public void WrongLengthsAndWeightsAreRejected()
        {
            var layout = new GridLayout(8, 8, 1, 1, 2, new AnchorSize(4, 4));
            var seven = new float[7];
            Assert.Contains("multiple", Assert.Throws<ArgumentException>(() => DetectionLoss.Compute(layout, new float[8], new float[8], new float[1], new float[8])).Message);
            Assert.Contains("target", Assert.Throws<ArgumentException>(() => DetectionLoss.Compute(layout, seven, new float[14], new float[1], seven)).Message);
            Assert.Contains("mask", Assert.Throws<ArgumentException>(() => DetectionLoss.Compute(layout, seven, seven, new float[2], seven)).Message);
            Assert.Contains("gradient", Assert.Throws<ArgumentException>(() => DetectionLoss.Compute(layout, seven, seven, new float[1], new float[6])).Message);
            Assert.Throws<ArgumentException>(() => DetectionLoss.Compute(layout, seven, seven, new float[1], seven, new DetectionLossWeights { Box = -1f }));
            Assert.Contains("default", Assert.Throws<ArgumentException>(() => DetectionLoss.Compute(layout, seven, seven, new float[1], seven, default)).Message);
        }

        private static (float[] Output, float[] Target, float[] Mask) RandomCase(GridLayout layout, int images, Random random)
        {
            var output = new float[images * layout.OutputLength];
            for (int i = 0; i < output.Length; i++)
                output[i] = (float)(3 * random.NextDouble() - 1.5);
            var target = new float[output.Length];
            var mask = new float[images * layout.MaskLength];
            for (int m = 0; m < mask.Length; m++)
            {
                if (random.Next(2) == 0)
                    continue;
                int o = m * layout.ChannelsPerAnchor;
                mask[m] = 1f;
                target[o] = 1f;
                target[o + 1] = (float)random.NextDouble();
                target[o + 2] = (float)random.NextDouble();
                target[o + 3] = (float)(2 * random.NextDouble() - 1);
                target[o + 4] = (float)(2 * random.NextDouble() - 1);
                target[o + 5 + random.Next(layout.Classes)] = 1f;
            }
            return (output, target, mask);
        }

        private static double ReferenceLoss(GridLayout layout, double[] x, float[] target, float[] mask, DetectionLossWeights w)
        {
            int stride = layout.ChannelsPerAnchor;
            int images = x.Length / layout.OutputLength;
            double total = 0;
            for (int m = 0; m < mask.Length; m++)
            {
                int o = m * stride;
                double mk = mask[m];
                double p = 1 / (1 + Math.Exp(-x[o]));
                double t = target[o];
                total += (w.Object * mk + w.NoObject * (1 - mk)) * -(t * Math.Log(p) + (1 - t) * Math.Log(1 - p));

                double box = 0;
                for (int k = 1; k <= 2; k++)
                {
                    double d = 1 / (1 + Math.Exp(-x[o + k])) - target[o + k];
                    box += d * d;
                }
                for (int k = 3; k <= 4; k++)
                    box += (x[o + k] - target[o + k]) * (x[o + k] - target[o + k]);
                total += w.Box * mk * box;

                double sumExp = 0;
                for (int k = 0; k < layout.Classes; k++)
                    sumExp += Math.Exp(x[o + 5 + k]);
                double ce = 0;
                for (int k = 0; k < layout.Classes; k++)
                    ce -= target[o + 5 + k] * Math.Log(Math.Exp(x[o + 5 + k]) / sumExp);
                total += w.Class * mk * ce;
            }
            return total / images;
        }
    }
}
