using System;
using System.Linq;
using ConvGen.Vision;

namespace ConvGen.Tests.Vision
{
    public class GridCodingTests
    {
        // 64x64 image, 8x8 grid (8-pixel cells), 2 classes, one 16x16 anchor: 7 channels per cell.
        private static readonly GridLayout Layout = new(64, 64, 8, 8, 2, new AnchorSize(16, 16));

        private static int Offset(GridLayout layout, int row, int column, int anchor = 0) =>
            ((row * layout.GridColumns + column) * layout.AnchorCount + anchor) * layout.ChannelsPerAnchor;

        [Fact]
        public void LayoutSizesFollowTheTensorShape()
        {
            var layout = new GridLayout(96, 64, 12, 8, 3, new AnchorSize(10, 10), new AnchorSize(20, 30));
            Assert.Equal(2 * 8, layout.Channels);
            Assert.Equal(12 * 8 * 16, layout.OutputLength);
            Assert.Equal(12 * 8 * 2, layout.MaskLength);
            Assert.Equal(8f, layout.CellWidth);
            Assert.Equal(8f, layout.CellHeight);
            Assert.Throws<ArgumentException>(() => new GridLayout(64, 64, 8, 8, 3));
            Assert.Throws<ArgumentOutOfRangeException>(() => new GridLayout(64, 64, 0, 8, 3, new AnchorSize(1, 1)));
        }

        [Fact]
        public void DecodesOneCellByHand()
        {
            // Cell (row 2, column 3): sigmoid(0) = 0.5 puts the center mid-cell at (28, 20); tw = ln 2 doubles the
            // anchor width to 32, th = 0 keeps 16; class logits [0, ln 3] give softmax [0.25, 0.75] -> class 1.
            // Box [12, 12, 44, 28], score sigmoid(10) * 0.75. Every other cell: sigmoid(0) * 0.5 = 0.25 < 0.3.
            var output = new float[Layout.OutputLength];
            int o = Offset(Layout, 2, 3);
            output[o] = 10f;
            output[o + 3] = MathF.Log(2f);
            output[o + 6] = MathF.Log(3f);
            var boxes = new BoundingBox[Layout.MaskLength];
            int n = new GridDecoder(Layout).Decode(output, 0.3f, boxes);

            Assert.Equal(1, n);
            BoundingBox b = boxes[0];
            Assert.Equal(1, b.ClassId);
            Assert.Equal(12f, b.XMin, 4);
            Assert.Equal(12f, b.YMin, 4);
            Assert.Equal(44f, b.XMax, 4);
            Assert.Equal(28f, b.YMax, 4);
            Assert.Equal(0.75 / (1 + Math.Exp(-10)), b.Score, 5);
        }

        [Fact]
        public void ThresholdZeroReturnsEveryCellInCellOrder()
        {
            var boxes = new BoundingBox[Layout.MaskLength];
            int n = new GridDecoder(Layout).Decode(new float[Layout.OutputLength], 0f, boxes);
            Assert.Equal(64, n);
            // Cell (r, c) with zero outputs: a 16x16 box centered at ((c + 0.5) * 8, (r + 0.5) * 8), clipped, score 0.25.
            AssertBox(new BoundingBox(0, 0, 12, 12, 0, 0.25f), boxes[0]);
            AssertBox(new BoundingBox(4, 0, 20, 12, 0, 0.25f), boxes[1]);
            AssertBox(new BoundingBox(52, 52, 64, 64, 0, 0.25f), boxes[63]);
        }

        private static void AssertBox(BoundingBox expected, BoundingBox actual)
        {
            Assert.Equal(expected.ClassId, actual.ClassId);
            Assert.Equal(expected.XMin, actual.XMin, 4);
            Assert.Equal(expected.YMin, actual.YMin, 4);
            Assert.Equal(expected.XMax, actual.XMax, 4);
            Assert.Equal(expected.YMax, actual.YMax, 4);
            Assert.Equal(expected.Score, actual.Score, 5);
        }

        [Fact]
        public void BoxesCrossingTheBorderAreClipped()
        {
            // Bottom-right cell, offsets near 1 (center ~ (64, 64)), size 4x the anchor: clipped to the image.
            var output = new float[Layout.OutputLength];
            int o = Offset(Layout, 7, 7);
            output[o] = 10f;
            output[o + 1] = 20f;
            output[o + 2] = 20f;
            output[o + 3] = MathF.Log(4f);
            output[o + 4] = MathF.Log(4f);
            BoundingBox b = new GridDecoder(Layout).DecodeAndSuppress(output, 0.3f, 0.5f).Single();
            Assert.Equal(32f, b.XMin, 3);
            Assert.Equal(32f, b.YMin, 3);
            Assert.Equal(64f, b.XMax);
            Assert.Equal(64f, b.YMax);
        }

        [Fact]
        public void EachAnchorScalesItsOwnSize()
        {
            var layout = new GridLayout(32, 32, 2, 2, 1, new AnchorSize(4, 4), new AnchorSize(10, 20));
            var output = new float[layout.OutputLength];
            output[Offset(layout, 1, 0, 1)] = 10f;
            BoundingBox b = new GridDecoder(layout).DecodeAndSuppress(output, 0.9f, 0.5f).Single();
            // Cell (1, 0) of 16-pixel cells: center (8, 24); anchor 1 is 10x20.
            Assert.Equal(new BoundingBox(3, 14, 13, 32, 0, b.Score), b);
        }

        [Fact]
        public void DecoderRejectsWrongLengthsAndNonFiniteValues()
        {
            var decoder = new GridDecoder(Layout);
            var boxes = new BoundingBox[decoder.MaxBoxes];
            Assert.Contains("448", Assert.Throws<ArgumentException>(() => decoder.Decode(new float[10], 0.5f, boxes)).Message);
            var output = new float[Layout.OutputLength];
            output[Offset(Layout, 1, 1) + 3] = float.NaN;
            Assert.Contains("row 1, column 1", Assert.Throws<ArgumentException>(() => decoder.Decode(output, 0f, boxes)).Message);
            // Also where the cell would not pass the threshold (a NaN objectness must not just vanish).
            output[Offset(Layout, 1, 1) + 3] = 0f;
            output[Offset(Layout, 2, 5)] = float.NaN;
            Assert.Contains("row 2, column 5", Assert.Throws<ArgumentException>(() => decoder.Decode(output, 0.9f, boxes)).Message);
            Assert.Throws<ArgumentException>(() => decoder.Decode(new float[Layout.OutputLength], 0f, new BoundingBox[3]));
        }

        [Fact]
        public void EncodesOneBoxByHand()
        {
            var target = new float[Layout.OutputLength];
            var mask = new float[Layout.MaskLength];
            int placed = new GridEncoder(Layout).Encode(new[] { new BoundingBox(12, 12, 44, 28, 1) }, target, mask);

            Assert.Equal(1, placed);
            Assert.Equal(1f, mask[2 * 8 + 3]);
            Assert.Equal(1f, mask.Sum());
            int o = Offset(Layout, 2, 3);
            Assert.Equal(new[] { 1f, 0.5f, 0.5f, MathF.Log(2f), 0f, 0f, 1f }, target.AsSpan(o, 7).ToArray());
            Assert.Equal(3f + MathF.Log(2f), target.Sum(), 5);
        }

        [Fact]
        public void CentersOnTheRightAndBottomEdgeGoToTheLastCell()
        {
            var target = new float[Layout.OutputLength];
            var mask = new float[Layout.MaskLength];
            // Center (64, 64): exactly on the image corner.
            int placed = new GridEncoder(Layout).Encode(new[] { new BoundingBox(56, 56, 72, 72, 0) }, target, mask);
            Assert.Equal(1, placed);
            Assert.Equal(1f, mask[63]);
            int o = Offset(Layout, 7, 7);
            Assert.Equal(1f, target[o + 1]);
            Assert.Equal(1f, target[o + 2]);

            // Center (0, 0): the first cell, offsets 0.
            new GridEncoder(Layout).Encode(new[] { new BoundingBox(-4, -4, 4, 4, 0) }, target, mask);
            Assert.Equal(1f, mask[0]);
            Assert.Equal(0f, target[1]);
            Assert.Equal(0f, target[2]);
            Assert.Equal(MathF.Log(0.5f), target[3]);
        }

        [Fact]
        public void ZeroAreaBoxesAreSkippedAndCollisionsKeepTheFirst()
        {
            var target = new float[Layout.OutputLength];
            var mask = new float[Layout.MaskLength];
            var encoder = new GridEncoder(Layout);
            Assert.Equal(0, encoder.Encode(new[] { new BoundingBox(10, 10, 10, 20, 0) }, target, mask));
            Assert.Equal(0f, mask.Sum());
            Assert.Equal(0f, target.Sum());

            // Both centers fall in cell (1, 1); the first (class 0) keeps it.
            Assert.Equal(1, encoder.Encode(new[] { new BoundingBox(9, 9, 13, 13, 0), new BoundingBox(8, 8, 16, 16, 1) }, target, mask));
            Assert.Equal(1f, target[Offset(Layout, 1, 1) + 5]);
            Assert.Equal(0f, target[Offset(Layout, 1, 1) + 6]);
        }

        [Fact]
        public void TheBestFittingAnchorTakesTheBox()
        {
            var layout = new GridLayout(64, 64, 4, 4, 1, new AnchorSize(8, 8), new AnchorSize(32, 16));
            var target = new float[layout.OutputLength];
            var mask = new float[layout.MaskLength];
            // 30x14: IoU with 8x8 is 64/420, with 32x16 is 420/512.
            new GridEncoder(layout).Encode(new[] { BoundingBox.FromCenter(40, 40, 30, 14, 0) }, target, mask);
            Assert.Equal(1f, mask[(2 * 4 + 2) * 2 + 1]);
            Assert.Equal(MathF.Log(30f / 32f), target[Offset(layout, 2, 2, 1) + 3], 6);
        }

        [Fact]
        public void EncoderRejectsBadBoxesAndLengths()
        {
            var encoder = new GridEncoder(Layout);
            var target = new float[Layout.OutputLength];
            var mask = new float[Layout.MaskLength];
            Assert.Contains("class 2", Assert.Throws<ArgumentException>(() => encoder.Encode(new[] { new BoundingBox(0, 0, 4, 4, 2) }, target, mask)).Message);
            Assert.Contains("outside", Assert.Throws<ArgumentException>(() => encoder.Encode(new[] { new BoundingBox(60, 0, 80, 4, 0) }, target, mask)).Message);
            Assert.Contains("mask", Assert.Throws<ArgumentException>(() => encoder.Encode(ReadOnlySpan<BoundingBox>.Empty, target, new float[5])).Message);
        }

        [Fact]
        public void EncodeThenDecodeGivesTheBoxesBack()
        {
            // Random boxes in distinct cells of a 2-anchor, 3-class layout; the target is turned into head logits
            // (objectness +-20, offsets through the logit, class logit 20 on the one-hot) and decoded.
            var layout = new GridLayout(96, 96, 12, 12, 3, new AnchorSize(12, 12), new AnchorSize(30, 18));
            var random = new Random(5);
            var boxes = new System.Collections.Generic.List<BoundingBox>();
            var used = new bool[12 * 12];
            while (boxes.Count < 20)
            {
                int cell = random.Next(144);
                if (used[cell])
                    continue;
                used[cell] = true;
                float cx = (cell % 12 + 0.02f + 0.96f * (float)random.NextDouble()) * 8f;
                float cy = (cell / 12 + 0.02f + 0.96f * (float)random.NextDouble()) * 8f;
                float w = 4f + 40f * (float)random.NextDouble(), h = 4f + 40f * (float)random.NextDouble();
                w = Math.Min(w, 2 * Math.Min(cx, 96 - cx));
                h = Math.Min(h, 2 * Math.Min(cy, 96 - cy));
                boxes.Add(BoundingBox.FromCenter(cx, cy, w, h, random.Next(3)));
            }

            var target = new float[layout.OutputLength];
            var mask = new float[layout.MaskLength];
            Assert.Equal(20, new GridEncoder(layout).Encode(boxes.ToArray(), target, mask));
            var logits = new float[target.Length];
            for (int m = 0; m < mask.Length; m++)
            {
                int o = m * layout.ChannelsPerAnchor;
                logits[o] = mask[m] == 1f ? 20f : -20f;
                if (mask[m] == 0f)
                    continue;
                logits[o + 1] = MathF.Log(target[o + 1] / (1 - target[o + 1]));
                logits[o + 2] = MathF.Log(target[o + 2] / (1 - target[o + 2]));
                logits[o + 3] = target[o + 3];
                logits[o + 4] = target[o + 4];
                for (int k = 0; k < 3; k++)
                    logits[o + 5 + k] = 20f * target[o + 5 + k];
            }
            var decoded = new BoundingBox[layout.MaskLength];
            int n = new GridDecoder(layout).Decode(logits, 0.5f, decoded);

            Assert.Equal(20, n);
            foreach (BoundingBox expected in boxes)
            {
                BoundingBox match = decoded.Take(n).Single(d => Math.Abs(d.CenterX - expected.CenterX) < 0.01f && Math.Abs(d.CenterY - expected.CenterY) < 0.01f);
                Assert.Equal(expected.ClassId, match.ClassId);
                Assert.Equal(expected.XMin, match.XMin, 2);
                Assert.Equal(expected.YMin, match.YMin, 2);
                Assert.Equal(expected.XMax, match.XMax, 2);
                Assert.Equal(expected.YMax, match.YMax, 2);
                Assert.True(match.Score > 0.99f);
            }
        }
    }
}
