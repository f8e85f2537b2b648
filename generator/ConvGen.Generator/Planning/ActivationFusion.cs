using System.Collections.Generic;

namespace ConvGen.Generator.Planning
{
    /// <summary>
    /// An Activation layer runs inside the convolution or Dense it reads (directly, or through a folded BatchNormalization)
    /// when that layer's own activation is linear and nothing else reads the value in between: conv + BN + ReLU6 is one step.
    /// </summary>
    internal static class ActivationFusion
    {
        /// <summary>For each layer, the Activation layer computed in its registers (null for most).</summary>
        /// <param name="layers">The analysed layers.</param>
        /// <param name="readers">How many layers read each layer's output.</param>
        /// <param name="foldInto">The result of <see cref="BatchNormFolding.Find"/>.</param>
        public static LayerAnalysis?[] Find(IReadOnlyList<LayerAnalysis> layers, int[] readers, LayerAnalysis?[] foldInto)
        {
            var fuseInto = new LayerAnalysis?[layers.Count];
            foreach (LayerAnalysis layer in layers)
            {
                int producer = layer.InputIndices[0];
                if (layer.Spec.Kind != LayerKind.Activation || producer < 0 || readers[producer] != 1)
                {
                    continue;
                }

                LayerAnalysis source = layers[producer];
                if (source.Spec.Kind == LayerKind.BatchNormalization && source.InputIndices[0] >= 0 && foldInto[source.InputIndices[0]] == source)
                {
                    source = layers[source.InputIndices[0]];
                }

                if (BatchNormFolding.CanFoldInto(source.Spec.Kind) && source.Spec.Activation == Activation.Linear && fuseInto[source.Index] is null)
                {
                    fuseInto[source.Index] = layer;
                }
            }

            return fuseInto;
        }
    }
}
