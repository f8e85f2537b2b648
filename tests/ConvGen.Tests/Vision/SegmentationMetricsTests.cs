using System;
using ConvGen.Vision;

namespace ConvGen.Tests.Vision
{
    public class SegmentationMetricsTests
    {
        [Fact]
        public void ConfusionMatrixAndIouByHand()
        {
            // truth 0 0 1 1 2 2, predicted 0 1 1 1 2 0. IoU0 = 1 / (2 + 2 - 1) = 1/3, IoU1 = 2 / (2 + 3 - 2) = 2/3,
            // IoU2 = 1 / (2 + 1 - 1) = 1/2; class 3 is neither present nor predicted (NaN, not in the mean).
            var m = new SegmentationMetrics(4);
            m.Add(new[] { 0, 0, 1, 1, 2, 2 }, new[] { 0, 1, 1, 1, 2, 0 });

            Assert.Equal(1, m[0, 0]);
            Assert.Equal(1, m[0, 1]);
            Assert.Equal(2, m[1, 1]);
            Assert.Equal(1, m[2, 0]);
            Assert.Equal(1, m[2, 2]);
            Assert.Equal(0, m[1, 0]);
            Assert.Equal(1.0 / 3, m.IntersectionOverUnion(0), 12);
            Assert.Equal(2.0 / 3, m.IntersectionOverUnion(1), 12);
            Assert.Equal(0.5, m.IntersectionOverUnion(2), 12);
            Assert.True(double.IsNaN(m.IntersectionOverUnion(3)));
            Assert.Equal(0.5, m.MeanIntersectionOverUnion, 12);
            Assert.Equal(4.0 / 6, m.PixelAccuracy, 12);
            Assert.Equal(6, m.PixelCount);
        }

        [Fact]
        public void ScoresArePredictedByArgmaxLowestOnTies()
        {
            // Pixel 0: [0.2, 0.7] -> 1; pixel 1: [0.5, 0.5] -> 0 (tie); pixel 2: [NaN, 0.1] -> 1.
            var m = new SegmentationMetrics(2);
            m.AddScores(new[] { 1, 1, 0 }, new[] { 0.2f, 0.7f, 0.5f, 0.5f, float.NaN, 0.1f });
            Assert.Equal(1, m[1, 1]);
            Assert.Equal(1, m[1, 0]);
            Assert.Equal(1, m[0, 1]);
        }

        [Fact]
        public void EmptyAndResetGiveNaN()
        {
            var m = new SegmentationMetrics(3);
            Assert.True(double.IsNaN(m.MeanIntersectionOverUnion));
            Assert.True(double.IsNaN(m.PixelAccuracy));
            m.Add(new[] { 1 }, new[] { 1 });
            Assert.Equal(1.0, m.MeanIntersectionOverUnion);
            m.Reset();
            Assert.Equal(0, m.PixelCount);
            Assert.True(double.IsNaN(m.MeanIntersectionOverUnion));
        }

        [Fact]
        public void BadLabelsAreRejected()
        {
            var m = new SegmentationMetrics(3);
            Assert.Contains("truth[1]", Assert.Throws<ArgumentException>(() => m.Add(new[] { 0, 3 }, new[] { 0, 0 })).Message);
            Assert.Contains("predicted[0]", Assert.Throws<ArgumentException>(() => m.Add(new[] { 0 }, new[] { -1 })).Message);
            Assert.Throws<ArgumentException>(() => m.Add(new[] { 0 }, new[] { 0, 0 }));
            Assert.Throws<ArgumentException>(() => m.AddScores(new[] { 0 }, new float[2]));
        }
    }
}
