using System;
using System.Collections.Generic;

namespace ConvGen.Vision
{
    /// <summary>
    /// Accumulates a confusion matrix over pixels (rows: true class, columns: predicted class) and derives pixel
    /// accuracy, IoU per class = TP / (TP + FP + FN) and mean IoU. A class that is neither present nor predicted has
    /// IoU NaN and is left out of the mean (as in Keras' MeanIoU).
    /// </summary>
    public sealed class SegmentationMetrics
    {
        private readonly long[] _confusion;

        /// <summary>Makes an empty accumulator (class ids 0 .. classes-1; background is a class).</summary>
        public SegmentationMetrics(int classes)
        {
            if (classes <= 0)
                throw new ArgumentOutOfRangeException(nameof(classes), classes, "At least one class is needed.");
            Classes = classes;
            _confusion = new long[classes * classes];
        }

        /// <summary>Number of classes.</summary>
        public int Classes { get; }

        /// <summary>Pixels added so far.</summary>
        public long PixelCount { get; private set; }

        /// <summary>Pixels of true class <paramref name="truth"/> predicted as <paramref name="predicted"/>.</summary>
        public long this[int truth, int predicted] => _confusion[CheckClass(truth, nameof(truth)) * Classes + CheckClass(predicted, nameof(predicted))];

        /// <summary>Adds class labels, one per pixel.</summary>
        public void Add(ReadOnlySpan<int> truth, ReadOnlySpan<int> predicted)
        {
            if (truth.Length != predicted.Length)
                throw new ArgumentException($"truth has {truth.Length} pixels but predicted has {predicted.Length}.", nameof(predicted));
            for (int i = 0; i < truth.Length; i++)
            {
                if ((uint)truth[i] >= (uint)Classes)
                    throw new ArgumentException($"truth[{i}] is {truth[i]}; classes are 0..{Classes - 1}.", nameof(truth));
                if ((uint)predicted[i] >= (uint)Classes)
                    throw new ArgumentException($"predicted[{i}] is {predicted[i]}; classes are 0..{Classes - 1}.", nameof(predicted));
                _confusion[truth[i] * Classes + predicted[i]]++;
            }
            PixelCount += truth.Length;
        }

        /// <summary>Adds per-pixel scores <c>[pixels, Classes]</c> (probabilities or logits); the prediction is the argmax, lowest class on ties.</summary>
        public void AddScores(ReadOnlySpan<int> truth, ReadOnlySpan<float> scores)
        {
            if (scores.Length != truth.Length * Classes)
                throw new ArgumentException($"scores has {scores.Length} floats; {truth.Length} pixels x {Classes} classes need {truth.Length * Classes}.", nameof(scores));
            for (int i = 0; i < truth.Length; i++)
            {
                if ((uint)truth[i] >= (uint)Classes)
                    throw new ArgumentException($"truth[{i}] is {truth[i]}; classes are 0..{Classes - 1}.", nameof(truth));
                _confusion[truth[i] * Classes + ArgMax(scores.Slice(i * Classes, Classes))]++;
            }
            PixelCount += truth.Length;
        }

        /// <summary>The argmax of one pixel's scores (lowest index on ties; NaN never wins).</summary>
        public static int ArgMax(ReadOnlySpan<float> scores)
        {
            int best = 0;
            for (int k = 1; k < scores.Length; k++)
            {
                if (scores[k] > scores[best] || float.IsNaN(scores[best]))
                    best = k;
            }
            return best;
        }

        /// <summary>Correct pixels / all pixels (NaN before any pixel).</summary>
        public double PixelAccuracy
        {
            get
            {
                long correct = 0;
                for (int c = 0; c < Classes; c++)
                    correct += _confusion[c * Classes + c];
                return PixelCount == 0 ? double.NaN : (double)correct / PixelCount;
            }
        }

        /// <summary>IoU of one class: TP / (TP + FP + FN), NaN when the class is neither present nor predicted.</summary>
        public double IntersectionOverUnion(int classId)
        {
            CheckClass(classId, nameof(classId));
            long tp = _confusion[classId * Classes + classId];
            long truthTotal = 0, predictedTotal = 0;
            for (int k = 0; k < Classes; k++)
            {
                truthTotal += _confusion[classId * Classes + k];
                predictedTotal += _confusion[k * Classes + classId];
            }
            long union = truthTotal + predictedTotal - tp;
            return union == 0 ? double.NaN : (double)tp / union;
        }

        /// <summary>IoU for every class.</summary>
        public IReadOnlyList<double> IntersectionOverUnionPerClass()
        {
            var result = new double[Classes];
            for (int c = 0; c < Classes; c++)
                result[c] = IntersectionOverUnion(c);
            return result;
        }

        /// <summary>Mean of the defined per-class IoUs (NaN if none is defined).</summary>
        public double MeanIntersectionOverUnion
        {
            get
            {
                double sum = 0;
                int count = 0;
                for (int c = 0; c < Classes; c++)
                {
                    double iou = IntersectionOverUnion(c);
                    if (!double.IsNaN(iou))
                    {
                        sum += iou;
                        count++;
                    }
                }
                return count == 0 ? double.NaN : sum / count;
            }
        }

        /// <summary>Forgets everything added.</summary>
        public void Reset()
        {
            Array.Clear(_confusion);
            PixelCount = 0;
        }

        private int CheckClass(int classId, string name) =>
            (uint)classId < (uint)Classes ? classId : throw new ArgumentOutOfRangeException(name, classId, $"Classes are 0..{Classes - 1}.");
    }
}
