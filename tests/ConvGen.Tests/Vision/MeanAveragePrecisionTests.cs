using System;
using ConvGen.Vision;

namespace ConvGen.Tests.Vision
{
    public class MeanAveragePrecisionTests
    {
        private static BoundingBox Box(float x, float y, int c = 0, float s = 1f) => new(x, y, x + 10, y + 10, c, s);

        [Fact]
        public void KnownPrecisionRecallCurve()
        {
            // Three ground truths; detections by score: TP, FP, TP, FP, TP.
            // Precision 1, 1/2, 2/3, 2/4, 3/5 at recall 1/3, 1/3, 2/3, 2/3, 1. Interpolated (max to the right) at the
            // recall steps: 1, 2/3, 3/5. AP = (1 + 2/3 + 3/5) / 3 = 34/45.
            var truths = new[] { Box(0, 0), Box(20, 0), Box(40, 0) };
            var detections = new[]
            {
                Box(0, 0, s: 0.9f), Box(0, 60, s: 0.8f), Box(20, 1, s: 0.7f), Box(60, 60, s: 0.6f), Box(41, 0, s: 0.5f),
            };
            var map = new MeanAveragePrecision(1);
            map.Add(detections, truths);
            MeanAveragePrecisionResult r = map.Compute();
            Assert.Equal(34.0 / 45.0, r.PerClass[0], 12);
            Assert.Equal(34.0 / 45.0, r.Mean, 12);
            Assert.Equal(3, r.GroundTruthCounts[0]);
        }

        [Fact]
        public void MatchingFollowsScoreNotInputOrder()
        {
            // The same detections listed lowest score first give the same AP.
            var truths = new[] { Box(0, 0), Box(20, 0), Box(40, 0) };
            var detections = new[]
            {
                Box(41, 0, s: 0.5f), Box(60, 60, s: 0.6f), Box(20, 1, s: 0.7f), Box(0, 60, s: 0.8f), Box(0, 0, s: 0.9f),
            };
            var map = new MeanAveragePrecision(1);
            map.Add(detections, truths);
            Assert.Equal(34.0 / 45.0, map.Compute().Mean, 12);
        }

        [Fact]
        public void EachGroundTruthIsMatchedOnce()
        {
            // Two detections on one ground truth: TP then FP -> precision 1 at recall 1, AP 1; and a lower-scored
            // exact duplicate does not steal the match from the higher-scored, slightly offset detection.
            var map = new MeanAveragePrecision(1);
            map.Add(new[] { Box(1, 0, s: 0.9f), Box(0, 0, s: 0.8f) }, new[] { Box(0, 0) });
            Assert.Equal(1.0, map.Compute().Mean, 12);

            // Reversed scores: second ground truth missing -> recall 1/2 with precision 1 then a FP: AP 0.5.
            var two = new MeanAveragePrecision(1);
            two.Add(new[] { Box(0, 0, s: 0.9f), Box(0, 0, s: 0.8f) }, new[] { Box(0, 0), Box(100, 100) });
            Assert.Equal(0.5, two.Compute().Mean, 12);
        }

        [Fact]
        public void IouOfExactlyTheThresholdMatches()
        {
            // [0,30]x[0,10] vs [10,40]x[0,10]: intersection 200, union 400.
            var map = new MeanAveragePrecision(1);
            map.Add(new[] { new BoundingBox(0, 0, 30, 10, 0, 0.9f) }, new[] { new BoundingBox(10, 0, 40, 10, 0) });
            Assert.Equal(1.0, map.Compute().Mean);

            var strict = new MeanAveragePrecision(1, 0.51);
            strict.Add(new[] { new BoundingBox(0, 0, 30, 10, 0, 0.9f) }, new[] { new BoundingBox(10, 0, 40, 10, 0) });
            Assert.Equal(0.0, strict.Compute().Mean);
        }

        [Fact]
        public void ClassesAreMatchedSeparatelyAndAveraged()
        {
            // Class 0: perfect (AP 1). Class 1: its only detection sits on a class-0 box (FP), AP 0. Class 2: no ground
            // truth, so NaN and left out of the mean, although it has a detection.
            var map = new MeanAveragePrecision(3);
            map.Add(
                new[] { Box(0, 0, 0, 0.9f), Box(0, 0, 1, 0.8f), Box(50, 50, 2, 0.7f) },
                new[] { Box(0, 0, 0), Box(30, 30, 1) });
            MeanAveragePrecisionResult r = map.Compute();
            Assert.Equal(1.0, r.PerClass[0]);
            Assert.Equal(0.0, r.PerClass[1]);
            Assert.True(double.IsNaN(r.PerClass[2]));
            Assert.Equal(0.5, r.Mean, 12);
        }

        [Fact]
        public void EqualScoresAcrossImagesRankTheEarlierImageFirst()
        {
            // One ground truth (image 1). Image 0's FP and image 1's TP share a score: FP ranks first, so precision at
            // recall 1 is 1/2 and AP = 0.5 (were the TP first it would be 1).
            var map = new MeanAveragePrecision(1);
            map.Add(new[] { Box(0, 0, s: 0.5f) }, ReadOnlySpan<BoundingBox>.Empty);
            map.Add(new[] { Box(0, 0, s: 0.5f) }, new[] { Box(0, 0) });
            Assert.Equal(0.5, map.Compute().Mean, 12);
            Assert.Equal(2, map.ImageCount);
        }

        [Fact]
        public void EmptyInputs()
        {
            var nothing = new MeanAveragePrecision(2);
            Assert.True(double.IsNaN(nothing.Compute().Mean));
            nothing.Add(ReadOnlySpan<BoundingBox>.Empty, ReadOnlySpan<BoundingBox>.Empty);
            Assert.True(double.IsNaN(nothing.Compute().Mean));

            var missed = new MeanAveragePrecision(2);
            missed.Add(ReadOnlySpan<BoundingBox>.Empty, new[] { Box(0, 0, 1) });
            MeanAveragePrecisionResult r = missed.Compute();
            Assert.Equal(0.0, r.Mean);
            Assert.True(double.IsNaN(r.PerClass[0]));
        }

        [Fact]
        public void OutOfRangeClassesAreRejected()
        {
            var map = new MeanAveragePrecision(2);
            Assert.Contains("Detection 0", Assert.Throws<ArgumentException>(() => map.Add(new[] { Box(0, 0, 2) }, ReadOnlySpan<BoundingBox>.Empty)).Message);
            Assert.Contains("Ground truth 0", Assert.Throws<ArgumentException>(() => map.Add(ReadOnlySpan<BoundingBox>.Empty, new[] { Box(0, 0, 5) })).Message);
            Assert.Throws<ArgumentOutOfRangeException>(() => new MeanAveragePrecision(0));
            Assert.Throws<ArgumentOutOfRangeException>(() => new MeanAveragePrecision(2, 0));
        }
    }
}
