using System;

namespace ConvGen.Samples.Vision.Data
{
    /// <summary>A rectangle of half sizes <c>halfWidth</c> x <c>halfHeight</c> turned by <c>angle</c> radians about its center.</summary>
    public sealed class RotatedRectangle(float centerX, float centerY, float halfWidth, float halfHeight, float angle = 0f) : Shape
    {
        private readonly float _cos = MathF.Cos(angle), _sin = MathF.Sin(angle);

        /// <inheritdoc/>
        public override bool Contains(float x, float y)
        {
            float dx = x - centerX, dy = y - centerY;
            return MathF.Abs(dx * _cos + dy * _sin) <= halfWidth && MathF.Abs(-dx * _sin + dy * _cos) <= halfHeight;
        }

        /// <inheritdoc/>
        public override (float XMin, float YMin, float XMax, float YMax) Extent
        {
            get
            {
                float ex = MathF.Abs(halfWidth * _cos) + MathF.Abs(halfHeight * _sin);
                float ey = MathF.Abs(halfWidth * _sin) + MathF.Abs(halfHeight * _cos);
                return (centerX - ex, centerY - ey, centerX + ex, centerY + ey);
            }
        }
    }
}
