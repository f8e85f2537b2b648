using System.Globalization;
using ConvGen.Generator.Planning;

namespace ConvGen.Generator.Emitting
{
    /// <summary>The one-line description of a step that heads its kernel class.</summary>
    internal static class LayerDescription
    {
        /// <summary>One line that says what the layer computes, e.g. "conv2d: 16 filters 3x3, stride 1, same padding (1, 1, 1, 1), ReLU; [28, 28, 3] -> [28, 28, 16]".</summary>
        public static string Describe(LayerPlan plan) => Describe(plan.Layer);

        /// <summary>The same line for one analysed layer.</summary>
        public static string Describe(LayerAnalysis l)
        {
            LayerSpec s = l.Spec;
            string what = s.Kind switch
            {
                LayerKind.Conv2D => string.Format(CultureInfo.InvariantCulture,
                    "{0} filters {1}x{2}{14}, stride {3}x{4}, dilation {5}x{6}, {7} padding (top {8}, bottom {9}, left {10}, right {11}){12}, {13}",
                    s.Units, s.KernelHeight, s.KernelWidth, s.StrideHeight, s.StrideWidth, s.DilationHeight, s.DilationWidth,
                    s.Padding == Padding.Same ? "same" : "valid", l.PadTop, l.PadBottom, l.PadLeft, l.PadRight,
                    s.UseBias ? " + bias" : string.Empty, ActivationText(s), Groups(l)),
                LayerKind.MaxPool2D or LayerKind.AvgPool2D => string.Format(CultureInfo.InvariantCulture,
                    "{0} of each {1}x{2} window, stride {3}x{4}, {5} padding (top {6}, bottom {7}, left {8}, right {9})",
                    s.Kind == LayerKind.MaxPool2D ? "maximum" : "mean of the in-bounds cells", s.KernelHeight, s.KernelWidth,
                    s.StrideHeight, s.StrideWidth, s.Padding == Padding.Same ? "same" : "valid", l.PadTop, l.PadBottom, l.PadLeft, l.PadRight),
                LayerKind.Dense => string.Format(CultureInfo.InvariantCulture, "{0} units{1}, {2}", s.Units, s.UseBias ? " + bias" : string.Empty, ActivationText(s)),
                LayerKind.DepthwiseConv2D => string.Format(CultureInfo.InvariantCulture,
                    "{0}x{1} kernel per channel x {2}, stride {3}x{4}, dilation {5}x{6}, {7} padding (top {8}, bottom {9}, left {10}, right {11}){12}, {13}",
                    s.KernelHeight, s.KernelWidth, s.DepthMultiplier, s.StrideHeight, s.StrideWidth, s.DilationHeight, s.DilationWidth,
                    s.Padding == Padding.Same ? "same" : "valid", l.PadTop, l.PadBottom, l.PadLeft, l.PadRight,
                    s.UseBias ? " + bias" : string.Empty, ActivationText(s)),
                LayerKind.Conv2DTranspose => string.Format(CultureInfo.InvariantCulture,
                    "{0} filters {1}x{2} transposed, stride {3}x{4}, {5} padding (cropped top {6}, bottom {7}, left {8}, right {9}){10}, {11}",
                    s.Units, s.KernelHeight, s.KernelWidth, s.StrideHeight, s.StrideWidth, s.Padding == Padding.Same ? "same" : "valid",
                    l.PadTop, l.PadBottom, l.PadLeft, l.PadRight, s.UseBias ? " + bias" : string.Empty, ActivationText(s)),
                LayerKind.BatchNormalization => "per-channel scale and shift (gamma / sqrt(variance + epsilon), beta - mean * scale)",
                LayerKind.GlobalAveragePooling2D => "mean of each channel over all pixels",
                LayerKind.GlobalMaxPooling2D => "maximum of each channel over all pixels",
                LayerKind.ZeroPadding2D => string.Format(CultureInfo.InvariantCulture, "zeros added: top {0}, bottom {1}, left {2}, right {3}", l.PadTop, l.PadBottom, l.PadLeft, l.PadRight),
                LayerKind.Cropping2D => string.Format(CultureInfo.InvariantCulture, "rows and columns removed: top {0}, bottom {1}, left {2}, right {3}", l.PadTop, l.PadBottom, l.PadLeft, l.PadRight),
                LayerKind.UpSampling2D => string.Format(CultureInfo.InvariantCulture, "{0} x{1} (rows) x{2} (columns)",
                    s.Interpolation == Interpolation.Bilinear ? "bilinear (TF half-pixel centers)" : "nearest", s.SizeHeight, s.SizeWidth),
                LayerKind.Add => "element-wise sum of " + string.Join(", ", s.Inputs),
                LayerKind.Concatenate => "channels of " + string.Join(", ", s.Inputs) + ", in that order",
                LayerKind.Activation => ActivationText(s),
                _ => LayerText.TypeName(s.Kind),
            };
            return $"{l.Name} ({LayerText.TypeName(s.Kind)}): {what}; {l.InputShape} -> {l.OutputShape}.";
        }

        /// <summary>" in 2 groups of 4 -> 8 channels" for a grouped convolution, else nothing.</summary>
        private static string Groups(LayerAnalysis l) => l.Spec.Groups <= 1 ? string.Empty : string.Format(CultureInfo.InvariantCulture,
            " in {0} groups of {1} -> {2}", l.Spec.Groups, l.InputShape.Channels / l.Spec.Groups, CodeWriter.Count(l.OutputShape.Channels / l.Spec.Groups, "channel"));

        private static string ActivationText(LayerSpec s) => s.Activation switch
        {
            Activation.LeakyReLU => "LeakyReLU (slope " + s.NegativeSlope.ToString("R", CultureInfo.InvariantCulture) + ")",
            Activation.ELU => "ELU (alpha " + s.Alpha.ToString("R", CultureInfo.InvariantCulture) + ")",
            _ => LayerText.ActivationName(s.Activation),
        };
    }
}
