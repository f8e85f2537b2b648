using System;
using System.Collections.Generic;
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
