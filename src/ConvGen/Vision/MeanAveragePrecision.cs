using System;
using System.Collections.Generic;

namespace ConvGen.Vision
{
    /// <summary>
    /// Mean average precision over images, PASCAL VOC style (2010+: all-point interpolation) at one IoU threshold
    /// (0.5 by default). Add each image's detections and ground truths, then call <see cref="Compute"/>.
    /// <list type="bullet">
    /// <item>Per image and class, detections are matched greedily in score order (ties: lower index first): each takes the
    /// unmatched ground truth of its class with the highest IoU (ties: lower index) if that IoU is at least the threshold
    /// (a true positive); otherwise it is a false positive. Each ground truth is matched at most once.</item>
    /// <item>Per class, all detections are ranked by score (ties: earlier image, then earlier in that image's order), giving
    /// the precision/recall curve; precision is made monotone from the right and AP = sum over recall steps of
    /// (r_i - r_(i-1)) * p_interp(r_i).</item>
    /// <item>A class with ground truth but no detection has AP 0; a class without ground truth has AP NaN and is left out
    /// of the mean (its detections are all false positives but change no AP). The mean is NaN if no class has ground truth.</item>
    /// </list>
    /// </summary>
    public sealed class MeanAveragePrecision
    {
        private readonly List<Ranked>[] _detections;
        private readonly int[] _groundTruthCounts;
        private int _images;

        /// <summary>Makes an empty accumulator for <paramref name="classes"/> classes.</summary>
        public MeanAveragePrecision(int classes, double iouThreshold = 0.5)
        {
            if (classes <= 0)
                throw new ArgumentOutOfRangeException(nameof(classes), classes, "At least one class is needed.");
            if (!(iouThreshold > 0 && iouThreshold <= 1))
                throw new ArgumentOutOfRangeException(nameof(iouThreshold), iouThreshold, "The IoU threshold must be in (0, 1].");
            Classes = classes;
            IouThreshold = iouThreshold;
            _detections = new List<Ranked>[classes];
            for (int c = 0; c < classes; c++)
                _detections[c] = new List<Ranked>();
            _groundTruthCounts = new int[classes];
        }

        /// <summary>Number of classes.</summary>
        public int Classes { get; }

        /// <summary>The IoU at or above which a detection matches a ground truth.</summary>
        public double IouThreshold { get; }

        /// <summary>Images added so far.</summary>
        public int ImageCount => _images;

        /// <summary>Adds one image. Scores of ground truths are ignored.</summary>
        public void Add(ReadOnlySpan<BoundingBox> detections, ReadOnlySpan<BoundingBox> groundTruths)
        {
            for (int i = 0; i < groundTruths.Length; i++)
            {
                if (groundTruths[i].ClassId >= Classes)
                    throw new ArgumentException($"Ground truth {i} has class {groundTruths[i].ClassId}; there are {Classes} classes.", nameof(groundTruths));
            }
            for (int i = 0; i < detections.Length; i++)
            {
                if (detections[i].ClassId >= Classes)
                    throw new ArgumentException($"Detection {i} has class {detections[i].ClassId}; there are {Classes} classes.", nameof(detections));
            }

            int image = _images++;
            foreach (BoundingBox truth in groundTruths)
                _groundTruthCounts[truth.ClassId]++;

            // Score order within the image (ties by index): the order the greedy matching visits.
            var order = new int[detections.Length];
            for (int i = 0; i < order.Length; i++)
                order[i] = i;
            BoundingBox[] copy = detections.ToArray();
            Array.Sort(order, (a, b) =>
            {
                int byScore = copy[b].Score.CompareTo(copy[a].Score);
                return byScore != 0 ? byScore : a.CompareTo(b);
            });

            var matched = new bool[groundTruths.Length];
            for (int rank = 0; rank < order.Length; rank++)
            {
                BoundingBox detection = copy[order[rank]];
                int best = -1;
                double bestIou = -1;
                for (int g = 0; g < groundTruths.Length; g++)
                {
                    if (matched[g] || groundTruths[g].ClassId != detection.ClassId)
                        continue;
                    double iou = BoundingBox.IntersectionOverUnion(detection, groundTruths[g]);
                    if (iou > bestIou)
                    {
                        best = g;
                        bestIou = iou;
                    }
                }
                bool truePositive = best >= 0 && bestIou >= IouThreshold;
                if (truePositive)
                    matched[best] = true;
                _detections[detection.ClassId].Add(new Ranked(detection.Score, image, rank, truePositive));
            }
        }

        /// <summary>AP per class and their mean over the classes that have ground truth.</summary>
        public MeanAveragePrecisionResult Compute()
        {
            var perClass = new double[Classes];
            double sum = 0;
            int counted = 0;
            for (int c = 0; c < Classes; c++)
            {
                perClass[c] = AveragePrecision(c);
                if (!double.IsNaN(perClass[c]))
                {
                    sum += perClass[c];
                    counted++;
                }
            }
            return new MeanAveragePrecisionResult(counted == 0 ? double.NaN : sum / counted, perClass, (int[])_groundTruthCounts.Clone());
        }

        private double AveragePrecision(int classId)
        {
            int positives = _groundTruthCounts[classId];
            if (positives == 0)
                return double.NaN;
            List<Ranked> ranked = _detections[classId];
            if (ranked.Count == 0)
                return 0;
            Ranked[] sorted = ranked.ToArray();
            Array.Sort(sorted);

            // Recall and precision after each detection, then the all-point interpolated area.
            int n = sorted.Length;
            var recall = new double[n];
            var precision = new double[n];
            int tp = 0;
            for (int i = 0; i < n; i++)
            {
                if (sorted[i].TruePositive)
                    tp++;
                recall[i] = (double)tp / positives;
                precision[i] = (double)tp / (i + 1);
            }
            for (int i = n - 2; i >= 0; i--)
                precision[i] = Math.Max(precision[i], precision[i + 1]);
            double ap = 0, previousRecall = 0;
            for (int i = 0; i < n; i++)
            {
                ap += (recall[i] - previousRecall) * precision[i];
                previousRecall = recall[i];
            }
            return ap;
        }

        private readonly record struct Ranked(float Score, int Image, int Rank, bool TruePositive) : IComparable<Ranked>
        {
            public int CompareTo(Ranked other)
            {
                int c = other.Score.CompareTo(Score);
                if (c != 0)
                    return c;
                c = Image.CompareTo(other.Image);
                return c != 0 ? c : Rank.CompareTo(other.Rank);
            }
        }
    }
}
