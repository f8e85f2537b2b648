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

        /// <summary>
        /// As <see cref="Evaluate"/>, but each image is predicted 8 times, turned by 0, 90, 180 and 270 degrees, unmirrored
        /// and mirrored, and the class scores of a pixel are averaged over the 8 predictions (each mapped back to the
        /// pixel it came from) before the argmax: test-time augmentation, 8 times the inference cost. Fits data whose
        /// classes do not change when a picture is turned or mirrored, as here.
        /// </summary>
        public static (SegmentationMetrics Metrics, int[] Predicted) EvaluateWithSymmetries(IConvNet network, SegmentationSet set, int count = -1)
        {
            ArgumentNullException.ThrowIfNull(network);
            ArgumentNullException.ThrowIfNull(set);
            if (network.InputLength != SegmentationSet.ImageLength || network.OutputLength != SegmentationSet.MaskLength * SegmentationSet.Classes)
                throw new ArgumentException($"The network must map [64, 64, 3] to [64, 64, {SegmentationSet.Classes}].", nameof(network));
            count = count < 0 ? set.Count : Math.Min(count, set.Count);
            const int Side = SegmentationSet.Width, Classes = SegmentationSet.Classes;

            var metrics = new SegmentationMetrics(Classes);
            var predicted = new int[count * SegmentationSet.MaskLength];
            var turned = new float[SegmentationSet.ImageLength];
            var scores = new float[network.OutputLength];
            var sum = new float[network.OutputLength];
            var source = new int[SegmentationSet.MaskLength];
            for (int i = 0; i < count; i++)
            {
                ReadOnlySpan<float> image = set.Image(i);
                Array.Clear(sum);
                for (int symmetry = 0; symmetry < 8; symmetry++)
                {
                    SymmetrySource(symmetry, Side, source);
                    for (int p = 0; p < source.Length; p++)
                        image.Slice(source[p] * 3, 3).CopyTo(turned.AsSpan(p * 3, 3));
                    network.Run(turned, scores);
                    for (int p = 0; p < source.Length; p++)
                    {
                        for (int c = 0; c < Classes; c++)
                            sum[source[p] * Classes + c] += scores[p * Classes + c];
                    }
                }
                Span<int> mask = predicted.AsSpan(i * SegmentationSet.MaskLength, SegmentationSet.MaskLength);
                for (int p = 0; p < mask.Length; p++)
                    mask[p] = SegmentationMetrics.ArgMax(sum.AsSpan(p * Classes, Classes));
                metrics.Add(set.Mask(i), mask);
            }
            return (metrics, predicted);
        }

        /// <summary>
        /// For symmetry <paramref name="symmetry"/> (0 to 7) of a <paramref name="side"/> x <paramref name="side"/> grid:
        /// <paramref name="source"/>[y * side + x] = the pixel of the original that lands at (y, x). Symmetry 0 is the
        /// identity; bit 2 mirrors left-right, the low two bits turn by that many quarter turns (after the mirror).
        /// </summary>
        public static void SymmetrySource(int symmetry, int side, Span<int> source)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(symmetry);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(symmetry, 7);
            if (source.Length != side * side)
                throw new ArgumentException($"The map needs {side * side} entries.", nameof(source));
            for (int y = 0; y < side; y++)
            {
                for (int x = 0; x < side; x++)
                {
                    int yy = y, xx = (symmetry & 4) != 0 ? side - 1 - x : x;
                    for (int k = 0; k < (symmetry & 3); k++)
                        (yy, xx) = (xx, side - 1 - yy);
                    source[y * side + x] = yy * side + xx;
                }
            }
        }
    }
}
