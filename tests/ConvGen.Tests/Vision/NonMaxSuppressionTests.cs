using System;
using ConvGen.Vision;

namespace ConvGen.Tests.Vision
{
    public class NonMaxSuppressionTests
    {
        private static BoundingBox Box(float x0, float y0, float x1, float y1, int c, float s) => new(x0, y0, x1, y1, c, s);

        private static int[] Kept(BoundingBox[] boxes, float scoreThreshold, float iouThreshold)
        {
            var kept = new int[boxes.Length];
            int n = NonMaxSuppression.Apply(boxes, scoreThreshold, iouThreshold, kept);
            return kept.AsSpan(0, n).ToArray();
        }

        [Fact]
        public void EmptyInputKeepsNothing()
        {
            Assert.Empty(Kept(Array.Empty<BoundingBox>(), 0f, 0.5f));
            Assert.Empty(NonMaxSuppression.Apply(ReadOnlySpan<BoundingBox>.Empty, 0f, 0.5f));
        }

        [Fact]
        public void OverlappingLowerScoreIsSuppressed()
        {
            // A and B overlap with IoU 90/110 = 0.82; C is apart.
            var boxes = new[] { Box(0, 0, 10, 10, 0, 0.9f), Box(1, 0, 11, 10, 0, 0.8f), Box(20, 20, 30, 30, 0, 0.7f) };
            Assert.Equal(new[] { 0, 2 }, Kept(boxes, 0f, 0.5f));
        }

        [Fact]
        public void HigherScoreWinsWhateverItsIndex()
        {
            var boxes = new[] { Box(1, 0, 11, 10, 0, 0.8f), Box(20, 20, 30, 30, 0, 0.7f), Box(0, 0, 10, 10, 0, 0.9f) };
            Assert.Equal(new[] { 2, 1 }, Kept(boxes, 0f, 0.5f));
        }

        [Fact]
        public void DifferentClassesNeverSuppressEachOther()
        {
            var boxes = new[] { Box(0, 0, 10, 10, 0, 0.9f), Box(0, 0, 10, 10, 1, 0.8f), Box(1, 0, 11, 10, 0, 0.7f) };
            Assert.Equal(new[] { 0, 1 }, Kept(boxes, 0f, 0.5f));
        }

        [Fact]
        public void EqualScoresAreVisitedByIndex()
        {
            // Identical boxes with one score: the lower index survives.
            var same = new[] { Box(0, 0, 4, 4, 0, 0.5f), Box(0, 0, 4, 4, 0, 0.5f) };
            Assert.Equal(new[] { 0 }, Kept(same, 0f, 0.5f));

            // Disjoint boxes: order is score descending, then index ascending.
            var apart = new[] { Box(0, 0, 1, 1, 0, 0.5f), Box(2, 0, 3, 1, 0, 0.9f), Box(4, 0, 5, 1, 0, 0.5f), Box(6, 0, 7, 1, 0, 0.9f) };
            Assert.Equal(new[] { 1, 3, 0, 2 }, Kept(apart, 0f, 0.5f));
        }

        [Fact]
        public void IouEqualToTheThresholdIsNotSuppressed()
        {
            // [0,3]x[0,1] and [1,4]x[0,1]: intersection 2, union 4, IoU exactly 0.5.
            var boxes = new[] { Box(0, 0, 3, 1, 0, 0.9f), Box(1, 0, 4, 1, 0, 0.8f) };
            Assert.Equal(new[] { 0, 1 }, Kept(boxes, 0f, 0.5f));
            Assert.Equal(new[] { 0 }, Kept(boxes, 0f, 0.49f));
        }

        [Fact]
        public void ScoreThresholdKeepsScoresEqualToIt()
        {
            var boxes = new[] { Box(0, 0, 1, 1, 0, 0.3f), Box(2, 0, 3, 1, 0, 0.29f), Box(4, 0, 5, 1, 0, 0.31f) };
            Assert.Equal(new[] { 2, 0 }, Kept(boxes, 0.3f, 0.5f));
        }

        [Fact]
        public void ZeroAreaBoxesNeverSuppress()
        {
            var boxes = new[] { Box(2, 2, 2, 2, 0, 0.9f), Box(2, 2, 2, 2, 0, 0.8f), Box(0, 0, 4, 4, 0, 0.7f) };
            Assert.Equal(new[] { 0, 1, 2 }, Kept(boxes, 0f, 0f));
        }

        [Fact]
        public void BoxesOnTheImageBorderAreSuppressedLikeAnyOther()
        {
            // Both touch x = 0 and y = 0; IoU 48/64 = 0.75.
            var boxes = new[] { Box(0, 0, 8, 8, 0, 0.6f), Box(0, 0, 8, 6, 0, 0.7f) };
            Assert.Equal(new[] { 1 }, Kept(boxes, 0f, 0.5f));
        }

        [Fact]
        public void ManyBoxesUseThePooledPathWithTheSameOrder()
        {
            // 300 disjoint boxes with scores (i % 3) / 10: all kept, score 0.2 first, then 0.1, then 0, by index within.
            var boxes = new BoundingBox[300];
            for (int i = 0; i < boxes.Length; i++)
                boxes[i] = Box(2 * i, 0, 2 * i + 1, 1, 0, (i % 3) / 10f);
            int[] expected = new int[300];
            int n = 0;
            for (int r = 2; r >= 0; r--)
            {
                for (int i = r; i < 300; i += 3)
                    expected[n++] = i;
            }
            Assert.Equal(expected, Kept(boxes, 0f, 0.5f));
        }

        [Fact]
        public void BadArgumentsAreNamed()
        {
            var boxes = new[] { Box(0, 0, 1, 1, 0, 0.9f), Box(2, 0, 3, 1, 0, 0.8f) };
            Assert.Throws<ArgumentOutOfRangeException>(() => NonMaxSuppression.Apply(boxes, 0f, 1.5f));
            Assert.Throws<ArgumentException>(() => NonMaxSuppression.Apply(boxes, float.NaN, 0.5f));
            Assert.Contains("keptIndices", Assert.Throws<ArgumentException>(() => NonMaxSuppression.Apply(boxes, 0f, 0.5f, new int[1])).Message);
        }
    }
}
