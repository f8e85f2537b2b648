using System.Globalization;

namespace ConvGen.Generator.Planning
{
    /// <summary>
    /// A 1x1 convolution whose input is a ReLU's or ReLU6's output skips the zero inputs: such an input is often half
    /// zeros (a trained MobileNet's, and N4's), and a product with 0 adds nothing. The rule lives here; the kernels are
    /// <c>ZeroSkippingEmitter</c>'s, called from <c>ConvolutionEmitter</c>'s tiles-outer GEMM. Per tile of pixels the
    /// kernel counts the zeros of one pixel first: with at least <see cref="MinZeroPercent"/>% zeros, each pixel of the tile
    /// multiplies only its nonzero channels (one broadcast and a row of weights from L1 per nonzero channel, 8 vectors of
    /// output channels at a time); otherwise the dense tile runs. The sums are the dense product's, in the same order,
    /// less the terms 0 x w: the same values (a zero's sign aside) when every weight is finite (0 x inf is NaN), so the constructor checks the
    /// packed weights once and Run skips nothing if one is not finite. Vector128 kernels multiply everything.
    /// </summary>
    internal static class ZeroSkipping
    {
        /// <summary>
        /// Fewest input channels that skip zeros: per pixel and block of output channels the sparse loop pays a fixed cost
        /// (its exit is mispredicted, the mask, the stores), which fewer nonzero channels do not repay.
        /// </summary>
        public const int MinInputChannels = 48;

        /// <summary>
        /// Least share of zeros, in percent, among a tile's sampled pixel's inputs for the tile to skip them. Measured on
        /// N4's 1x1 layer (64 input channels) behind a ReLU, independent zeros (`--zero-fractions`): a quarter zeros took 1.09-1.11x
        /// the dense time, half zeros 0.84-0.88x.
        /// </summary>
        public const int MinZeroPercent = 40;

        /// <summary>
        /// Largest packed 1x1 kernel (input channels x output channels padded, in bytes) that skips zeros: one that stays in
        /// L1 beside the tile's input (N4's is 32 KiB), the bound under which the GEMM runs its pixel tiles outermost.
        /// </summary>
        public const int MostKernelBytes = Emitting.ConvolutionEmitter.ChunkAboveBytes;

        /// <summary>Whether an activation leaves many exact zeros (every negative input becomes 0).</summary>
        public static bool LeavesZeros(Activation activation) => activation is Activation.ReLU or Activation.ReLU6;

        /// <summary>Whether <paramref name="computed"/> (a step's layer as computed) skips the zeros of an input that <paramref name="producer"/> wrote with <paramref name="activation"/>; null when it does not, else the header's reason.</summary>
        public static string? Decide(LayerAnalysis computed, string producer, Activation activation)
        {
            LayerSpec s = computed.Spec;
            bool pointwise = s.Kind == LayerKind.Conv2D && s.Groups <= 1 && s.KernelHeight == 1 && s.KernelWidth == 1 && s.StrideHeight == 1 && s.StrideWidth == 1
                && computed.PadTop == 0 && computed.PadBottom == 0 && computed.PadLeft == 0 && computed.PadRight == 0;
            if (!pointwise || !LeavesZeros(activation) || computed.InputShape.Channels < MinInputChannels)
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
