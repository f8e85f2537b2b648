using System;
using ConvGen.Samples.Vision.Data;
using ConvGen.Vision;

namespace ConvGen.Samples.Vision.Evaluation
{
    /// <summary>Runs a segmentation network ([64, 64, 3] to [64, 64, 5] scores) over a data set and scores its argmax masks.</summary>
    public static class SegmentationEvaluation
    {
        /// <summary>
        /// Predicts every image of <paramref name="set"/> (the first <paramref name="count"/>, or all) and returns the
        /// metrics and the predicted masks ([count, 64, 64] class ids).
        /// </summary>
        public static (SegmentationMetrics Metrics, int[] Predicted) Evaluate(IConvNet network, SegmentationSet set, int count = -1)
        {
            ArgumentNullException.ThrowIfNull(network);
            ArgumentNullException.ThrowIfNull(set);
            if (network.InputLength != SegmentationSet.ImageLength)
                throw new ArgumentException($"The network takes {network.InputLength} floats; the images have {SegmentationSet.ImageLength} (64x64x3).", nameof(network));
            if (network.OutputLength != SegmentationSet.MaskLength * SegmentationSet.Classes)
                throw new ArgumentException($"The network gives {network.OutputLength} floats; [64, 64, {SegmentationSet.Classes}] has {SegmentationSet.MaskLength * SegmentationSet.Classes}.", nameof(network));
            count = count < 0 ? set.Count : Math.Min(count, set.Count);

            var metrics = new SegmentationMetrics(SegmentationSet.Classes);
            var predicted = new int[count * SegmentationSet.MaskLength];
            var scores = new float[network.OutputLength];
            for (int i = 0; i < count; i++)
            {
                network.Run(set.Image(i), scores);
                Span<int> mask = predicted.AsSpan(i * SegmentationSet.MaskLength, SegmentationSet.MaskLength);
                for (int p = 0; p < mask.Length; p++)
                    mask[p] = SegmentationMetrics.ArgMax(scores.AsSpan(p * SegmentationSet.Classes, SegmentationSet.Classes));
                metrics.Add(set.Mask(i), mask);
            }
            return (metrics, predicted);
        }
    }
}
