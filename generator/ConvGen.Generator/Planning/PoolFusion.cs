using System.Collections.Generic;

namespace ConvGen.Generator.Planning
{
    /// <summary>
    /// A MaxPool2D or AvgPool2D runs inside the Conv2D it reads (directly, or through a folded BatchNormalization and a
    /// fused Activation) when nothing else reads the convolution's value, the pool has valid padding and a stride equal
    /// to its window (windows neither overlap nor leave gaps, and every window is whole, so an average divides by the
    /// window size), and the activation is computed in the convolution's registers (not Sigmoid, Tanh or Softmax, which
    /// run as passes over a whole output). The convolution then computes, for each pooled output row, only the rows of
    /// its own output under it, into a band of PoolHeight rows on the stack, and pools the band while it is in L1: its
    /// full output is never written, nor read back by a pooling pass of its own. Not for a grouped or pointwise (1x1, stride 1,
    /// unpadded: run as a GEMM over all pixels) convolution, nor when the band would exceed <see cref="MostBandFloats"/>,
    /// nor a convolution that runs as Winograd (<see cref="WinogradSelection"/>: its tiles are not rows), nor when the
    /// weights of a block of up to 64 output channels exceed <see cref="Emitting.ConvolutionEmitter.ChunkTargetBytes"/>
    /// (32 KiB, the share of L1 a chunk of weights may take beside the input rows and the band): larger weights are
    /// re-read for every band instead of once per image, and above 40 KiB run in chunks of input channels that would
    /// each stream from L2 once per band. Measured (docs/benchmarks.md): fusing N3's 3x3 layers (36 KiB and 147 KiB of
    /// weights) made N3 2% slower in the median of ten runs, while for N1 and N2 (2 and 10 KiB) the saved pass pays.
    /// </summary>
    internal static class PoolFusion
    {
        /// <summary>Largest band (pool rows x convolution output width x filters) kept on the stack: 64 KiB.</summary>
        public const int MostBandFloats = 16 * 1024;

        /// <summary>For each layer, the pooling layer computed from its output rows as it writes them (null for most).</summary>
        /// <param name="layers">The analysed layers.</param>
        /// <param name="readers">How many layers read each layer's output.</param>
        /// <param name="foldInto">The result of <see cref="BatchNormFolding.Find"/>.</param>
        /// <param name="fuseInto">The result of <see cref="ActivationFusion.Find"/>.</param>
        /// <param name="winograd">Whether eligible convolutions run as Winograd (those are not fused).</param>
        public static LayerAnalysis?[] Find(IReadOnlyList<LayerAnalysis> layers, int[] readers, LayerAnalysis?[] foldInto, LayerAnalysis?[] fuseInto, bool winograd = true)
        {
            var poolInto = new LayerAnalysis?[layers.Count];
            foreach (LayerAnalysis pool in layers)
            {
                LayerSpec p = pool.Spec;
                int producer = pool.InputIndices[0];
                if (p.Kind is not (LayerKind.MaxPool2D or LayerKind.AvgPool2D) || producer < 0 || readers[producer] != 1
                    || pool.PadTop != 0 || pool.PadBottom != 0 || pool.PadLeft != 0 || pool.PadRight != 0
                    || p.StrideHeight != p.KernelHeight || p.StrideWidth != p.KernelWidth
                    || pool.OutputShape.Height < 1 || pool.OutputShape.Width < 1)
                {
                    continue;
                }

                LayerAnalysis? conv = Computing(layers, layers[producer], foldInto, fuseInto);
                if (conv is null || poolInto[conv.Index] is not null)
                {
                    continue;
                }

                LayerSpec s = conv.Spec;
                bool pointwise = s.KernelHeight == 1 && s.KernelWidth == 1 && s.StrideHeight == 1 && s.StrideWidth == 1
                    && conv.PadTop == 0 && conv.PadBottom == 0 && conv.PadLeft == 0 && conv.PadRight == 0;
                Activation activation = fuseInto[conv.Index]?.Spec.Activation ?? s.Activation;
                long band = (long)p.KernelHeight * conv.OutputShape.Width * conv.OutputShape.Channels;
                long blockWeights = (long)s.KernelHeight * s.KernelWidth * conv.InputShape.Channels * System.Math.Min(conv.OutputShape.Channels, 64) * sizeof(float);
                if (s.Kind == LayerKind.Conv2D && s.Groups == 1 && !pointwise && band <= MostBandFloats
                    && blockWeights <= Emitting.ConvolutionEmitter.ChunkTargetBytes
                    && activation is not (Activation.Sigmoid or Activation.Tanh or Activation.Softmax)
                    && (!winograd || WinogradSelection.Decide(conv, activation).OutputTile == 0))
                {
                    poolInto[conv.Index] = pool;
                }
            }

            return poolInto;
        }

        /// <summary>The layer whose step computes <paramref name="layer"/>'s value: itself, or for a fused Activation or folded BatchNormalization the layer it went into.</summary>
        internal static LayerAnalysis? Computing(IReadOnlyList<LayerAnalysis> layers, LayerAnalysis layer, LayerAnalysis?[] foldInto, LayerAnalysis?[] fuseInto)
        {
            for (int hops = 0; hops < 3; hops++)
            {
                LayerAnalysis? into = null;
                for (int i = 0; i < layers.Count; i++)
                {
                    if (foldInto[i] == layer || fuseInto[i] == layer)
                    {
                        into = layers[i];
                    }
                }

                if (into is null)
                {
                    return layer.Spec.Kind is LayerKind.Activation or LayerKind.BatchNormalization ? null : layer;
                }

                layer = into;
            }

            return null;
        }
    }
}
