using static ConvGen.Generator.Emitting.CodeWriter;

namespace ConvGen.Generator.Emitting
{
    /// <summary>
    /// Shared by the depthwise and grouped convolutions: the constants of a sliding window and, per output pixel, the range
    /// of kernel taps that land inside the input, so the tap loops need no bounds tests (padding taps add zero and are skipped).
    /// </summary>
    internal static class TapRangeEmitter
    {
        public static void Constants(CodeWriter w, LayerAnalysis layer)
        {
            LayerSpec s = layer.Spec;
            w.Line($"private const int InputHeight = {I(layer.InputShape.Height)}, InputWidth = {I(layer.InputShape.Width)}, InputChannels = {I(layer.InputShape.Channels)};");
            w.Line($"private const int OutputHeight = {I(layer.OutputShape.Height)}, OutputWidth = {I(layer.OutputShape.Width)}, OutputChannels = {I(layer.OutputShape.Channels)};");
            w.Line($"private const int KernelHeight = {I(s.KernelHeight)}, KernelWidth = {I(s.KernelWidth)}, StrideHeight = {I(s.StrideHeight)}, StrideWidth = {I(s.StrideWidth)};");
            w.Line($"private const int DilationHeight = {I(s.DilationHeight)}, DilationWidth = {I(s.DilationWidth)}, PadTop = {I(layer.PadTop)}, PadLeft = {I(layer.PadLeft)};");
        }

        /// <summary>
        /// Declares iy/ix (the window's top-left input cell, possibly in the padding) and [kyStart, kyEnd), [kxStart, kxEnd):
        /// the taps whose input cell iy + ky * dilation lies in [0, InputHeight). TF padding never puts a whole window past
        /// the bottom/right edge, so the end bounds stay non-negative.
        /// </summary>
        public static void Rows(CodeWriter w)
        {
            w.Line("int iy = oy * StrideHeight - PadTop;");
            w.Line("int kyStart = iy >= 0 ? 0 : (-iy + DilationHeight - 1) / DilationHeight;");
            w.Line("int kyEnd = Math.Min(KernelHeight, (InputHeight - 1 - iy) / DilationHeight + 1);");
        }

        public static void Columns(CodeWriter w)
        {
            w.Line("int ix = ox * StrideWidth - PadLeft;");
            w.Line("int kxStart = ix >= 0 ? 0 : (-ix + DilationWidth - 1) / DilationWidth;");
            w.Line("int kxEnd = Math.Min(KernelWidth, (InputWidth - 1 - ix) / DilationWidth + 1);");
        }
    }
}
