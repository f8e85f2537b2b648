using System;

namespace ConvGen.Vision
{
    /// <summary>
    /// An axis-aligned box in pixel coordinates with a class and a score. Coordinates are continuous: pixel (x, y)
    /// covers [x, x+1) x [y, y+1), so a box covering pixels 2..5 inclusive is XMin 2, XMax 6, and its area is
    /// (XMax - XMin) * (YMax - YMin) (no VOC "+1").
    /// </summary>
    public readonly record struct BoundingBox
    {
        /// <summary>Makes a box; throws when a coordinate or the score is NaN or infinite, a maximum is below its minimum, or the class is negative.</summary>
        public BoundingBox(float xMin, float yMin, float xMax, float yMax, int classId, float score = 1f)
        {
            if (!float.IsFinite(xMin) || !float.IsFinite(yMin) || !float.IsFinite(xMax) || !float.IsFinite(yMax))
                throw new ArgumentException($"Box coordinates must be finite; got ({xMin}, {yMin}, {xMax}, {yMax}).");
            if (xMax < xMin)
                throw new ArgumentException($"Box xMax ({xMax}) is less than xMin ({xMin}).", nameof(xMax));
            if (yMax < yMin)
                throw new ArgumentException($"Box yMax ({yMax}) is less than yMin ({yMin}).", nameof(yMax));
            if (classId < 0)
                throw new ArgumentOutOfRangeException(nameof(classId), classId, "Class ids start at 0.");
            if (!float.IsFinite(score))
                throw new ArgumentException($"Box score must be finite; got {score}.", nameof(score));
            XMin = xMin;
            YMin = yMin;
            XMax = xMax;
            YMax = yMax;
            ClassId = classId;
            Score = score;
        }

        /// <summary>Left edge, pixels.</summary>
        public float XMin { get; }

        /// <summary>Top edge, pixels.</summary>
        public float YMin { get; }

        /// <summary>Right edge (exclusive), pixels.</summary>
        public float XMax { get; }

        /// <summary>Bottom edge (exclusive), pixels.</summary>
        public float YMax { get; }

        /// <summary>Class index, from 0.</summary>
        public int ClassId { get; }

        /// <summary>Confidence (1 for ground truth).</summary>
        public float Score { get; }

        /// <summary>XMax - XMin.</summary>
        public float Width => XMax - XMin;

        /// <summary>YMax - YMin.</summary>
        public float Height => YMax - YMin;

        /// <summary>Width * Height (0 for a degenerate box).</summary>
        public float Area => Width * Height;

        /// <summary>Horizontal center.</summary>
        public float CenterX => 0.5f * (XMin + XMax);

        /// <summary>Vertical center.</summary>
        public float CenterY => 0.5f * (YMin + YMax);

        /// <summary>A box from its center and size.</summary>
        public static BoundingBox FromCenter(float centerX, float centerY, float width, float height, int classId, float score = 1f) =>
            new(centerX - 0.5f * width, centerY - 0.5f * height, centerX + 0.5f * width, centerY + 0.5f * height, classId, score);

        /// <summary>
        /// Intersection over union, in double so that ties compare exactly. Boxes that only touch have IoU 0; when the
        /// union is empty (two zero-area boxes) the IoU is defined as 0.
        /// </summary>
        public static double IntersectionOverUnion(in BoundingBox a, in BoundingBox b)
        {
            double iw = Math.Min((double)a.XMax, b.XMax) - Math.Max((double)a.XMin, b.XMin);
            double ih = Math.Min((double)a.YMax, b.YMax) - Math.Max((double)a.YMin, b.YMin);
            double intersection = iw > 0 && ih > 0 ? iw * ih : 0;
            double union = ((double)a.XMax - a.XMin) * ((double)a.YMax - a.YMin) + ((double)b.XMax - b.XMin) * ((double)b.YMax - b.YMin) - intersection;
            return union > 0 ? intersection / union : 0;
        }

        /// <summary>The same box with another score.</summary>
        public BoundingBox WithScore(float score) => new(XMin, YMin, XMax, YMax, ClassId, score);
    }
}
