using System;

namespace ConvGen.Samples.Vision.Data
{
    /// <summary>A rotated ellipse, filled (disc) or with a hole of <c>innerRatio</c> times its radii (ring).</summary>
    public sealed class Ellipse(float centerX, float centerY, float radiusX, float radiusY, float angle = 0f, float innerRatio = 0f) : Shape
    {
        private readonly float _cos = MathF.Cos(angle), _sin = MathF.Sin(angle);

        /// <inheritdoc/>
        public override bool Contains(float x, float y)
        {
            float dx = x - centerX, dy = y - centerY;
            float u = (dx * _cos + dy * _sin) / radiusX, v = (-dx * _sin + dy * _cos) / radiusY;
            float r2 = u * u + v * v;
            return r2 <= 1f && r2 >= innerRatio * innerRatio;
        }

        /// <inheritdoc/>
        public override (float XMin, float YMin, float XMax, float YMax) Extent
        {
            get
            {
                float r = MathF.Max(radiusX, radiusY);
                return (centerX - r, centerY - r, centerX + r, centerY + r);
            }
        }
    }
}
