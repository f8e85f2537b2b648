using System.Globalization;

namespace ConvGen.Generator.Planning
{
    /// <summary>
    /// Which algorithm a Conv2D step runs: the direct register-tiled kernel, or Winograd's minimal filtering
    /// (<c>ConvGen.Inference.WinogradConvolution</c>, docs/winograd.md), F(2x2, 3x3) or F(4x4, 3x3). Winograd computes a 3x3,
    /// stride-1, dilation-1, ungrouped convolution with 2.25x (F2) or 4x (F4) fewer multiplications, at the cost of an input
    /// and an output transform per tile; it pays only where the product dominates those, i.e. with enough channels on both
    /// sides, and F(4x4) needs images large enough that its 4x4 tiles are not mostly overhang. The thresholds are measured
    /// (docs/winograd.md: the layer table of <c>dotnet run -c Release --project tests/ConvGen.Benchmarks -- --winograd</c>).
    /// The activation must be one the output transform applies (Linear, ReLU, ReLU6).
    /// </summary>
    internal static class WinogradSelection
    {
        /// <summary>Fewest input and output channels for which Winograd beats the direct kernel.</summary>
        public const int MinChannels = 16;

        /// <summary>Smallest output side (height and width) for F(4x4, 3x3); smaller images run F(2x2, 3x3).</summary>
        public const int MinSideF4 = 12;

        /// <summary>Smallest output side for F(2x2, 3x3).</summary>
        public const int MinSideF2 = 4;

        /// <summary>The output tile (4 for F(4x4, 3x3), 2 for F(2x2, 3x3), 0 for the direct kernel) and why, in words for the header.</summary>
        /// <param name="conv">The step's layer, with the activation it computes (a fused Activation's).</param>
        public static (int OutputTile, string Reason) Decide(LayerAnalysis conv) => Decide(conv, conv.Spec.Activation);

        /// <summary>As <see cref="Decide(LayerAnalysis)"/>, for a declared layer whose step computes <paramref name="activation"/>.</summary>
        public static (int OutputTile, string Reason) Decide(LayerAnalysis conv, Activation activation)
        {
            LayerSpec s = conv.Spec;
            if (s.Kind != LayerKind.Conv2D)
            {
                return (0, "not a Conv2D");
            }

            if (s.KernelHeight != 3 || s.KernelWidth != 3 || s.StrideHeight != 1 || s.StrideWidth != 1 || s.DilationHeight != 1 || s.DilationWidth != 1 || s.Groups != 1)
            {
                return (0, "Winograd covers only 3x3, stride 1, dilation 1, ungrouped convolutions");
            }

            if (activation is not (Activation.Linear or Activation.ReLU or Activation.ReLU6))
            {
                return (0, $"its activation ({LayerText.ActivationName(activation)}) is not one the Winograd output transform applies");
            }

            int inChannels = conv.InputShape.Channels, outChannels = conv.OutputShape.Channels;
            if (inChannels < MinChannels || outChannels < MinChannels)
            {
                return (0, string.Format(CultureInfo.InvariantCulture,
                    "{0} -> {1} channels: Winograd's transforms cost more than it saves below {2} channels in and out", inChannels, outChannels, MinChannels));
            }

            int side = System.Math.Min(conv.OutputShape.Height, conv.OutputShape.Width);
            if (side >= MinSideF4)
            {
                return (4, string.Format(CultureInfo.InvariantCulture,
                    "3x3, stride 1, {0} -> {1} channels on a {2}x{3} output: 4x fewer multiplications than direct", inChannels, outChannels, conv.OutputShape.Height, conv.OutputShape.Width));
            }

            if (side >= MinSideF2)
            {
                return (2, string.Format(CultureInfo.InvariantCulture,
                    "3x3, stride 1, {0} -> {1} channels on a {2}x{3} output (under {4} a side, F(4x4)'s tiles would mostly overhang): 2.25x fewer multiplications than direct",
                    inChannels, outChannels, conv.OutputShape.Height, conv.OutputShape.Width, MinSideF4));
            }

            return (0, string.Format(CultureInfo.InvariantCulture, "a {0}x{1} output is too small for Winograd tiles", conv.OutputShape.Height, conv.OutputShape.Width));
        }

        /// <summary>"Winograd F(4x4, 3x3)", "Winograd F(2x2, 3x3)" or "direct".</summary>
        public static string AlgorithmName(int outputTile) => outputTile == 0
            ? "direct"
            : string.Format(CultureInfo.InvariantCulture, "Winograd F({0}x{0}, 3x3)", outputTile);
    }
}
