using System;
using System.Collections.Generic;
using System.Linq;
using ConvGen.Reference;
using ConvGen.Samples.Vision.Data;
using ConvGen.Samples.Vision.Evaluation;
using ConvGen.Vision;

namespace ConvGen.Tests.Vision
{
    public class EvaluationTests
    {
        private static readonly GridLayout Head = new(64, 64, 8, 8, 3, new AnchorSize(16, 16));

        /// <summary>A stand-in network that returns prepared outputs in order (the evaluators run images in order).</summary>
        private sealed class ReplayNet(int inputLength, int outputLength, IReadOnlyList<float[]> outputs) : IConvNet
        {
            private int _next;

            public NetworkSpec Specification => throw new NotSupportedException();

            public int InputLength => inputLength;

            public int OutputLength => outputLength;

            public void Run(ReadOnlySpan<float> input, Span<float> output) => outputs[_next++].CopyTo(output);
        }

        [Fact]
        public void UntrainedSegmenterIsScoredOnItsOwnArgmax()
        {
            SegmentationSet set = SegmentationSet.Generate(3, 5);
            float[] parameters = ConvGen.Training.Initializers.Keras(TinySegmenter.Network, seed: 1);
            (SegmentationMetrics metrics, int[] predicted) = SegmentationEvaluation.Evaluate(new TinySegmenter(parameters), set);

            Assert.Equal(3 * 4096, metrics.PixelCount);
            // The oracle: the interpreter's scores, argmax per pixel.
            var interpreter = new ReferenceInterpreter(TinySegmenter.Network, parameters);
            float[] scores = interpreter.Run(set.Image(2).ToArray());
            int agree = 0;
            for (int p = 0; p < 4096; p++)
            {
                int best = 0;
                for (int k = 1; k < 5; k++)
                {
                    if (scores[p * 5 + k] > scores[p * 5 + best])
                        best = k;
                }
                agree += best == predicted[2 * 4096 + p] ? 1 : 0;
            }
            Assert.True(agree >= 4090, $"{agree} of 4096 pixels agree with the interpreter (near-ties may differ)");
            Assert.InRange(metrics.MeanIntersectionOverUnion, 0.0, 1.0);
        }

        [Fact]
        public void PerfectSegmentationScoresOne()
        {
            SegmentationSet set = SegmentationSet.Generate(2, 9);
            var outputs = new List<float[]>();
            for (int i = 0; i < set.Count; i++)
            {
                var oneHot = new float[4096 * 5];
                ReadOnlySpan<int> mask = set.Mask(i);
                for (int p = 0; p < mask.Length; p++)
                    oneHot[p * 5 + mask[p]] = 1f;
                outputs.Add(oneHot);
            }
            (SegmentationMetrics metrics, int[] predicted) = SegmentationEvaluation.Evaluate(new ReplayNet(64 * 64 * 3, 4096 * 5, outputs), set);
            Assert.Equal(1.0, metrics.MeanIntersectionOverUnion);
            Assert.Equal(set.Masks, predicted);
        }

        [Fact]
        public void SymmetriesAreTheEightTurnsAndMirrorsOfTheSquare()
        {
            // Pixels of a 2x2 grid: 0 (0,0), 1 (0,1), 2 (1,0), 3 (1,1); source[p] is the original pixel shown at p.
            var source = new int[4];
            SegmentationEvaluation.SymmetrySource(0, 2, source);
            Assert.Equal(new[] { 0, 1, 2, 3 }, source);
            SegmentationEvaluation.SymmetrySource(1, 2, source); // a quarter turn: the top row shows the right column
            Assert.Equal(new[] { 1, 3, 0, 2 }, source);
            SegmentationEvaluation.SymmetrySource(2, 2, source); // a half turn
            Assert.Equal(new[] { 3, 2, 1, 0 }, source);
            SegmentationEvaluation.SymmetrySource(4, 2, source); // mirrored left-right
            Assert.Equal(new[] { 1, 0, 3, 2 }, source);

            // On a 3x3 grid all 8 are permutations, all different.
            var seen = new HashSet<string>();
            var map = new int[9];
            for (int s = 0; s < 8; s++)
            {
                SegmentationEvaluation.SymmetrySource(s, 3, map);
                Assert.Equal(new[] { 0, 1, 2, 3, 4, 5, 6, 7, 8 }, map.Order());
                Assert.True(seen.Add(string.Join(",", map)), $"symmetry {s} repeats another");
            }
            Assert.Throws<ArgumentOutOfRangeException>(() => SegmentationEvaluation.SymmetrySource(8, 2, source));
        }

        /// <summary>
        /// A stand-in network that knows the true masks: it finds which symmetry of which image it is given, and answers
        /// the truth in that symmetry's frame for the symmetries in <paramref name="right"/> and class 0 everywhere else.
        /// </summary>
        private sealed class MaskOracle(SegmentationSet set, Func<int, bool> right) : IConvNet
        {
            public NetworkSpec Specification => throw new NotSupportedException();

            public int InputLength => SegmentationSet.ImageLength;

            public int OutputLength => SegmentationSet.MaskLength * 5;

            public void Run(ReadOnlySpan<float> input, Span<float> output)
            {
                var source = new int[SegmentationSet.MaskLength];
                for (int i = 0; i < set.Count; i++)
                {
                    for (int s = 0; s < 8; s++)
                    {
                        SegmentationEvaluation.SymmetrySource(s, 64, source);
                        bool match = true;
                        for (int p = 0; p < source.Length && match; p++)
                            match = input.Slice(p * 3, 3).SequenceEqual(set.Image(i).Slice(source[p] * 3, 3));
                        if (!match)
                            continue;
                        output.Clear();
                        for (int p = 0; p < source.Length; p++)
                            output[p * 5 + (right(s) ? set.Mask(i)[source[p]] : 0)] = 1f;
                        return;
                    }
                }
                throw new InvalidOperationException("The input is no symmetry of any image of the set.");
            }
        }

        [Fact]
        public void SymmetryAveragingMapsEveryPredictionBackAndVotes()
        {
            SegmentationSet set = SegmentationSet.Generate(2, 9);
            // Right in every frame: perfect only if every prediction is mapped back to the pixel it came from.
            (SegmentationMetrics all, int[] predicted) = SegmentationEvaluation.EvaluateWithSymmetries(new MaskOracle(set, _ => true), set);
            Assert.Equal(1.0, all.MeanIntersectionOverUnion);
            Assert.Equal(set.Masks, predicted);

            // Right in 5 of the 8 frames (one of them the original): the average outvotes the 3 wrong ones...
            Assert.Equal(1.0, SegmentationEvaluation.EvaluateWithSymmetries(new MaskOracle(set, s => s is 0 or 1 or 3 or 5 or 6), set).Metrics.MeanIntersectionOverUnion);
            Assert.Equal(1.0, SegmentationEvaluation.Evaluate(new MaskOracle(set, s => s == 0), set).Metrics.MeanIntersectionOverUnion);
            // ...and in only 3 it is outvoted: everything becomes background.
            (SegmentationMetrics few, int[] background) = SegmentationEvaluation.EvaluateWithSymmetries(new MaskOracle(set, s => s is 0 or 2 or 7), set);
            Assert.All(background, c => Assert.Equal(0, c));
            Assert.True(few.MeanIntersectionOverUnion < 0.3, $"mean IoU {few.MeanIntersectionOverUnion:F3}");
        }

        [Fact]
        public void UntrainedDetectorGivesValidBoxes()
        {
            DetectionSet set = DetectionSet.Generate(4, 5);
            float[] parameters = ConvGen.Training.Initializers.Keras(TinyDetector.Network, seed: 2);
            (MeanAveragePrecisionResult map, BoundingBox[][] predicted) = DetectionEvaluation.Evaluate(new TinyDetector(parameters), Head, set, scoreThreshold: 0.01f);
            Assert.Equal(4, predicted.Length);
            Assert.InRange(map.Mean, 0.0, 1.0);
            foreach (BoundingBox[] boxes in predicted)
            {
                for (int i = 0; i < boxes.Length; i++)
                {
                    Assert.InRange(boxes[i].XMax, boxes[i].XMin, 64f);
                    Assert.InRange(boxes[i].ClassId, 0, 2);
                    Assert.True(boxes[i].Score >= 0.01f);
                    if (i > 0)
                        Assert.True(boxes[i].Score <= boxes[i - 1].Score, "NMS output is in score order");
                }
            }
        }

        [Fact]
        public void HeadOutputsMadeFromTheEncodedTruthScoreMapOne()
        {
            // Data -> GridEncoder -> logits -> GridDecoder -> NMS -> mAP: every box comes back, so mAP is exactly 1.
            DetectionSet set = DetectionSet.Generate(12, 11);
            (float[] targets, float[] masks) = set.Encode(Head);
            var outputs = new List<float[]>();
            for (int i = 0; i < set.Count; i++)
            {
                var logits = new float[Head.OutputLength];
                for (int m = 0; m < Head.MaskLength; m++)
                {
                    int o = m * 8, t = i * Head.OutputLength + o;
                    logits[o] = masks[i * Head.MaskLength + m] == 1f ? 12f : -12f;
                    logits[o + 1] = Logit(targets[t + 1]);
                    logits[o + 2] = Logit(targets[t + 2]);
                    logits[o + 3] = targets[t + 3];
                    logits[o + 4] = targets[t + 4];
                    for (int k = 0; k < 3; k++)
                        logits[o + 5 + k] = 12f * targets[t + 5 + k];
                }
                outputs.Add(logits);
            }
            (MeanAveragePrecisionResult map, BoundingBox[][] predicted) = DetectionEvaluation.Evaluate(new ReplayNet(64 * 64 * 3, Head.OutputLength, outputs), Head, set);
            Assert.Equal(1.0, map.Mean, 12);
            for (int i = 0; i < set.Count; i++)
                Assert.Equal(set.Boxes[i].Length, predicted[i].Length);
        }

        [Fact]
        public void MismatchedNetworksAreRejected()
        {
            var wrong = new ReplayNet(64 * 64 * 3, 10, Array.Empty<float[]>());
            Assert.Contains("[64, 64, 5]", Assert.Throws<ArgumentException>(() => SegmentationEvaluation.Evaluate(wrong, SegmentationSet.Generate(1, 1))).Message);
            Assert.Contains("[8, 8, 8]", Assert.Throws<ArgumentException>(() => DetectionEvaluation.Evaluate(wrong, Head, DetectionSet.Generate(1, 1))).Message);
        }

        [Fact]
        public void KerasInitializersOnTheDetectorHead()
        {
            float[] p = ConvGen.Training.Initializers.Keras(TinyDetector.Network, seed: 3);
            // Kernel [3, 3, 3, 8]: limit sqrt(6 / (27 + 72)); then BN gamma 1, beta 0, mean 0, variance 1 (8 each);
            // head kernel [1, 1, 8, 8]: limit sqrt(6 / 16); head bias 0.
            float limit = MathF.Sqrt(6f / 99f);
            Assert.All(p[..216], v => Assert.InRange(v, -limit, limit));
            Assert.Equal(Fill(8, 1f), p[216..224]);
            Assert.Equal(Fill(16, 0f), p[224..240]);
            Assert.Equal(Fill(8, 1f), p[240..248]);
            float headLimit = MathF.Sqrt(6f / 16f);
            Assert.All(p[248..312], v => Assert.InRange(v, -headLimit, headLimit));
            Assert.Equal(Fill(8, 0f), p[312..]);
            Assert.Equal(p, ConvGen.Training.Initializers.Keras(TinyDetector.Network, seed: 3));
        }

        private static float[] Fill(int n, float v)
        {
            var a = new float[n];
            a.AsSpan().Fill(v);
            return a;
        }

        private static float Logit(float p)
        {
            p = Math.Clamp(p, 1e-4f, 1f - 1e-4f);
            return MathF.Log(p / (1 - p));
        }
    }
}
