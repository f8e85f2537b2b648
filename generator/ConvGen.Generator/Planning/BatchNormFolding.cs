using System.Collections.Generic;

namespace ConvGen.Generator.Planning
{
    /// <summary>
    /// A BatchNormalization folds into the layer it reads when that layer is a convolution or Dense with a linear
    /// activation whose output nothing else reads (the unnormalized value must not be needed anywhere). The constructor
    /// then multiplies the kernel by gamma / sqrt(variance + epsilon) and makes the bias beta + (bias - mean) * scale.
    /// </summary>
    internal static class BatchNormFolding
    {
        /// <summary>True for the layers a directly following BatchNormalization can be folded into (<see cref="LayerKindInfo.CanFoldBatchNorm"/>).</summary>
        public static bool CanFoldInto(LayerKind kind) => LayerKinds.For(kind)?.CanFoldBatchNorm ?? false;

        /// <summary>For each layer, the BatchNormalization folded into it (null for most).</summary>
        /// <param name="layers">The analysed layers.</param>
        /// <param name="readers">How many layers read each layer's output (<see cref="GraphRewrites.CountReaders"/>).</param>
        public static LayerAnalysis?[] Find(IReadOnlyList<LayerAnalysis> layers, int[] readers)
        {
            var foldInto = new LayerAnalysis?[layers.Count];
            foreach (LayerAnalysis layer in layers)
            {
                int producer = layer.InputIndices[0];
                if (layer.Spec.Kind == LayerKind.BatchNormalization && producer >= 0 && readers[producer] == 1
                    && CanFoldInto(layers[producer].Spec.Kind) && layers[producer].Spec.Activation == Activation.Linear)
                {
                    foldInto[producer] = layer;
                }
            }

            return foldInto;
        }
    }
}
