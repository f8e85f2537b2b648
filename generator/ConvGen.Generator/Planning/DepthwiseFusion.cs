using System.Collections.Generic;
using System.Globalization;

namespace ConvGen.Generator.Planning
{
    /// <summary>
    /// A DepthwiseConv2D runs inside the pointwise Conv2D that reads it (the MobileNet block: depthwise 3x3 + BN + ReLU6,
    /// then 1x1 + BN + ReLU6), band by band: the convolution's step computes <see cref="BandRows"/> rows of the depthwise
    /// output (after its folded BatchNormalization and fused Activation) into a band on the stack and runs its 1x1 GEMM on
    /// that band at once, while it is in L1/L2, so the depthwise output is never written whole nor read back (N4: 800 KB
    /// through L2/L3 twice). It fuses when the depthwise value (after the layers folded or fused into it) is read by
    /// nothing else, the reader is a Conv2D of 1x1 kernel, stride 1, no padding and one group (a GEMM over pixels), the
    /// depthwise activation is computed in registers (not Sigmoid, Tanh or Softmax, which run as passes over a whole
    /// output), and one depthwise output row (width x channels) fits <see cref="MostBandFloats"/>. A SeparableConv2D's two
    /// parts (<see cref="SeparableSplit"/>) follow the same rule (only the band size can stop them).
    /// </summary>
    internal static class DepthwiseFusion
    {
        /// <summary>
        /// Largest band (rows x depthwise output width x channels) kept on the stack: 8K floats, 32 KiB, beside the 1x1's
        /// weights in L1 (N4: 32 KiB). Measured on N4 (56x56x64 into 128 filters, docs/benchmarks.md): bands of 1, 2, 4
        /// and 8 rows (14 to 112 KiB) did not differ beyond the noise of a shared machine.
        /// </summary>
        public const int MostBandFloats = 8 * 1024;

        /// <summary>For each layer, the DepthwiseConv2D it computes band by band (null for most), and for each DepthwiseConv2D why it runs on its own (null when fused or never read by a Conv2D).</summary>
        /// <param name="layers">The analysed layers.</param>
        /// <param name="readers">How many layers read each layer's output.</param>
        /// <param name="foldInto">The result of <see cref="BatchNormFolding.Find"/>.</param>
        /// <param name="fuseInto">The result of <see cref="ActivationFusion.Find"/>.</param>
        public static (LayerAnalysis?[] DepthwiseInto, string?[] Reasons) Find(IReadOnlyList<LayerAnalysis> layers, int[] readers, LayerAnalysis?[] foldInto, LayerAnalysis?[] fuseInto)
        {
            var depthwiseInto = new LayerAnalysis?[layers.Count];
            var reasons = new string?[layers.Count];
            foreach (LayerAnalysis depthwise in layers)
            {
                if (depthwise.Spec.Kind == LayerKind.DepthwiseConv2D)
                {
                    reasons[depthwise.Index] = "no Conv2D reads its output";
                }
            }

            foreach (LayerAnalysis conv in layers)
            {
                int producer = conv.InputIndices.Count == 0 ? -1 : conv.InputIndices[0];
                if (conv.Spec.Kind != LayerKind.Conv2D || producer < 0)
                {
                    continue;
                }

                LayerAnalysis? depthwise = PoolFusion.Computing(layers, layers[producer], foldInto, fuseInto);
                if (depthwise is null || depthwise.Spec.Kind != LayerKind.DepthwiseConv2D)
                {
                    continue;
                }

                Activation activation = fuseInto[depthwise.Index]?.Spec.Activation ?? depthwise.Spec.Activation;
                string? reason = readers[producer] != 1
                    ? $"its output is read by {readers[producer].ToString(CultureInfo.InvariantCulture)} layers, so it is stored"
                    : Refusal(depthwise, activation, conv);
                reasons[depthwise.Index] = reason;
                if (reason is null)
                {
                    depthwiseInto[conv.Index] = depthwise;
                }
            }

            return (depthwiseInto, reasons);
        }

        /// <summary>Why <paramref name="depthwise"/> (with <paramref name="activation"/>) cannot run inside <paramref name="conv"/>, its only reader; null when it can.</summary>
        public static string? Refusal(LayerAnalysis depthwise, Activation activation, LayerAnalysis conv)
        {
            if (!IsPointwise(conv))
            {
                return $"{conv.Name}, which reads it, is not a pointwise convolution (1x1, stride 1, no padding, one group) run as a GEMM over its pixels";
            }

            if (activation is Activation.Sigmoid or Activation.Tanh or Activation.Softmax)
            {
                return $"its activation ({LayerText.ActivationName(activation)}) runs as a pass over its whole output";
            }

            if (BandRows(depthwise) == 0)
            {
                return string.Format(CultureInfo.InvariantCulture,
                    "one row of its output ({0} x {1} channels) exceeds the {2:N0}-float band that stays in L1/L2",
                    depthwise.OutputShape.Width, depthwise.OutputShape.Channels, MostBandFloats);
            }

            return null;
        }

        /// <summary>Whether a Conv2D runs as a GEMM over all pixels: 1x1 kernel, stride 1, no padding, one group.</summary>
        public static bool IsPointwise(LayerAnalysis conv)
        {
            LayerSpec s = conv.Spec;
            return s.Kind == LayerKind.Conv2D && s.Groups == 1 && s.KernelHeight == 1 && s.KernelWidth == 1 && s.StrideHeight == 1 && s.StrideWidth == 1
                && conv.PadTop == 0 && conv.PadBottom == 0 && conv.PadLeft == 0 && conv.PadRight == 0;
        }

        /// <summary>
        /// Depthwise output rows per band: the largest divisor of the output height whose band (rows x width x channels)
        /// fits <see cref="MostBandFloats"/> (so every band is whole and every size a constant); 0 when not even one row fits.
        /// </summary>
        public static int BandRows(LayerAnalysis depthwise)
        {
            TensorShape output = depthwise.OutputShape;
            long row = (long)output.Width * output.Channels;
            for (int rows = output.Height; rows >= 1; rows--)
            {
                if (output.Height % rows == 0 && rows * row <= MostBandFloats)
                {
                    return rows;
                }
            }

            return 0;
        }
    }
}
