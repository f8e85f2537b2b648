using System;
using ConvGen.Vision;

namespace ConvGen.Tests.Vision
{
    public class BoundingBoxTests
    {
        private static BoundingBox Box(float x0, float y0, float x1, float y1, int c = 0, float s = 1f) => new(x0, y0, x1, y1, c, s);

        [Fact]
        public void OverlappingSquaresShareOneSeventh()
        {
            // [0,2]^2 and [1,3]^2: intersection 1x1 = 1, union 4 + 4 - 1 = 7.
            Assert.Equal(1.0 / 7.0, BoundingBox.IntersectionOverUnion(Box(0, 0, 2, 2), Box(1, 1, 3, 3)), 12);
        }

        [Fact]
        public void ContainedBoxGivesAreaRatio()
        {
            // 2x2 inside 4x4: 4 / 16.
            Assert.Equal(0.25, BoundingBox.IntersectionOverUnion(Box(0, 0, 4, 4), Box(1, 1, 3, 3)), 12);
        }

        [Fact]
        public void TouchingBoxesDoNotOverlap()
        {
            Assert.Equal(0.0, BoundingBox.IntersectionOverUnion(Box(0, 0, 2, 2), Box(2, 0, 4, 2)));
            Assert.Equal(0.0, BoundingBox.IntersectionOverUnion(Box(0, 0, 2, 2), Box(2, 2, 4, 4)));
        }

        [Fact]
        public void ZeroAreaBoxesHaveIouZeroEvenWithThemselves()
        {
            Assert.Equal(0.0, BoundingBox.IntersectionOverUnion(Box(1, 1, 1, 1), Box(1, 1, 1, 1)));
            Assert.Equal(0.0, BoundingBox.IntersectionOverUnion(Box(1, 0, 1, 4), Box(0, 0, 4, 4)));
            Assert.Equal(0f, Box(3, 1, 3, 9).Area);
        }

        [Fact]
        public void IdenticalBoxesHaveIouOne()
        {
            Assert.Equal(1.0, BoundingBox.IntersectionOverUnion(Box(0.5f, 1, 7, 3), Box(0.5f, 1, 7, 3)));
        }

        [Fact]
        public void FromCenterGivesEdges()
        {
            BoundingBox b = BoundingBox.FromCenter(10, 20, 4, 6, 2, 0.5f);
            Assert.Equal(Box(8, 17, 12, 23, 2, 0.5f), b);
            Assert.Equal(24f, b.Area);
        }

        [Fact]
        public void BadBoxesAreRejectedWithTheirProblem()
        {
            Assert.Contains("xMax", Assert.Throws<ArgumentException>(() => Box(2, 0, 1, 1)).Message);
            Assert.Contains("yMax", Assert.Throws<ArgumentException>(() => Box(0, 2, 1, 1)).Message);
            Assert.Contains("finite", Assert.Throws<ArgumentException>(() => Box(float.NaN, 0, 1, 1)).Message);
            Assert.Throws<ArgumentOutOfRangeException>(() => Box(0, 0, 1, 1, -1));
            Assert.Contains("score", Assert.Throws<ArgumentException>(() => Box(0, 0, 1, 1, 0, float.PositiveInfinity)).Message);
        }
    }
}
