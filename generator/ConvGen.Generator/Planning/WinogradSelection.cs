using System.Globalization;

namespace ConvGen.Generator.Planning
{
    /// <summary>
    /// Which algorithm a Conv2D step runs: the direct register-tiled kernel, or Winograd's minimal filtering
    /// (<c>ConvGen.Inference.WinogradConvolution</c>, docs/winograd.md), F(2x2, 3x3), F(4x4, 3x3) or F(2x2, 5x5). Winograd
    /// computes a 3x3 or 5x5, stride-1, ungrouped convolution (a dilated one as interleaved undilated ones) with 2.25x
    /// (F(2x2, 3x3)), 4x (F(4x4, 3x3)) or 2.78x (F(2x2, 5x5)) fewer multiplications, at the cost of an input and an output
    /// transform per tile; it pays only where the product dominates those, i.e. with enough channels on both sides, and
    /// F(4x4) needs images large enough that its 4x4 tiles are not mostly overhang; F(2x2, 3x3) takes small images of
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

        /// <summary>
        /// Fewest output channels for F(2x2, 5x5): the product works on 32 output channels at a time, so with 16 half of it
        /// is padding; 32x32x16 -> 16 was measured 1.7-1.75x the direct time, 32x32x16 -> 32 0.62-0.72x (docs/winograd.md).
        /// </summary>
        public const int MinOutputChannelsF25 = 32;

        /// <summary>The output tile (4 for F(4x4, 3x3), 2 for F(2x2, 3x3) or F(2x2, 5x5), 0 for the direct kernel) and why, in words for the header.</summary>
        /// <param name="conv">The step's Conv2D layer, with the activation it computes (a fused Activation's).</param>
        public static (int OutputTile, string Reason) Decide(LayerAnalysis conv) => Decide(conv, conv.Spec.Activation);

        /// <summary>As <see cref="Decide(LayerAnalysis)"/>, for a declared layer whose step computes <paramref name="activation"/>.</summary>
        public static (int OutputTile, string Reason) Decide(LayerAnalysis conv, Activation activation)
        {
            LayerSpec s = conv.Spec;
            if (s.KernelHeight != s.KernelWidth || s.KernelHeight is not (3 or 5) || s.StrideHeight != 1 || s.StrideWidth != 1 || s.Groups != 1)
            {
                return (0, "Winograd covers only 3x3 and 5x5, stride 1, ungrouped convolutions");
            }

            int dh = s.DilationHeight, dw = s.DilationWidth;
            if (conv.PadTop % dh != 0 || conv.PadLeft % dw != 0)
            {
                return (0, string.Format(CultureInfo.InvariantCulture,
                    "its padding (top {0}, left {1}) is not a multiple of its dilation {2}x{3}, so its output's sub-grids do not each read one sub-grid of the input", conv.PadTop, conv.PadLeft, dh, dw));
            }

            if (activation is not (Activation.Linear or Activation.ReLU or Activation.ReLU6))
            {
                return (0, $"its activation ({LayerText.ActivationName(activation)}) is not one the Winograd output transform applies");
            }

            // A dilated layer runs as dh x dw interleaved undilated ones (WinogradConvolution.RunDilated): the tile sizes are
            // the largest sub-grid's.
            int inChannels = conv.InputShape.Channels, outChannels = conv.OutputShape.Channels;
            int height = WinogradSizes.Ceiling(conv.OutputShape.Height, dh), width = WinogradSizes.Ceiling(conv.OutputShape.Width, dw);
            string shape = string.Format(CultureInfo.InvariantCulture, "{0} -> {1} channel{4}, {2}x{3} output", inChannels, outChannels, height, width, outChannels == 1 ? string.Empty : "s");
            if (dh > 1 || dw > 1)
            {
                shape = string.Format(CultureInfo.InvariantCulture, "dilation {0}x{1} as {2} interleaved undilated convolutions, {3}", dh, dw, dh * dw, shape);
            }

            long product = (long)inChannels * outChannels;
            if (s.KernelHeight == 5)
            {
                if (inChannels < MinChannels || outChannels < MinOutputChannelsF25)
                {
                    return (0, string.Format(CultureInfo.InvariantCulture,
                        "{0}: F(2x2, 5x5)'s transforms cost more than it saves below {1} channels in and {2} out", shape, MinChannels, MinOutputChannelsF25));
                }

                if (System.Math.Min(height, width) < MinSideF2)
                {
                    return (0, string.Format(CultureInfo.InvariantCulture, "{0}: F(2x2, 5x5) takes outputs of {1} or more a side", shape, MinSideF2));
                }

                return (2, "5x5, stride 1, " + shape + ": 2.78x fewer multiplications than direct");
            }

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

        /// <summary>Fewest input channels for the narrow kernel: with 1 or 2 the direct kernel has so few multiplications that the transforms cost as much or more (2.1-2.5x and 0.87-1.33x the direct time, measured).</summary>
        public const int NarrowMinInputChannels = 3;

        /// <summary>Fewest output channels for the narrow kernel: it multiplies 16 at a time, and the direct kernel it stands in for is its Vector256 one, which only layers of more than 8 channels have beside the Vector512 one.</summary>
        public const int NarrowMinOutputChannels = 9;

        /// <summary>Smallest output side for the narrow kernel's 4x4 tiles.</summary>
        public const int NarrowMinSide = 8;

        /// <summary>
        /// Whether a Conv2D the rule above leaves direct runs as <c>ConvGen.Inference.NarrowWinogradConvolution</c>
        /// (F(4x4, 3x3) for 1-4 input channels, such as a first layer on an image), and why, in words for the header. It
        /// takes 4x fewer multiplications, and pays where the product is the direct kernel's bound: with Vector256 as the
        /// widest vector (AVX2), 3-4 input channels and a fused 2x2 pool (stride 2, valid: PoolFusion's rule), which the
        /// kernel computes from its 4x4 output tiles in registers. Measured (docs/winograd.md,
        /// <c>dotnet run -c Release --project tests/ConvGen.Benchmarks -- --narrow</c> with <c>DOTNET_EnableAVX512=0</c>): the
        /// primer's 28x28x3 -> 16 layer with its pool ran 0.56-0.72x the direct time and 28x28x4 -> 16 0.56-0.65x; without a pool
        /// (32x32x3 -> 32, 224x224x3 -> 32) and with 2 channels 0.8-1.4x, so those stay direct. With Vector512 the direct
        /// kernel is faster (the narrow one took 1.1-2.1x its time), so the generated code runs it there.
        /// </summary>
        /// <param name="conv">The step's Conv2D layer, with the activation it computes.</param>
        /// <param name="pool">The pool fused into the step, or null (then the layer stays direct).</param>
        public static (bool Narrow, string Reason) DecideNarrow(LayerAnalysis conv, LayerAnalysis? pool)
        {
            LayerSpec s = conv.Spec;
            int inChannels = conv.InputShape.Channels, outChannels = conv.OutputShape.Channels;
            bool shape = s.KernelHeight == 3 && s.KernelWidth == 3 && s.StrideHeight == 1 && s.StrideWidth == 1 && s.DilationHeight == 1 && s.DilationWidth == 1 && s.Groups == 1;
            if (!shape || s.Activation is not (Activation.Linear or Activation.ReLU or Activation.ReLU6)
                || inChannels < NarrowMinInputChannels || inChannels > WinogradSizes.NarrowMaxInputChannels || outChannels < NarrowMinOutputChannels
                || System.Math.Min(conv.OutputShape.Height, conv.OutputShape.Width) < NarrowMinSide
                || pool is null || pool.Spec.KernelHeight != 2 || pool.Spec.KernelWidth != 2)
            {
                return (false, string.Empty);
            }

            return (true, string.Format(CultureInfo.InvariantCulture,
                "3x3, stride 1, {0} -> {1} channels, {2}x{3} output and a 2x2 pool: F(4x4, 3x3) for few input channels, 4x fewer multiplications, beats the direct kernel where Vector256 is the widest accelerated vector (AVX2); with Vector512 (or only Vector128) the direct kernel runs",
                inChannels, outChannels, conv.OutputShape.Height, conv.OutputShape.Width));
        }

        /// <summary>What the header says a Conv2D step runs: "Winograd F(4x4, 3x3)", "direct", or both for a narrow Winograd step.</summary>
        public static string AlgorithmText(LayerPlan step) => step.NarrowWinograd
            ? "Winograd F(4x4, 3x3) for few input channels (NarrowWinogradConvolution) or direct"
            : AlgorithmName(step.WinogradTile, KernelSize(step));

        /// <summary>Floats of workspace a Winograd step needs (<c>WinogradConvolution.RunDilated</c>'s for a dilated one).</summary>
        public static int WorkspaceLength(LayerPlan step)
        {
            LayerAnalysis l = step.Layer;
            return IsDilated(l.Spec)
                ? WinogradSizes.DilatedWorkspaceLength(step.WinogradTile, l.InputShape.Channels, l.OutputShape.Channels, l.InputShape.Height, l.InputShape.Width,
                    l.OutputShape.Height, l.OutputShape.Width, l.Spec.DilationHeight, l.Spec.DilationWidth, KernelSize(step))
                : WinogradSizes.WorkspaceLength(step.WinogradTile, l.InputShape.Channels, l.OutputShape.Channels, KernelSize(step));
        }

        /// <summary>Whether a Winograd layer is dilated (and runs through <c>WinogradConvolution.RunDilated</c>).</summary>
        public static bool IsDilated(LayerSpec s) => s.DilationHeight > 1 || s.DilationWidth > 1;

        /// <summary>The kernel side of a Winograd step (3 or 5; Decide takes only square kernels).</summary>
        public static int KernelSize(LayerPlan step) => step.Layer.Spec.KernelHeight;

        /// <summary>"Winograd F(4x4, 3x3)", "Winograd F(2x2, 3x3)", "Winograd F(2x2, 5x5)" or "direct".</summary>
        public static string AlgorithmName(int outputTile, int kernelSize = 3) => outputTile == 0
            ? "direct"
            : string.Format(CultureInfo.InvariantCulture, "Winograd F({0}x{0}, {1}x{1})", outputTile, kernelSize);
    }
}
