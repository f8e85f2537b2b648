using System;
using System.Collections.Generic;
using System.Linq;
using static ConvGen.Generator.Emitting.CodeWriter;

namespace ConvGen.Generator.Emitting
{
    /// <summary>
    /// One register tile of a convolution: P output pixels of a row x the vectors of one channel block. For every
    /// kernel row inside the input, the tile walks the window's input values in memory order (with dilation 1, the
    /// kernel columns and input channels of a row are one contiguous run in both the NHWC input and the packed
    /// kernel): each step loads the block's weight vectors once and multiply-adds them with P broadcast input values.
    /// The window columns [kxLo, kxHi) are a parameter, so border pixels use the single-pixel tile with their window
    /// clipped and no tap tests for padding.
    /// </summary>
    internal static class ConvolutionKernelEmitter
    {
        /// <summary>Tile5x4_512: 5 pixels of a row x 4 vectors; Column5x4_512: 5 pixels of a column; Row13x1_512: 13 pixels of a row in the shared-column form.</summary>
        public static string Name(int pixels, bool vertical, ChannelBlock block, VectorWidth width, bool shared = false) =>
            $"{(vertical ? "Column" : shared ? "Row" : "Tile")}{I(pixels)}x{block.Tag}_{width.Suffix}";

        /// <summary>Whether a tile takes the shared-column form (<see cref="EmitSharedRow"/>): a row tile of more than one pixel, in a layer and block that allow it.</summary>
        public static bool IsSharedRow(LayerSpec s, int pixels, bool vertical, ChannelBlock block, VectorWidth width, bool chunked) =>
            !vertical && pixels > 1 && SharedRowPixels(s, block, width, chunked) > 0;

        /// <param name="chunked">
        /// Whether the tile covers input channels [cLo, cHi) only (parameters): the first chunk starts from the bias, later
        /// ones from the partial sums stored in the output, and only the last chunk applies the activation. Chunking keeps
        /// the slice of packed weights the tiles stream small enough to stay in the L1 cache across the whole image.
        /// </param>
        /// <param name="rowStride">What a vertical tile's next pixel is away from its first in the output (a fused pool's border columns have their own buffer).</param>
        public static void Emit(CodeWriter w, LayerSpec s, WindowGeometry g, int pixels, bool vertical, ChannelBlock block, VectorWidth width, bool chunked, string rowStride = "OutputWidth * Filters")
        {
            if (IsSharedRow(s, pixels, vertical, block, width, chunked))
            {
                EmitSharedRow(w, s, g, pixels, block, width);
                return;
            }

            string direction = pixels == 1 ? "1 output pixel" : $"{I(pixels)} output pixels of a {(vertical ? "column" : "row")}";
            string stride = vertical ? rowStride : "Filters";
            w.Line($"/// <summary>{direction} x {I(block.Width)} channels ({I(block.Vectors)} {width.Static}) in {Count(pixels * block.Vectors, "accumulator")}; kernel rows [kyLo, kyHi) and columns [kxLo, kxHi) of the window{(chunked ? ", input channels [cLo, cHi)" : string.Empty)}.</summary>");
            using (w.Block($"private static void {Name(pixels, vertical, block, width)}(ref float input, int iy, int ix, int kyLo, int kyHi, int kxLo, int kxHi, ref float dst, ref float kernel, ref float bias{(chunked ? ", int cLo, int cHi" : string.Empty)})"))
            {
                if (!chunked)
                {
                    ChannelBlockEmitter.Initialize(w, width, block, pixels, s.UseBias);
                }
                else
                {
                    ContinueOrInitialize(w, s, pixels, block, width, stride);
                }

                using (w.Block("for (int ky = kyLo; ky < kyHi; ky++)"))
                {
                    w.Line("int inputRow = (iy + ky * DilationHeight) * InputWidth;");
                    if (s.DilationWidth == 1 && !chunked)
                    {
                        w.Line("// kernel columns kxLo..kxHi-1 times all input channels: one contiguous run of the input row and of the packed kernel");
                        w.Line("nint at = (inputRow + ix + kxLo) * InputChannels;");
                        w.Line("nint kAt = (ky * KernelWidth + kxLo) * InputChannels * FiltersPadded;");
                        w.Line("nint end = at + (kxHi - kxLo) * InputChannels;");
                        using (w.Block("for (; at < end; at++, kAt += FiltersPadded)"))
                        {
                            MultiplyAdds(w, pixels, vertical, block, width);
                        }
                    }
                    else
                    {
                        string first = chunked ? "cLo" : "0", count = chunked ? "cHi - cLo" : "InputChannels";
                        using (w.Block("for (int kx = kxLo; kx < kxHi; kx++)"))
                        {
                            w.Line($"nint at = {Plus("(inputRow + ix + kx * DilationWidth) * InputChannels", first)};");
                            w.Line(chunked ? "nint kAt = ((ky * KernelWidth + kx) * InputChannels + cLo) * FiltersPadded;" : "nint kAt = (ky * KernelWidth + kx) * InputChannels * FiltersPadded;");
                            w.Line($"nint end = at + {count};");
                            using (w.Block("for (; at < end; at++, kAt += FiltersPadded)"))
                            {
                                MultiplyAdds(w, pixels, vertical, block, width);
                            }
                        }
                    }
                }

                if (!chunked)
                {
                    ChannelBlockEmitter.Store(w, width, block, pixels, stride, s);
                    return;
                }

                using (w.Block("if (cHi == InputChannels)"))
                {
                    ChannelBlockEmitter.Store(w, width, block, pixels, stride, s);
                }

                using (w.Block("else"))
                {
                    w.Line("// partial sums: the next chunk continues from them");
                    ChannelBlockEmitter.Store(w, width, block, pixels, stride, s, activate: false);
                }
            }
        }

        /// <summary>Most pixels in a row tile of the shared-column form (<see cref="EmitSharedRow"/>).</summary>
        public const int MaxSharedPixels = 16;

        /// <summary>Vector registers the JIT has for a width: 32 with AVX-512; 16 for Vector256 (AVX2 may run it) and Vector128 (SSE).</summary>
        public static int Registers(VectorWidth width) => width.Bits == 512 ? 32 : 16;

        /// <summary>
        /// Most pixels of a row tile in the shared-column form, or 0 when the layer's row tiles take the per-tap form: the
        /// form needs neighbouring pixels' windows to overlap (dilation 1, stride below the kernel width), whole input
        /// channels (no chunks), and registers for the accumulators beside one kernel row of weight vectors (blocks of at
        /// most 2 vectors, 1 with 16 registers: with more, the per-tap form already reuses each broadcast for several
        /// vectors and keeps more accumulators), and enough of them; it is taken when it loads less per multiply-add than
        /// the per-tap form.
        /// </summary>
        public static int SharedRowPixels(LayerSpec s, ChannelBlock block, VectorWidth width, bool chunked) =>
            chunked ? 0 : SharedRowPixels(s, block.Vectors, width);

        private static int SharedRowPixels(LayerSpec s, int vectors, VectorWidth width)
        {
            if (s.DilationWidth != 1 || s.KernelWidth < 2 || s.StrideWidth >= s.KernelWidth || vectors > (Registers(width) == 16 ? 1 : 2))
            {
                return 0;
            }

            int kw = s.KernelWidth, stride = s.StrideWidth;
            int spare = stride > 1 ? 3 : 2; // the broadcast, and with a stride the JIT keeps a second one live
            int most = Math.Min(MaxSharedPixels, (Registers(width) - (kw * vectors) - spare) / vectors);
            int perTap = Math.Max(1, Math.Min(ConvolutionEmitter.MaxTilePixels, width.AccumulatorBudget / vectors));
            if (most < 2 || most * vectors < Math.Min(MinAccumulators, perTap * vectors))
            {
                return 0; // too few accumulators to hide the multiply-add latency
            }

            // loads (weight vectors and broadcasts) per multiply-add: per kernel row and channel in this form, per tap and channel in the other
            double shared = ((kw * vectors) + ((most - 1) * stride) + kw) / (double)(most * kw * vectors);
            double tap = (vectors + perTap) / (double)(perTap * vectors);
            return shared < tap ? most : 0;
        }

        /// <summary>Independent accumulators a tile needs to keep two FMA units busy at a latency of 4 cycles.</summary>
        private const int MinAccumulators = 8;

        /// <summary>
        /// A row tile in the shared-column form, for whole windows (the caller passes kernel columns [0, KernelWidth)):
        /// per kernel row and input channel, the weight vectors of every kernel column are loaded once, and each input
        /// column under the tile is broadcast once and multiplied into every pixel whose window covers it
        /// (pixel p, kernel column kx read input column p * StrideWidth + kx). With 1 vector of output channels the
        /// per-tap form loads a broadcast for every multiply-add; this one about KernelWidth / StrideWidth times fewer.
        /// </summary>
        private static void EmitSharedRow(CodeWriter w, LayerSpec s, WindowGeometry g, int pixels, ChannelBlock block, VectorWidth width)
        {
            int kw = s.KernelWidth, stride = s.StrideWidth;
            w.Line($"/// <summary>{I(pixels)} output pixels of a row x {I(block.Width)} channels ({I(block.Vectors)} {width.Static}) in {Count(pixels * block.Vectors, "accumulator")}, whole windows (kxLo = 0, kxHi = KernelWidth); kernel rows [kyLo, kyHi). Each input column under the tile is broadcast once per kernel row and channel, and multiplied with the kernel columns that reach it.</summary>");
            using (w.Block($"private static void {Name(pixels, false, block, width, shared: true)}(ref float input, int iy, int ix, int kyLo, int kyHi, int kxLo, int kxHi, ref float dst, ref float kernel, ref float bias)"))
            {
                ChannelBlockEmitter.Initialize(w, width, block, pixels, s.UseBias);
                using (w.Block("for (int ky = kyLo; ky < kyHi; ky++)"))
                {
                    w.Line("nint at = ((iy + ky * DilationHeight) * InputWidth + ix) * InputChannels;");
                    w.Line("nint kAt = ky * KernelWidth * InputChannels * FiltersPadded;");
                    bool loop = g.InputChannels > 1;
                    using (loop ? w.Block("for (int c = 0; c < InputChannels; c++, at++, kAt += FiltersPadded)") : w.Scope())
                    {
                        LoadKernelRow(w, kw, block, width);
                        bool declared = false;
                        SharedColumns(w, pixels, stride, kw, block, width, "at", 0, ref declared);
                    }
                }

                ChannelBlockEmitter.Store(w, width, block, pixels, "Filters", s);
            }
        }

        /// <summary>
        /// Pool windows per tile of the pooled form (<see cref="EmitPooledRow"/>), or 0 when it does not fit: the layer's
        /// row tiles take the shared-column form, and the accumulators of PoolHeight rows x the windows' columns fit
        /// beside one kernel row of weights, at least <see cref="MinAccumulators"/> of them.
        /// </summary>
        public static int PooledRowWindows(LayerSpec s, ChannelBlock block, VectorWidth width, int poolHeight, int poolWidth)
        {
            if (SharedRowPixels(s, block.Vectors, width) == 0)
            {
                return 0;
            }

            int spare = s.StrideWidth > 1 ? 3 : 2;
            int perWindow = poolHeight * poolWidth * block.Vectors;
            int windows = Math.Min(MaxSharedPixels / poolWidth, (Registers(width) - (s.KernelWidth * block.Vectors) - spare) / perWindow);
            return windows >= 1 && windows * perWindow >= MinAccumulators ? windows : 0;
        }

        /// <summary>PooledRow6x1_512: 6 pool windows of a row x 1 vector.</summary>
        public static string PooledName(int windows, ChannelBlock block, VectorWidth width) => $"PooledRow{I(windows)}x{block.Tag}_{width.Suffix}";

        /// <summary>
        /// A fused pool's windows computed in registers: the PoolHeight convolution rows under <paramref name="windows"/>
        /// neighbouring pool windows, whole convolution windows only (the caller passes the top-left input position), in
        /// the shared-column form with each kernel row's weights loaded once for all PoolHeight rows; then the
        /// activation, the maximum or mean of each window, and one store per window and vector: the convolution's
        /// values never leave the registers.
        /// </summary>
        public static void EmitPooledRow(CodeWriter w, LayerSpec s, WindowGeometry g, int windows, ChannelBlock block, VectorWidth width, LayerSpec pool)
        {
            int kw = s.KernelWidth, stride = s.StrideWidth, ph = pool.KernelHeight, pw = pool.KernelWidth;
            int pixels = windows * pw;
            bool max = pool.Kind == LayerKind.MaxPool2D;
            w.Line($"/// <summary>{Count(windows, "pool window")} ({I(ph)} rows x {I(pixels)} output pixels) x {I(block.Width)} channels ({I(block.Vectors)} {width.Static}) in {Count(ph * pixels * block.Vectors, "accumulator")}, whole windows; each input column of each row broadcast once per kernel row and channel; then the {(max ? "maximum" : "mean")} of each pool window, stored at dst.</summary>");
            using (w.Block($"private static void {PooledName(windows, block, width)}(ref float input, int iy, int ix, ref float dst, ref float kernel, ref float bias)"))
            {
                ChannelBlockEmitter.Initialize(w, width, block, ph * pixels, s.UseBias);
                using (w.Block("for (int ky = 0; ky < KernelHeight; ky++)"))
                {
                    w.Line("nint kAt = ky * KernelWidth * InputChannels * FiltersPadded;");
                    for (int r = 0; r < ph; r++)
                    {
                        w.Line(r == 0
                            ? "nint at0 = ((iy + ky * DilationHeight) * InputWidth + ix) * InputChannels;"
                            : $"nint at{I(r)} = at0 + {Times(r, "StrideHeight * InputWidth * InputChannels")};");
                    }

                    string advance = string.Concat(Enumerable.Range(0, ph).Select(r => $", at{I(r)}++"));
                    using (g.InputChannels > 1 ? w.Block($"for (int c = 0; c < InputChannels; c++{advance}, kAt += FiltersPadded)") : w.Scope())
                    {
                        LoadKernelRow(w, kw, block, width);
                        bool declared = false;
                        for (int r = 0; r < ph; r++)
                        {
                            SharedColumns(w, pixels, stride, kw, block, width, $"at{I(r)}", r * pixels, ref declared);
                        }
                    }
                }

                for (int q = 0; q < windows; q++)
                {
                    for (int j = 0; j < block.Vectors; j++)
                    {
                        string m = $"m{I(q)}_{I(j)}";
                        for (int dy = 0; dy < ph; dy++)
                        {
                            for (int dx = 0; dx < pw; dx++)
                            {
                                string acc = $"a{I((dy * pixels) + (q * pw) + dx)}_{I(j)}";
                                string value = width.Activation(s.Activation, s.ActivationCoefficient, acc) ?? acc;
                                string cell = value == acc ? acc : $"({value})";
                                w.Line(dy == 0 && dx == 0
                                    ? $"{width.Type} {m} = {value};"
                                    : max ? $"{m} = {width.Static}.Max({m}, {value});" : $"{m} += {cell};");
                            }
                        }

                        if (!max)
                        {
                            w.Line($"{m} /= {width.Static}.Create({F(ph * pw)});");
                        }

                        string offset = Plus(Times(q, "Filters"), I(j * width.Lanes));
                        if (j == block.Vectors - 1 && block.IsPartial)
                        {
                            width.StorePartial(w, m, block.LastLanes, "dst", offset);
                        }
                        else
                        {
                            w.Line($"{ChannelBlockEmitter.Store(m, "dst", offset)};");
                        }
                    }
                }
            }
        }

        /// <summary>Declares w{kx}_{j}: the block's weight vectors of every kernel column, for the kernel row and input channel at kAt.</summary>
        private static void LoadKernelRow(CodeWriter w, int kw, ChannelBlock block, VectorWidth width)
        {
            for (int kx = 0; kx < kw; kx++)
            {
                for (int j = 0; j < block.Vectors; j++)
                {
                    string offset = Plus(Plus("kAt", Times(kx, "InputChannels * FiltersPadded")), I(j * width.Lanes));
                    w.Line($"{width.Type} w{I(kx)}_{I(j)} = {width.Static}.LoadUnsafe(ref Unsafe.Add(ref kernel, {offset}));");
                }
            }
        }

        /// <summary>
        /// The input columns under <paramref name="pixels"/> pixels of one row (from <paramref name="at"/>), each broadcast
        /// once into v and multiplied into the accumulators a{first + p}_{j} of the pixels whose window covers it.
        /// </summary>
        private static void SharedColumns(CodeWriter w, int pixels, int stride, int kw, ChannelBlock block, VectorWidth width, string at, int first, ref bool declared)
        {
            int columns = ((pixels - 1) * stride) + kw;
            for (int column = 0; column < columns; column++)
            {
                var uses = new List<(int Pixel, int Kx)>();
                for (int p = 0; p < pixels; p++)
                {
                    int kx = column - (p * stride);
                    if (kx >= 0 && kx < kw)
                    {
                        uses.Add((p, kx));
                    }
                }

                if (uses.Count == 0)
                {
                    continue;
                }

                w.Line($"{(declared ? string.Empty : width.Type + " ")}v = {width.Static}.Create(Unsafe.Add(ref input, {Plus(at, Times(column, "InputChannels"))}));");
                declared = true;
                foreach ((int p, int kx) in uses)
                {
                    for (int j = 0; j < block.Vectors; j++)
                    {
                        string acc = $"a{I(first + p)}_{I(j)}";
                        w.Line($"{acc} = {width.Static}.MultiplyAddEstimate(v, w{I(kx)}_{I(j)}, {acc});");
                    }
                }
            }
        }

        /// <summary>Chunked tiles: start from the bias on the first chunk, else from the partial sums in the output (whole vectors: chunking is only used without partial vectors).</summary>
        private static void ContinueOrInitialize(CodeWriter w, LayerSpec s, int pixels, ChannelBlock block, VectorWidth width, string stride)
        {
            for (int p = 0; p < pixels; p++)
            {
                for (int j = 0; j < block.Vectors; j++)
                {
                    w.Line($"{width.Type} a{I(p)}_{I(j)};");
                }
            }

            using (w.Block("if (cLo == 0)"))
            {
                for (int j = 0; j < block.Vectors; j++)
                {
                    w.Line(s.UseBias
                        ? $"{width.Type} bias{I(j)} = {ChannelBlockEmitter.Load(width, "bias", I(j * width.Lanes))};"
                        : $"{width.Type} bias{I(j)} = {width.Type}.Zero;");
                    for (int p = 0; p < pixels; p++)
                    {
                        w.Line($"a{I(p)}_{I(j)} = bias{I(j)};");
                    }
                }
            }

            using (w.Block("else"))
            {
                for (int p = 0; p < pixels; p++)
                {
                    for (int j = 0; j < block.Vectors; j++)
                    {
                        w.Line($"a{I(p)}_{I(j)} = {ChannelBlockEmitter.Load(width, "dst", Plus(Times(p, stride), I(j * width.Lanes)))};");
                    }
                }
            }
        }

        /// <summary>One input channel of one tap: the block's weight vectors, times each pixel's broadcast input value.</summary>
        private static void MultiplyAdds(CodeWriter w, int pixels, bool vertical, ChannelBlock block, VectorWidth width) =>
            MultiplyAdds(w, pixels, vertical ? "StrideHeight * InputWidth * InputChannels" : "StrideWidth * InputChannels", block, width);

        /// <summary>
        /// One input channel of one tap: the block's weight vectors (at <c>kernel[kAt]</c>), times each pixel's broadcast input
        /// value (pixel p at <c>input[at + p * pixelStride]</c>), into the accumulators <c>a{p}_{j}</c>.
        /// </summary>
        public static void MultiplyAdds(CodeWriter w, int pixels, string pixelStride, ChannelBlock block, VectorWidth width)
        {
            for (int j = 0; j < block.Vectors; j++)
            {
                string offset = Plus("kAt", I(j * width.Lanes));
                w.Line($"{width.Type} w{I(j)} = {width.Static}.LoadUnsafe(ref Unsafe.Add(ref kernel, {offset}));");
            }

            for (int p = 0; p < pixels; p++)
            {
                string offset = Plus("at", Times(p, pixelStride));
                w.Line($"{(p == 0 ? width.Type + " " : string.Empty)}v = {width.Static}.Create(Unsafe.Add(ref input, {offset}));");
                for (int j = 0; j < block.Vectors; j++)
                {
                    w.Line($"a{I(p)}_{I(j)} = {width.Static}.MultiplyAddEstimate(v, w{I(j)}, a{I(p)}_{I(j)});");
                }
            }
        }
    }
}
