using System.Collections.Generic;

namespace ConvGen.Vision
{
    /// <summary>What <see cref="MeanAveragePrecision.Compute"/> returns.</summary>
    public sealed class MeanAveragePrecisionResult
    {
        internal MeanAveragePrecisionResult(double mean, double[] perClass, int[] groundTruthCounts)
        {
            Mean = mean;
            PerClass = perClass;
            GroundTruthCounts = groundTruthCounts;
        }

        /// <summary>mAP: the mean of the classes' AP over classes with ground truth (NaN if none has any).</summary>
        public double Mean { get; }

        /// <summary>AP per class, NaN for a class without ground truth.</summary>
        public IReadOnlyList<double> PerClass { get; }

        /// <summary>Ground-truth boxes per class.</summary>
        public IReadOnlyList<int> GroundTruthCounts { get; }
    }
}
