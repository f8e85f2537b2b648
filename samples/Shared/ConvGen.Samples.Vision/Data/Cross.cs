namespace ConvGen.Samples.Vision.Data
{
    /// <summary>An axis-aligned plus sign: a horizontal and a vertical bar of the given thickness through the center.</summary>
    public sealed class Cross(float centerX, float centerY, float halfWidth, float halfHeight, float halfThickness) : Shape
    {
        /// <inheritdoc/>
        public override bool Contains(float x, float y)
        {
            float dx = System.MathF.Abs(x - centerX), dy = System.MathF.Abs(y - centerY);
            return (dx <= halfWidth && dy <= halfThickness) || (dy <= halfHeight && dx <= halfThickness);
        }

        /// <inheritdoc/>
        public override (float XMin, float YMin, float XMax, float YMax) Extent =>
            (centerX - halfWidth, centerY - halfHeight, centerX + halfWidth, centerY + halfHeight);
    }
}
