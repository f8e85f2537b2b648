using System;
using static ConvGen.Generator.Emitting.CodeWriter;

namespace ConvGen.Generator.Emitting
{
    /// <summary>
    /// A sliding window over the input as the convolution kernels see it (Conv2D, grouped, depthwise and transposed): the
    /// sizes they declare as constants, the output columns and rows whose window lies wholly inside the input (the
    /// interior, which runs without clipping), and the one form of the tap-range statements that clip a window at the
    /// border: the kernel taps [kyLo, kyHi) x [kxLo, kxHi) that land inside the input, computed by
    /// <c>ConvGen.Kernels.WindowTaps</c> in the runtime library.
    /// A pointwise convolution (1x1, stride 1, no padding) may be presented as one image row of H*W pixels (a GEMM over
    /// pixels): every pixel is then interior and tiles run across the whole image.
    /// </summary>
    internal sealed class WindowGeometry
    {
        /// <summary>The runtime class with the tap-range helpers (one copy per assembly).</summary>
        public const string Taps = "global::ConvGen.Kernels.WindowTaps";

        private WindowGeometry(LayerAnalysis layer, bool pointwise)
        {
            LayerSpec s = layer.Spec;
            TensorShape input = layer.InputShape, output = layer.OutputShape;
            IsPointwise = pointwise;
            InputHeight = pointwise ? 1 : input.Height;
            InputWidth = pointwise ? input.Height * input.Width : input.Width;
            InputChannels = input.Channels;
            OutputHeight = pointwise ? 1 : output.Height;
            OutputWidth = pointwise ? output.Height * output.Width : output.Width;
            OutputChannels = output.Channels;
            KernelHeight = s.KernelHeight;
            KernelWidth = s.KernelWidth;
            StrideHeight = s.StrideHeight;
            StrideWidth = s.StrideWidth;
            DilationHeight = s.DilationHeight;
            DilationWidth = s.DilationWidth;
            PadTop = layer.PadTop;
            PadLeft = layer.PadLeft;
            (InteriorStart, InteriorEnd) = Inside(InputWidth, OutputWidth, KernelWidth, StrideWidth, DilationWidth, PadLeft);
            (RowStart, RowEnd) = Inside(InputHeight, OutputHeight, KernelHeight, StrideHeight, DilationHeight, PadTop);
        }

        public bool IsPointwise { get; }

        public int InputHeight { get; }

        public int InputWidth { get; }

        public int InputChannels { get; }

        public int OutputHeight { get; }

        public int OutputWidth { get; }

        public int OutputChannels { get; }

        public int KernelHeight { get; }

        public int KernelWidth { get; }

        public int StrideHeight { get; }

        public int StrideWidth { get; }

        public int DilationHeight { get; }

        public int DilationWidth { get; }

        public int PadTop { get; }

        public int PadLeft { get; }

        /// <summary>Output columns [InteriorStart, InteriorEnd) have their whole window inside the input horizontally (both 0 when none has).</summary>
        public int InteriorStart { get; }

        public int InteriorEnd { get; }

        /// <summary>Output rows [RowStart, RowEnd) have their whole window inside the input vertically (both 0 when none has).</summary>
        public int RowStart { get; }

        public int RowEnd { get; }

        /// <summary>Whether some output column has its whole window inside the input.</summary>
        public bool HasInterior => InteriorEnd > InteriorStart;

        /// <summary>The layer's window as it is.</summary>
        public static WindowGeometry Of(LayerAnalysis layer) => new WindowGeometry(layer, pointwise: false);

        /// <summary>The layer's window, a pointwise convolution (1x1, stride 1, no padding) presented as one row of H*W pixels.</summary>
        public static WindowGeometry OfConvolution(LayerAnalysis layer)
        {
            LayerSpec s = layer.Spec;
            bool pointwise = s.KernelHeight == 1 && s.KernelWidth == 1 && s.StrideHeight == 1 && s.StrideWidth == 1
                && layer.PadTop == 0 && layer.PadBottom == 0 && layer.PadLeft == 0 && layer.PadRight == 0;
            return new WindowGeometry(layer, pointwise);
        }

        /// <summary>
        /// The constants every window kernel declares; <paramref name="outputChannels"/> declares the output channel
        /// constants (<c>Filters = 16, FiltersPadded = 16</c>). A transposed convolution has no dilation
        /// (<paramref name="dilation"/> false).
        /// </summary>
        public void Constants(CodeWriter w, string outputChannels, bool dilation = true)
        {
            w.Line($"private const int InputHeight = {I(InputHeight)}, InputWidth = {I(InputWidth)}, InputChannels = {I(InputChannels)};");
            w.Line($"private const int OutputHeight = {I(OutputHeight)}, OutputWidth = {I(OutputWidth)}, {outputChannels};");
            w.Line($"private const int KernelHeight = {I(KernelHeight)}, KernelWidth = {I(KernelWidth)}, StrideHeight = {I(StrideHeight)}, StrideWidth = {I(StrideWidth)};");
            w.Line(dilation
                ? $"private const int DilationHeight = {I(DilationHeight)}, DilationWidth = {I(DilationWidth)}, PadTop = {I(PadTop)}, PadLeft = {I(PadLeft)};"
                : $"private const int PadTop = {I(PadTop)}, PadLeft = {I(PadLeft)};");
        }

        /// <summary>Declares the interior columns as constants (kernels that tile the interior).</summary>
        public void InteriorConstants(CodeWriter w)
        {
            w.Line(HasInterior
                ? $"/// <summary>Output columns [{I(InteriorStart)}, {I(InteriorEnd)}) have their whole window inside the input horizontally.</summary>"
                : "/// <summary>No output column has its whole window inside the input horizontally.</summary>");
            w.Line($"private const int InteriorStart = {I(InteriorStart)}, InteriorEnd = {I(InteriorEnd)};");
        }

        /// <summary>
        /// Declares iy (the input row of the window's top, negative in the padding) and the kernel rows [kyLo, kyHi) inside
        /// the input, for output row <c>oy</c>.
        /// </summary>
        public static void RowTaps(CodeWriter w)
        {
            w.Line("int iy = oy * StrideHeight - PadTop; // input row of the window's top");
            w.Line($"int kyLo = {Taps}.First(iy, DilationHeight), kyHi = {Taps}.End(iy, DilationHeight, InputHeight, KernelHeight); // kernel rows inside the input");
        }

        /// <summary>Declares ix and the kernel columns [kxLo, kxHi) inside the input, for output column <c>ox</c>.</summary>
        public static void ColumnTaps(CodeWriter w)
        {
            w.Line("int ix = ox * StrideWidth - PadLeft; // input column of the window's left edge");
            w.Line($"int kxLo = {Taps}.First(ix, DilationWidth), kxHi = {Taps}.End(ix, DilationWidth, InputWidth, KernelWidth); // kernel columns inside the input");
        }

        /// <summary>
        /// Conv2DTranspose as a gather, for output row <c>oy</c>: fy = oy + PadTop is the row of the uncropped output, and the
        /// kernel rows ky in [kyLo, kyHi) stepping by the stride read input row (fy - ky) / StrideHeight, inside the input.
        /// </summary>
        public static void TransposedRowTaps(CodeWriter w)
        {
            w.Line("int fy = oy + PadTop; // row of the uncropped output");
            w.Line($"int kyLo = {Taps}.FirstTransposed(fy, StrideHeight, InputHeight), kyHi = {Taps}.EndTransposed(fy, KernelHeight); // kernel rows that reach it, by StrideHeight");
        }

        /// <summary>The columns' counterpart of <see cref="TransposedRowTaps"/>, for output column <c>ox</c>.</summary>
        public static void TransposedColumnTaps(CodeWriter w)
        {
            w.Line("int fx = ox + PadLeft; // column of the uncropped output");
            w.Line($"int kxLo = {Taps}.FirstTransposed(fx, StrideWidth, InputWidth), kxHi = {Taps}.EndTransposed(fx, KernelWidth); // kernel columns that reach it, by StrideWidth");
        }

        /// <summary>The outputs [start, end) along one axis whose window lies inside the input; (0, 0) when none does.</summary>
        private static (int Start, int End) Inside(int input, int output, int kernel, int stride, int dilation, int padBefore)
        {
            int effective = (dilation * (kernel - 1)) + 1;
            int start = (padBefore + stride - 1) / stride;
            int numerator = input - effective + padBefore;
            int end = numerator < 0 ? 0 : Math.Min((numerator / stride) + 1, output);
            return end <= start ? (0, 0) : (start, end);
        }
    }
}
