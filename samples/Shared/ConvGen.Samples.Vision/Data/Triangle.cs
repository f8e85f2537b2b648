using System;

namespace ConvGen.Samples.Vision.Data
{
    /// <summary>A filled triangle (either winding).</summary>
    public sealed class Triangle(float x0, float y0, float x1, float y1, float x2, float y2) : Shape
    {
        /// <inheritdoc/>
        public override bool Contains(float x, float y)
        {
            float d0 = Cross(x0, y0, x1, y1, x, y), d1 = Cross(x1, y1, x2, y2, x, y), d2 = Cross(x2, y2, x0, y0, x, y);
            bool negative = d0 < 0 || d1 < 0 || d2 < 0, positive = d0 > 0 || d1 > 0 || d2 > 0;
            return !(negative && positive);
        }

        /// <inheritdoc/>
        public override (float XMin, float YMin, float XMax, float YMax) Extent =>
            (MathF.Min(x0, MathF.Min(x1, x2)), MathF.Min(y0, MathF.Min(y1, y2)), MathF.Max(x0, MathF.Max(x1, x2)), MathF.Max(y0, MathF.Max(y1, y2)));

        private static float Cross(float ax, float ay, float bx, float by, float px, float py) => (bx - ax) * (py - ay) - (by - ay) * (px - ax);
    }
}
