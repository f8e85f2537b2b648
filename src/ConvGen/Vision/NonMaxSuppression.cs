using System;
using System.Buffers;

namespace ConvGen.Vision
{
    /// <summary>
    /// Greedy, class-aware non-maximum suppression. Boxes below the score threshold are dropped; the rest are visited by
    /// score, highest first, ties by index (lowest first), so the result does not depend on the sort algorithm. A box is
    /// suppressed when its IoU with an already kept box of the same class is strictly greater than the IoU threshold
    /// (as torchvision's <c>nms</c>); boxes of different classes never suppress each other.
    /// </summary>
    public static class NonMaxSuppression
    {
        /// <summary>
        /// Writes the indices of the kept boxes into <paramref name="keptIndices"/> in visiting order (score descending,
        /// then index ascending) and returns how many there are. Allocates nothing for up to 256 boxes (pooled above).
        /// </summary>
        public static int Apply(ReadOnlySpan<BoundingBox> boxes, float scoreThreshold, float iouThreshold, Span<int> keptIndices)
        {
            if (float.IsNaN(scoreThreshold))
                throw new ArgumentException("The score threshold is NaN.", nameof(scoreThreshold));
            if (!(iouThreshold >= 0f && iouThreshold <= 1f))
                throw new ArgumentOutOfRangeException(nameof(iouThreshold), iouThreshold, "The IoU threshold must be in [0, 1].");

            ScoredIndex[]? rented = null;
            Span<ScoredIndex> order = boxes.Length <= 256
                ? stackalloc ScoredIndex[boxes.Length]
                : (rented = ArrayPool<ScoredIndex>.Shared.Rent(boxes.Length)).AsSpan(0, boxes.Length);
            try
            {
                int candidates = 0;
                for (int i = 0; i < boxes.Length; i++)
                {
                    if (boxes[i].Score >= scoreThreshold)
                        order[candidates++] = new ScoredIndex(boxes[i].Score, i);
                }
                order = order.Slice(0, candidates);
                // The key (score desc, index asc) is total, so the unstable sort still gives one order.
                order.Sort();

                int kept = 0;
                foreach (ScoredIndex candidate in order)
                {
                    int i = candidate.Index;
                    bool suppressed = false;
                    for (int k = 0; k < kept; k++)
                    {
                        ref readonly BoundingBox other = ref boxes[keptIndices[k]];
                        if (other.ClassId == boxes[i].ClassId && BoundingBox.IntersectionOverUnion(other, boxes[i]) > iouThreshold)
                        {
                            suppressed = true;
                            break;
                        }
                    }
                    if (suppressed)
                        continue;
                    if (kept == keptIndices.Length)
                        throw new ArgumentException($"keptIndices holds {keptIndices.Length} indices but more boxes survive; pass a span as long as the boxes ({boxes.Length}).", nameof(keptIndices));
                    keptIndices[kept++] = i;
                }
                return kept;
            }
            finally
            {
                if (rented != null)
                    ArrayPool<ScoredIndex>.Shared.Return(rented);
            }
        }

        /// <summary>Convenience: the kept boxes themselves, in visiting order.</summary>
        public static BoundingBox[] Apply(ReadOnlySpan<BoundingBox> boxes, float scoreThreshold, float iouThreshold)
        {
            int[] kept = new int[boxes.Length];
            int count = Apply(boxes, scoreThreshold, iouThreshold, kept);
            var result = new BoundingBox[count];
            for (int k = 0; k < count; k++)
                result[k] = boxes[kept[k]];
            return result;
        }

        private readonly struct ScoredIndex(float score, int index) : IComparable<ScoredIndex>
        {
            public float Score { get; } = score;

            public int Index { get; } = index;

            public int CompareTo(ScoredIndex other)
            {
                int byScore = other.Score.CompareTo(Score);
                return byScore != 0 ? byScore : Index.CompareTo(other.Index);
            }
        }
    }
}
