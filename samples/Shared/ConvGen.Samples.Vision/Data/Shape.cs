namespace ConvGen.Samples.Vision.Data
{
    /// <summary>A filled region of the plane, in pixel coordinates (pixel (x, y) has its center at (x + 0.5, y + 0.5)).</summary>
    public abstract class Shape
    {
        /// <summary>Whether the point is inside.</summary>
        public abstract bool Contains(float x, float y);

        /// <summary>A rectangle that holds the whole shape (may be larger than it).</summary>
        public abstract (float XMin, float YMin, float XMax, float YMax) Extent { get; }
    }
}
