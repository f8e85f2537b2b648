using System.Globalization;

namespace ConvGen.Generator.Planning
{
    /// <summary>
    /// Which algorithm a Conv2D step runs: the direct register-tiled kernel, or Winograd's minimal filtering
    /// (<c>ConvGen.Inference.WinogradConvolution</c>, docs/winograd.md), F(2x2, 3x3) or F(4x4, 3x3). Winograd computes a 3x3,
    /// stride-1, dilation-1, ungrouped convolution with 2.25x (F2) or 4x (F4) fewer multiplications, at the cost of an input
    /// and an output transform per tile; it pays only where the product dominates those, i.e. with enough channels on both
    /// sides, and F(4x4) needs images large enough that its 4x4 tiles are not mostly overhang; F(2x2) takes small images of
    /// wide layers. The thresholds are measured (docs/winograd.md: the layer tables of
    /// <c>dotnet run -c Release --project tests/ConvGen.Benchmarks -- --winograd</c>, with and without AVX-512).
    /// The activation must be one the output transform applies (Linear, ReLU, ReLU6).
    /// </summary>
    internal static class WinogradSelection
    {
        /// <summary>
        /// Fewest input and output channels for Winograd: below, the transforms (per channel) outweigh the product (per
        /// channel pair); 16 -> 16 on 32x32 was measured 0.84x the direct time with AVX-512, 0.92x without.
        /// </summary>
        public const int MinChannels = 16;

        /// <summary>Smallest output side (height and width) for F(4x4, 3x3).</summary>
        public const int MinSideF4 = 8;

        /// <summary>Smallest output side for F(2x2, 3x3), taken below <see cref="MinSideF4"/>.</summary>
        public const int MinSideF2 = 4;

        /// <summary>Fewest input x output channels for F(2x2, 3x3): its transforms save less (2.25x), so it pays only on wide layers (4x4x256 -> 256).</summary>
        public const int MinChannelProductF2 = 16384;

        /// <summary>The output tile (4 for F(4x4, 3x3), 2 for F(2x2, 3x3), 0 for the direct kernel) and why, in words for the header.</summary>
        /// <param name="conv">The step's Conv2D layer, with the activation it computes (a fused Activation's).</param>
        public static (int OutputTile, string Reason) Decide(LayerAnalysis conv) => Decide(conv, conv.Spec.Activation);

        /// <summary>As <see cref="Decide(LayerAnalysis)"/>, for a declared layer whose step computes <paramref name="activation"/>.</summary>
        public static (int OutputTile, string Reason) Decide(LayerAnalysis conv, Activation activation)
        {
            LayerSpec s = conv.Spec;
            if (s.KernelHeight != 3 || s.KernelWidth != 3 || s.StrideHeight != 1 || s.StrideWidth != 1 || s.DilationHeight != 1 || s.DilationWidth != 1 || s.Groups != 1)
            {
                return (0, "Winograd covers only 3x3, stride 1, dilation 1, ungrouped convolutions");
            }

            if (activation is not (Activation.Linear or Activation.ReLU or Activation.ReLU6))
            {
                return (0, $"its activation ({LayerText.ActivationName(activation)}) is not one the Winograd output transform applies");
            }

            int inChannels = conv.InputShape.Channels, outChannels = conv.OutputShape.Channels;
            int height = conv.OutputShape.Height, width = conv.OutputShape.Width;
            string shape = string.Format(CultureInfo.InvariantCulture, "{0} -> {1} channels, {2}x{3} output", inChannels, outChannels, height, width);
            long product = (long)inChannels * outChannels;
            if (inChannels < MinChannels || outChannels < MinChannels)
            {
                return (0, string.Format(CultureInfo.InvariantCulture,
                    "{0}: Winograd's transforms cost more than it saves below {1} channels in and out", shape, MinChannels));
            }

            if (System.Math.Min(height, width) >= MinSideF4)
            {
                return (4, "3x3, stride 1, " + shape + ": 4x fewer multiplications than direct");
            }

            string whyNotF4 = string.Format(CultureInfo.InvariantCulture, "under {0} a side F(4x4)'s tiles would mostly overhang", MinSideF4);
            if (System.Math.Min(height, width) >= MinSideF2 && product >= MinChannelProductF2)
            {
                return (2, "3x3, stride 1, " + shape + " (" + whyNotF4 + "): 2.25x fewer multiplications than direct");
            }

            return (0, string.Format(CultureInfo.InvariantCulture, "{0}: {1}, and F(2x2) pays only from {2} channel pairs on outputs of {3} or more a side",
                shape, whyNotF4, MinChannelProductF2, MinSideF2));
        }

        /// <summary>"Winograd F(4x4, 3x3)", "Winograd F(2x2, 3x3)" or "direct".</summary>
        public static string AlgorithmName(int outputTile) => outputTile == 0
            ? "direct"
            : string.Format(CultureInfo.InvariantCulture, "Winograd F({0}x{0}, 3x3)", outputTile);
    }
}
