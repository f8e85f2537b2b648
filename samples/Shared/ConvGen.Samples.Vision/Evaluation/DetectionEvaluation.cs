using System;
using ConvGen.Samples.Vision.Data;
using ConvGen.Vision;

namespace ConvGen.Samples.Vision.Evaluation
{
    /// <summary>Runs a detection network (a <see cref="GridLayout"/> head) over a data set: decode, NMS, mAP@0.5.</summary>
    public static class DetectionEvaluation
    {
        /// <summary>
        /// Predicts the first <paramref name="count"/> images (or all), keeps boxes scoring at least
        /// <paramref name="scoreThreshold"/> that survive class-aware NMS at <paramref name="nmsIou"/>, and scores them.
        /// </summary>
        public static (MeanAveragePrecisionResult Map, BoundingBox[][] Predicted) Evaluate(IConvNet network, GridLayout layout, DetectionSet set, float scoreThreshold = 0.05f, float nmsIou = 0.45f, int count = -1)
        {
            ArgumentNullException.ThrowIfNull(network);
            ArgumentNullException.ThrowIfNull(layout);
            ArgumentNullException.ThrowIfNull(set);
            if (network.InputLength != DetectionSet.ImageLength)
                throw new ArgumentException($"The network takes {network.InputLength} floats; the images have {DetectionSet.ImageLength} (64x64x3).", nameof(network));
            if (network.OutputLength != layout.OutputLength)
                throw new ArgumentException($"The network gives {network.OutputLength} floats; the head layout [{layout.GridRows}, {layout.GridColumns}, {layout.Channels}] has {layout.OutputLength}.", nameof(network));
            count = count < 0 ? set.Count : Math.Min(count, set.Count);

            var decoder = new GridDecoder(layout);
            var map = new MeanAveragePrecision(layout.Classes);
            var predicted = new BoundingBox[count][];
            var output = new float[layout.OutputLength];
            var candidates = new BoundingBox[decoder.MaxBoxes];
            for (int i = 0; i < count; i++)
            {
                network.Run(set.Image(i), output);
                int n = decoder.Decode(output, scoreThreshold, candidates);
                predicted[i] = NonMaxSuppression.Apply(candidates.AsSpan(0, n), scoreThreshold, nmsIou);
                map.Add(predicted[i], set.Boxes[i]);
            }
            return (map.Compute(), predicted);
        }
    }
}
