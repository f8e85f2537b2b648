// Conv2DTranspose's generator code, in one file: the inference kernel (TransposedConvolutionEmitter, namespace Emitting) and the
// training passes (Conv2DTransposeTraining, namespace Training). Both are found by the kinds they declare.

namespace ConvGen.Generator.Emitting
{
    using System;
    using System.Collections.Generic;
    using System.Globalization;
    using ConvGen.Generator.Planning;
    using static ConvGen.Generator.Emitting.CodeWriter;

    /// <summary>
    /// Conv2DTranspose written as a gather: output cell (oy, ox) sits at (fy, fx) = (oy + PadTop, ox + PadLeft) of the full
    /// (uncropped) output and receives x[iy, ix] * k[ky, kx] for every tap with fy = iy * stride + ky, i.e. ky = fy mod stride,
    /// fy mod stride + stride, ..., clipped to the input by the <see cref="WindowGeometry"/> tap range.
    /// <para>
    /// The output columns fall into StrideWidth phases by fx mod StrideWidth. The columns of one phase are reached by the
    /// same kernel columns, and neighbours in a phase (StrideWidth apart in the output) read neighbouring input columns:
    /// a phase row is a stride-1 convolution with a sub-kernel. So interior columns (every tap of their phase inside the
    /// input) run in register tiles of several pixels of one phase x a block of output channels, with the widest
    /// accelerated vectors, as Conv2D's tiles do; the few border columns take the one-pixel loop with their taps clipped.
    /// Rows need no such split: each row's taps [kyLo, kyHi) hold for all its pixels.
    /// </para>
    /// </summary>
    internal sealed class TransposedConvolutionEmitter : LayerKernelEmitter
    {
        public override IReadOnlyList<LayerKind> Kinds { get; } = KindList(LayerKind.Conv2DTranspose);

        protected override string Describe(LayerAnalysis l)
        {
            LayerSpec s = l.Spec;
            return string.Format(CultureInfo.InvariantCulture,
                "{0} filters {1}x{2} transposed, stride {3}x{4}, {5} padding (cropped top {6}, bottom {7}, left {8}, right {9}){10}, {11}",
                s.Units, s.KernelHeight, s.KernelWidth, s.StrideHeight, s.StrideWidth, PaddingText(s),
                l.PadTop, l.PadBottom, l.PadLeft, l.PadRight, BiasText(s), ActivationText(s));
        }

        protected override void EmitMembers(CodeWriter w, LayerPlan plan)
        {
            LayerAnalysis layer = plan.Layer;
            WindowGeometry g = WindowGeometry.Of(layer);
            g.Constants(w, $"Filters = {I(g.OutputChannels)}, FiltersPadded = {I(plan.PaddedUnits)}", dilation: false);
            (int interiorStart, int interiorEnd) = Interior(g);
            if (interiorEnd > interiorStart)
            {
                w.Line("/// <summary>Output columns [InteriorStart, InteriorEnd) receive every kernel column of their phase (fx mod StrideWidth) from inside the input.</summary>");
                w.Line($"private const int InteriorStart = {I(interiorStart)}, InteriorEnd = {I(interiorEnd)};");
            }

            IReadOnlyList<VectorWidth> widths = VectorWidth.For(g.OutputChannels);
            w.Line();
            w.Line("/// <summary>Computes the whole layer with the widest accelerated vectors.</summary>");
            using (w.Block("public static void Run(ref float input, ref float output, ref float kernel, ref float bias)"))
            {
                VectorWidth.Dispatch(w, widths, width => $"Run{width.Suffix}(ref input, ref output, ref kernel, ref bias);");
                WriteActivationPass(w, plan);
            }

            foreach (VectorWidth width in widths)
            {
                EmitWidth(w, layer.Spec, g, width, interiorStart, interiorEnd);
            }

            w.Line();
            w.Line("/// <summary>One output pixel at (fy, fx) of the full output, all channels: the taps [kyLo, kyHi) x [kxLo, kxHi), by the strides, that reach it from input cells.</summary>");
            using (w.Block("private static void Pixel(ref float input, ref float dst, ref float kernel, ref float bias, int fy, int fx, int kyLo, int kyHi, int kxLo, int kxHi)"))
            {
                ChannelBlockEmitter.Emit(w, layer.OutputShape.Channels, layer.Spec.UseBias, layer.Spec, vectors =>
                {
                    using (w.Block("for (int ky = kyLo; ky < kyHi; ky += StrideHeight)"))
                    {
                        w.Line("int iy = (fy - ky) / StrideHeight;");
                        using (w.Block("for (int kx = kxLo; kx < kxHi; kx += StrideWidth)"))
                        {
                            w.Line("int ix = (fx - kx) / StrideWidth;");
                            w.Line("int at = (iy * InputWidth + ix) * InputChannels;");
                            w.Line("int row = (ky * KernelWidth + kx) * InputChannels * FiltersPadded;");
                            using (w.For("c", 0, g.InputChannels, toText: "InputChannels"))
                            {
                                w.Line("Vector128<float> x = Vector128.Create(Unsafe.Add(ref input, at + c));");
                                w.Line("ref float weights = ref Unsafe.Add(ref kernel, row + c * FiltersPadded + oc);");
                                for (int j = 0; j < vectors; j++)
                                {
                                    w.Line($"acc{j} = Vector128.MultiplyAddEstimate(x, {(j == 0 ? "Vector128.LoadUnsafe(ref weights)" : $"Vector128.LoadUnsafe(ref weights, {I(j * 4)})")}, acc{j});");
                                }
                            }
                        }
                    }
                });
            }
        }

        /// <summary>
        /// The output columns whose phase's kernel columns all read inside the input: fx = ox + PadLeft from KernelWidth - 1
        /// (every tap has fx - kx ≥ 0) to StrideWidth * InputWidth - 1 (the phase's first tap, fx mod StrideWidth, reads
        /// input column fx div StrideWidth &lt; InputWidth). (0, 0) when there are none.
        /// </summary>
        internal static (int Start, int End) Interior(WindowGeometry g)
        {
            int start = Math.Max(0, g.KernelWidth - 1 - g.PadLeft);
            int end = Math.Min(g.OutputWidth, (g.StrideWidth * g.InputWidth) - g.PadLeft);
            return end > start ? (start, end) : (0, 0);
        }

        /// <summary>
        /// RunNNN: per output row, per block of output channels, each phase's interior columns in tiles, then the row's
        /// border columns one pixel at a time.
        /// </summary>
        private static void EmitWidth(CodeWriter w, LayerSpec s, WindowGeometry g, VectorWidth width, int interiorStart, int interiorEnd)
        {
            int stride = g.StrideWidth;
            IReadOnlyList<ChannelBlock> blocks = ChannelBlockEmitter.Plan(g.OutputChannels, width, width.TileVectors);
            var tiles = new List<(int Pixels, ChannelBlock Block)>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            string Tile(int pixels, ChannelBlock block)
            {
                string name = $"Phase{I(pixels)}x{block.Tag}_{width.Suffix}";
                if (names.Add(name))
                {
                    tiles.Add((pixels, block));
                }

                return name;
            }

            bool interior = interiorEnd > interiorStart;
            w.Line();
            w.Line($"/// <summary>The layer with {width.Static} floats: per output row and block of output channels, the interior columns of each phase (fx mod StrideWidth) in tiles of pixels StrideWidth apart{(interior ? ", then the border columns one pixel at a time" : "; every column is a border column, computed one pixel at a time")}.</summary>");
            using (w.Block($"private static void Run{width.Suffix}(ref float input, ref float output, ref float kernel, ref float bias)"))
            using (w.For("oy", 0, g.OutputHeight, toText: "OutputHeight"))
            {
                WindowGeometry.TransposedRowTaps(w);
                w.Line($"ref float row = {Ref("output", "oy * OutputWidth * Filters")};");
                if (interior)
                {
                    foreach (ChannelBlock block in blocks)
                    {
                        w.Line(ChannelBlockEmitter.RangeComment(block, width, g.OutputChannels));
                        using (w.For("oc", block.FirstChannel, block.FirstChannel + (block.Count * block.Width), block.Width))
                        {
                            w.Line($"ref float k = {Ref("kernel", "oc")};");
                            w.Line($"ref float b = {Ref("bias", "oc")};");
                            w.Line($"ref float d = {Ref("row", "oc")};");
                            for (int phase = 0; phase < stride; phase++)
                            {
                                int first = FirstOfPhase(interiorStart, g.PadLeft, stride, phase);
                                int count = first < interiorEnd ? ((interiorEnd - first + stride - 1) / stride) : 0;
                                if (count == 0)
                                {
                                    continue;
                                }

                                ConvolutionEmitter.TileSizes sizes = ConvolutionEmitter.TileSizes.For(count, block, width);
                                int pixels = sizes.Pixels, whole = sizes.Tiles, tail = sizes.Tail;
                                string call(string ox, int n) => $"{Tile(n, block)}(ref input, fy, {ox} + PadLeft, kyLo, kyHi, {I(phase)}, {Ref("d", Times(ox, "Filters"))}, ref k, ref b);";
                                w.Line(stride == 1
                                    ? $"// columns [{I(first)}, {I(interiorEnd)}): {Count(whole, "tile")} of {I(pixels)}{(tail > 0 ? $" and one of {I(tail)}" : string.Empty)}"
                                    : $"// phase {I(phase)} (fx mod StrideWidth = {I(phase)}): columns {I(first)}, {I(first + stride)}, ... ({I(count)}), {Count(whole, "tile")} of {I(pixels)}{(tail > 0 ? $" and one of {I(tail)}" : string.Empty)}");
                                using (w.For("ox", first, first + (whole * pixels * stride), pixels * stride))
                                {
                                    w.Line(call("ox", pixels));
                                }

                                if (tail > 0)
                                {
                                    w.Line(call(I(first + (whole * pixels * stride)), tail));
                                }
                            }
                        }
                    }
                }

                var borders = new List<(int From, int To)>();
                if (!interior)
                {
                    borders.Add((0, g.OutputWidth));
                }
                else
                {
                    if (interiorStart > 0)
                    {
                        borders.Add((0, interiorStart));
                    }

                    if (interiorEnd < g.OutputWidth)
                    {
                        borders.Add((interiorEnd, g.OutputWidth));
                    }
                }

                foreach ((int from, int to) in borders)
                {
                    w.Line("// border columns: some taps of their phase fall outside the input");
                    using (w.For("ox", from, to, fromText: from == interiorEnd && interior ? "InteriorEnd" : null, toText: to == g.OutputWidth ? "OutputWidth" : to == interiorStart ? "InteriorStart" : null))
                    {
                        WindowGeometry.TransposedColumnTaps(w);
                        w.Line("Pixel(ref input, ref Unsafe.Add(ref row, ox * Filters), ref kernel, ref bias, fy, fx, kyLo, kyHi, kxLo, kxHi);");
                    }
                }
            }

            foreach ((int pixels, ChannelBlock block) in tiles)
            {
                w.Line();
                EmitTile(w, s, pixels, block, width);
            }
        }

        /// <summary>The first output column at or after <paramref name="from"/> whose fx = ox + padLeft is ≡ <paramref name="phase"/> mod the stride.</summary>
        private static int FirstOfPhase(int from, int padLeft, int stride, int phase) =>
            from + ((((phase - ((from + padLeft) % stride)) % stride) + stride) % stride);

        /// <summary>
        /// PhaseNxV_WWW: N output pixels of one phase (StrideWidth apart in the output row, neighbouring columns in the
        /// input) x one block of channels. For each tap, each input channel's weight vectors are loaded once and multiplied
        /// with the N pixels' broadcast inputs, as in Conv2D's tiles.
        /// </summary>
        private static void EmitTile(CodeWriter w, LayerSpec s, int pixels, ChannelBlock block, VectorWidth width)
        {
            w.Line($"/// <summary>{Count(pixels, "output pixel")} of a row, StrideWidth apart (one phase: kernel columns kxLo, kxLo + StrideWidth, ... all reach {(pixels == 1 ? "it" : "them")} from inside the input) x {I(block.Width)} channels ({I(block.Vectors)} {width.Static}) in {Count(pixels * block.Vectors, "accumulator")}; kernel rows [kyLo, kyHi) by StrideHeight.</summary>");
            using (w.Block($"private static void Phase{I(pixels)}x{block.Tag}_{width.Suffix}(ref float input, int fy, int fx, int kyLo, int kyHi, int kxLo, ref float dst, ref float kernel, ref float bias)"))
            {
                ChannelBlockEmitter.Initialize(w, width, block, pixels, s.UseBias);
                using (w.Block("for (int ky = kyLo; ky < kyHi; ky += StrideHeight)"))
                {
                    w.Line("int inputRow = (fy - ky) / StrideHeight * InputWidth;");
                    using (w.Block("for (int kx = kxLo; kx < KernelWidth; kx += StrideWidth)"))
                    {
                        w.Line("// the tap's input pixel for the tile's first output pixel; the next output pixel of the phase reads the input pixel right of it");
                        w.Line("nint at = (inputRow + ((fx - kx) / StrideWidth)) * InputChannels;");
                        w.Line("nint kAt = (ky * KernelWidth + kx) * InputChannels * FiltersPadded;");
                        w.Line("nint end = at + InputChannels;");
                        using (w.Block("for (; at < end; at++, kAt += FiltersPadded)"))
                        {
                            ConvolutionKernelEmitter.MultiplyAdds(w, pixels, "InputChannels", block, width);
                        }
                    }
                }

                ChannelBlockEmitter.Store(w, width, block, pixels, "StrideWidth * Filters", s);
            }
        }
    }
}

namespace ConvGen.Generator.Training
{
    using System.Collections.Generic;
    using ConvGen.Generator.Emitting;
    using static ConvGen.Generator.Emitting.CodeWriter;
    using static ConvGen.Generator.Training.TrainingCode;

    /// <summary>
    /// Conv2DTranspose (kernel [kh, kw, filters, in]) as a scatter: input pixel (iy, ix) adds k[tap, oc, :] . x to
    /// output pixel (iy*sh + ky - padTop, ix*sw + kx - padLeft). Backward walks the same pairs: dk[tap, oc, :] += d * x,
    /// dx += d * k[tap, oc, :].
    /// </summary>
    internal sealed class Conv2DTransposeTraining : KindTraining
    {
        public override IReadOnlyList<LayerKind> Kinds { get; } = KindList(LayerKind.Conv2DTranspose);

        public override void Forward(CodeWriter w, TrainingStep s)
        {
            int oc = s.Out.Channels, pixels = s.Out.Height * s.Out.Width;
            using (w.Block($"for (int pixel = 0; pixel < {I(pixels)}; pixel++)"))
            {
                Conv2DTraining.InitFromBias(w, s, "z", $"pixel * {I(oc)}", oc, biasTensor: 1);
            }

            Pairs(w, s, () =>
            {
                using (w.Block($"for (int c = 0; c < {I(oc)}; c++)"))
                {
                    DotAdd(w, "z[zo + c]", "prm", $"ko + c * {I(s.In.Channels)}", "x", "xo", s.In.Channels);
                }
            });
        }

        public override void Backward(CodeWriter w, TrainingStep s)
        {
            int oc = s.Out.Channels, ic = s.In.Channels, pixels = s.Out.Height * s.Out.Width;
            if (s.Spec.UseBias)
            {
                using (w.Block("if (wantW)"))
                using (w.Block($"for (int pixel = 0; pixel < {I(pixels)}; pixel++)"))
                {
                    Add(w, "d", $"pixel * {I(oc)}", "grad", I(s.Tensor(1)), oc);
                }
            }

            Pairs(w, s, () =>
            {
                using (w.Block($"for (int c = 0; c < {I(oc)}; c++)"))
                {
                    w.Line("float gv = d[zo + c];");
                    w.Line($"int kc = ko + c * {I(ic)};");
                    using (w.Block("if (wantW)"))
                    {
                        Axpy(w, "gv", "x", "xo", "grad", "kc", ic);
                    }

                    using (w.Block("if (wantX)"))
                    {
                        Axpy(w, "gv", "prm", "kc", "dx", "xo", ic);
                    }
                }
            });
        }

        /// <summary>Every (input pixel, tap) whose output pixel is kept: xo, zo and the tap's kernel offset ko.</summary>
        private static void Pairs(CodeWriter w, TrainingStep s, System.Action body)
        {
            LayerSpec spec = s.Spec;
            TensorShape i = s.In, o = s.Out;
            using (w.Block($"for (int iy = 0; iy < {I(i.Height)}; iy++)"))
            using (w.Block($"for (int ix = 0; ix < {I(i.Width)}; ix++)"))
            {
                w.Line($"int xo = (iy * {I(i.Width)} + ix) * {I(i.Channels)};");
                using (w.Block($"for (int ky = 0; ky < {I(spec.KernelHeight)}; ky++)"))
                {
                    w.Line($"int oy = iy * {I(spec.StrideHeight)} + ky - {I(s.Layer.PadTop)};");
                    using (w.Block($"if ((uint)oy >= {I(o.Height)}u)"))
                    {
                        w.Line("continue;");
                    }

                    using (w.Block($"for (int kx = 0; kx < {I(spec.KernelWidth)}; kx++)"))
                    {
                        w.Line($"int ox = ix * {I(spec.StrideWidth)} + kx - {I(s.Layer.PadLeft)};");
                        using (w.Block($"if ((uint)ox >= {I(o.Width)}u)"))
                        {
                            w.Line("continue;");
                        }

                        w.Line($"int zo = (oy * {I(o.Width)} + ox) * {I(o.Channels)};");
                        w.Line($"int ko = {I(s.Tensor(0))} + (ky * {I(spec.KernelWidth)} + kx) * {I(o.Channels * i.Channels)};");
                        body();
                    }
                }
            }
        }
    }
}
