using System.Globalization;

namespace ConvGen.Generator.Planning
{
    /// <summary>
    /// A 1x1 convolution whose input is a ReLU's or ReLU6's output skips the zero inputs: such an input is often half
    /// zeros (a trained MobileNet's, and N4's), and a product with 0 adds nothing. The rule lives here; the kernel is
    /// <c>ConvolutionEmitter</c>'s. Per tile of pixels the kernel counts the zeros first: with at least a quarter of the
    /// inputs zero, each pixel multiplies only its nonzero channels (one broadcast and a row of weights from L1 per
    /// nonzero channel, 8 vectors of output channels at a time); otherwise the dense tile runs. Measured on one band of
    /// N4's 1x1 layer with AVX2 (docs/benchmarks.md): the per-pixel form takes 1.25x the dense tile's time with no zeros
    /// and 0.70x with half zeros, so it pays from about a fifth zeros on. The sums are the dense product's, in the same
    /// order, less the terms 0 x w: bit for bit the same result when every weight is finite (0 x inf is NaN), so the
    /// constructor checks the packed weights once and Run skips nothing if one is not finite.
    /// </summary>
    internal static class ZeroSkipping
    {
        /// <summary>Largest packed 1x1 kernel (input channels x output channels padded, in bytes) that skips zeros: one that stays in L1 beside the tile's input, as N4's 32 KiB.</summary>
        public const int MostKernelBytes = 40 * 1024;

        /// <summary>Whether an activation leaves many exact zeros (every negative input becomes 0).</summary>
        public static bool LeavesZeros(Activation activation) => activation is Activation.ReLU or Activation.ReLU6;

        /// <summary>Whether <paramref name="computed"/> (a step's layer as computed) skips the zeros of an input that <paramref name="producer"/> wrote with <paramref name="activation"/>; null when it does not, else the header's reason.</summary>
        public static string? Decide(LayerAnalysis computed, string producer, Activation activation)
        {
            LayerSpec s = computed.Spec;
            bool pointwise = s.Kind == LayerKind.Conv2D && s.Groups <= 1 && s.KernelHeight == 1 && s.KernelWidth == 1 && s.StrideHeight == 1 && s.StrideWidth == 1
                && computed.PadTop == 0 && computed.PadBottom == 0 && computed.PadLeft == 0 && computed.PadRight == 0;
            if (!pointwise || !LeavesZeros(activation))
            {
                return null;
            }

            int padded = (computed.OutputShape.Channels + WeightLayout.VectorLength - 1) / WeightLayout.VectorLength * WeightLayout.VectorLength;
            if ((long)computed.InputShape.Channels * padded * sizeof(float) > MostKernelBytes)
            {
                return null;
            }

            return string.Format(CultureInfo.InvariantCulture, "its input is {0}'s {1} output", producer, activation == Activation.ReLU ? "ReLU" : "ReLU6");
        }
    }
}
