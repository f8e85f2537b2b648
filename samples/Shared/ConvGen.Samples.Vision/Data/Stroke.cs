using System;

namespace ConvGen.Samples.Vision.Data
{
    /// <summary>A straight line segment of the given half width (clutter).</summary>
    public sealed class Stroke(float x0, float y0, float x1, float y1, float halfWidth) : Shape
    {
        /// <inheritdoc/>
        public override bool Contains(float x, float y)
        {
            float vx = x1 - x0, vy = y1 - y0;
            float lengthSquared = vx * vx + vy * vy;
            float t = lengthSquared == 0 ? 0 : Math.Clamp(((x - x0) * vx + (y - y0) * vy) / lengthSquared, 0f, 1f);
            float dx = x - (x0 + t * vx), dy = y - (y0 + t * vy);
            return dx * dx + dy * dy <= halfWidth * halfWidth;
        }

        /// <inheritdoc/>
        public override (float XMin, float YMin, float XMax, float YMax) Extent =>
            (MathF.Min(x0, x1) - halfWidth, MathF.Min(y0, y1) - halfWidth, MathF.Max(x0, x1) + halfWidth, MathF.Max(y0, y1) + halfWidth);
    }
}
