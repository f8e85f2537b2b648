using System;

namespace ConvGen.Vision
{
    /// <summary>
    /// The weights of the four terms of <see cref="DetectionLoss"/>. The defaults follow YOLOv1: box regression counts
    /// 5x (few cells carry a box), cells without an object count 0.5x in the objectness term (most cells are empty).
    /// </summary>
    public readonly record struct DetectionLossWeights
    {
        /// <summary>The defaults: object 1, no-object 0.5, box 5, class 1.</summary>
        public DetectionLossWeights()
        {
        }

        /// <summary>Objectness BCE weight on cells (and anchors) that hold an object.</summary>
        public float Object { get; init; } = 1f;

        /// <summary>Objectness BCE weight on cells without an object.</summary>
        public float NoObject { get; init; } = 0.5f;

        /// <summary>Weight of the squared errors on sigmoid(tx), sigmoid(ty), tw, th.</summary>
        public float Box { get; init; } = 5f;

        /// <summary>Weight of the class cross-entropy.</summary>
        public float Class { get; init; } = 1f;

        internal void Validate()
        {
            if (!(Object >= 0f && NoObject >= 0f && Box >= 0f && Class >= 0f) ||
                !float.IsFinite(Object) || !float.IsFinite(NoObject) || !float.IsFinite(Box) || !float.IsFinite(Class))
                throw new ArgumentException($"Detection loss weights must be finite and non-negative; got {this}.");
            if (Object == 0f && NoObject == 0f && Box == 0f && Class == 0f)
                throw new ArgumentException("All detection loss weights are 0 (default(DetectionLossWeights) is; new DetectionLossWeights() has the documented defaults).");
        }
    }
}
