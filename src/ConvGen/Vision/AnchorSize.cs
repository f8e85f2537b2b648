using System;

namespace ConvGen.Vision
{
    /// <summary>A prior box size in pixels; a predicted box is this size scaled by exp(tw), exp(th).</summary>
    public readonly record struct AnchorSize
    {
        /// <summary>Makes an anchor; both sides must be positive and finite.</summary>
        public AnchorSize(float width, float height)
        {
            if (!(width > 0f && float.IsFinite(width)))
                throw new ArgumentOutOfRangeException(nameof(width), width, "Anchor width must be positive and finite.");
            if (!(height > 0f && float.IsFinite(height)))
                throw new ArgumentOutOfRangeException(nameof(height), height, "Anchor height must be positive and finite.");
            Width = width;
            Height = height;
        }

        /// <summary>Width, pixels.</summary>
        public float Width { get; }

        /// <summary>Height, pixels.</summary>
        public float Height { get; }
    }
}
