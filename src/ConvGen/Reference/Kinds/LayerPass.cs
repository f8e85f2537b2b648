using System;

namespace ConvGen.Reference
{
    /// <summary>One image through one layer: what a <see cref="ReferenceKind"/>'s forward and backward read.</summary>
    internal sealed class LayerPass
    {
        public LayerPass(LayerAnalysis layer, double[][] weights, double[][] inputs)
        {
            Layer = layer;
            Weights = weights;
            Inputs = inputs;
        }

        /// <summary>The layer's shapes and declaration.</summary>
        public LayerAnalysis Layer { get; }

        /// <summary>The layer's parameter tensors in Keras order, in double.</summary>
        public double[][] Weights { get; }

        /// <summary>This image's inputs, in the order of <see cref="LayerAnalysis.InputIndices"/>.</summary>
        public double[][] Inputs { get; }

        /// <summary>The first (for most kinds the only) input.</summary>
        public double[] Input => Inputs[0];

        /// <summary>The bias (the last tensor) of a convolution or Dense that uses one, else null.</summary>
        public double[]? Bias => Layer.Spec.UseBias ? Weights[Weights.Length - 1] : null;

        /// <summary>The interpreter rounds SeparableConv2D's intermediate tensor to float, as a float implementation holds it.</summary>
        public bool RoundsIntermediate { get; init; }

        /// <summary>SeparableConv2D: the depthwise result, written by the forward pass and read by the backward pass.</summary>
        public double[]? Middle { get; set; }

        /// <summary>Training-mode Dropout: whether value k of this image is kept; null at inference (Dropout is the identity).</summary>
        public Func<int, bool>? Keeps { get; init; }
    }
}
