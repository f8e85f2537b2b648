// DepthwiseConv2D's generator code, in one file: the inference kernel (DepthwiseEmitter, namespace Emitting) and the
// training passes (DepthwiseConv2DTraining, namespace Training). Both are found by the kinds they declare.

namespace ConvGen.Generator.Emitting
{
    using System;
    using System.Collections.Generic;
    using System.Globalization;
    using ConvGen.Generator.Planning;
    using static ConvGen.Generator.Emitting.CodeWriter;

    /// <summary>
    /// DepthwiseConv2D (also the first half of SeparableConv2D): every channel convolved with its own kernel, so the
    /// kernel vectorizes over channels with no broadcast: acc[c..] = bias + sum over taps of x[tap][c..] * k[tap][c..]
    /// (packed [multiplier, taps, channelsPadded]; a folded BatchNormalization is already in the packed kernel and bias).
    /// With depth multiplier 1 (the MobileNet case) the output channels are the input channels and each width runs,
    /// tile column by tile column down every output row (so a tile's input stays in L1 between rows, see
    /// <see cref="SegmentColumns"/>): the interior columns (window inside the input horizontally) in register tiles of P pixels x one
    /// channel vector: one kernel row's weight vectors stay in registers, each input vector of the row is loaded once and
    /// multiply-added into every pixel of the tile whose window covers it, kernel columns unrolled, no bounds tests; rows
    /// at the top and bottom clip their kernel rows. Border columns run one pixel at a time with the window clipped.
    /// Channels left over by the widest vectors take one narrower vector, the last 1-3 channels a scalar loop.
    /// A depth multiplier above 1 interleaves output channels (c * multiplier + m): per output row, each multiplier's row runs
    /// the same tiles (that multiplier's packed kernel, stored with the input's channel order) into a band on the stack,
    /// then the band is interleaved into the output row (with vector shuffles for a multiplier of 2, see
    /// <c>ConvGen.Kernels.Interleaving</c>; one float at a time for larger ones). When the band would exceed <see cref="MostBandFloats"/> or the
    /// layer has fewer than 4 channels, a simple Vector128 loop per pixel and multiplier.
    /// </summary>
    internal sealed class DepthwiseEmitter : LayerKernelEmitter
    {
        public override IReadOnlyList<LayerKind> Kinds { get; } = KindList(LayerKind.DepthwiseConv2D);

        protected override string Describe(LayerAnalysis l)
        {
            LayerSpec s = l.Spec;
            return string.Format(CultureInfo.InvariantCulture,
                "{0}x{1} kernel per channel x {2}, stride {3}x{4}, dilation {5}x{6}, {7} padding (top {8}, bottom {9}, left {10}, right {11}){12}, {13}",
                s.KernelHeight, s.KernelWidth, s.DepthMultiplier, s.StrideHeight, s.StrideWidth, s.DilationHeight, s.DilationWidth,
                PaddingText(s), l.PadTop, l.PadBottom, l.PadLeft, l.PadRight, BiasText(s), ActivationText(s));
        }

        /// <summary>The runtime class that interleaves a depth multiplier of 2 with vector shuffles (one copy per assembly).</summary>
        private const string Interleaving = "global::ConvGen.Kernels.Interleaving";

        /// <summary>Most output pixels per tile (accumulators, on top of one kernel row of weights and the input vector).</summary>
        public const int MaxTilePixels = 16;

        /// <summary>Largest band (multiplier x output width x input channels) a depth multiplier above 1 keeps on the stack: 64 KiB.</summary>
        public const int MostBandFloats = 16 * 1024;

        protected override void EmitMembers(CodeWriter w, LayerPlan plan)
        {
            LayerAnalysis layer = plan.Layer;
            LayerSpec s = layer.Spec;
            int channels = layer.InputShape.Channels;
            WindowGeometry g = WindowGeometry.Of(layer);
            g.Constants(w, $"OutputChannels = {I(layer.OutputShape.Channels)}");
            w.Line($"private const int Multiplier = {I(s.DepthMultiplier)}, ChannelsPadded = {I(plan.PaddedUnits)};");
            bool rows = plan.BandRows > 0;
            if (rows)
            {
                if (ActivationEmitter.Pass(s.Activation, "output", layer.OutputShape) is not null)
                {
                    throw new InvalidOperationException($"{layer.Name}: a depthwise layer whose activation runs as a pass was fused into a pointwise convolution.");
                }

                w.Line("/// <summary>Output rows each call computes (DepthwiseFusion): [oyFrom, oyFrom + BandRows), row oy stored at row oy - oyFrom of output.</summary>");
                w.Line($"public const int BandRows = {I(plan.BandRows)};");
            }

            bool banded = s.DepthMultiplier != 1;
            int scalarFrom = channels - (channels % 4);
            if (banded && (scalarFrom == 0 || (long)s.DepthMultiplier * g.OutputWidth * channels > MostBandFloats))
            {
                w.Line();
                EmitInterleaved(w, plan, g, channels, rows);
                return;
            }

            g.InteriorConstants(w);
            if (banded)
            {
                w.Line("/// <summary>Floats of the band: one output row per multiplier, channels not yet interleaved.</summary>");
                w.Line("private const int BandLength = Multiplier * OutputWidth * InputChannels;");
                w.Line($"/// <summary>Input channels [0, VectorChannels) run in vectors (through the band), the rest one float at a time.</summary>");
                w.Line($"private const int VectorChannels = {I(scalarFrom)};");
            }

            w.Line();

            IReadOnlyList<VectorWidth> widths = channels >= 4 ? VectorWidth.For(channels) : Array.Empty<VectorWidth>();
            w.Line(rows
                ? "/// <summary>Computes output rows [oyFrom, oyFrom + BandRows) into output with the widest accelerated vectors.</summary>"
                : "/// <summary>Computes the whole layer with the widest accelerated vectors.</summary>");
            using (w.Block($"public static void Run(ref float input, ref float output, ref float kernel, ref float bias{RowParameter(rows)})"))
            {
                if (widths.Count > 0)
                {
                    VectorWidth.Dispatch(w, widths, width => $"Run{width.Suffix}(ref input, ref output, ref kernel, ref bias{RowArgument(rows)});");
                }

                if (scalarFrom < channels)
                {
                    w.Line($"RunScalar(ref input, ref output, ref kernel, ref bias{RowArgument(rows)}); // channels [{I(scalarFrom)}, {I(channels)})");
                }

                WriteActivationPass(w, plan);
            }


            var emitted = new HashSet<string>(StringComparer.Ordinal);
            foreach (VectorWidth width in widths)
            {
                w.Line();
                EmitWidth(w, plan, g, width, emitted);
            }

            if (banded)
            {
                w.Line();
                EmitInterleave(w, s.DepthMultiplier, g.OutputWidth, scalarFrom == channels);
            }

            if (scalarFrom < channels)
            {
                w.Line();
                if (banded)
                {
                    EmitScalarInterleaved(w, s, g, scalarFrom, rows);
                }
                else
                {
                    EmitScalar(w, s, g, scalarFrom, rows);
                }
            }
        }

        /// <summary>", int oyFrom" for a layer computed a band of rows at a time (<see cref="LayerPlan.BandRows"/>), else nothing.</summary>
        private static string RowParameter(bool rows) => rows ? ", int oyFrom" : string.Empty;

        /// <summary>", oyFrom" for a layer computed a band of rows at a time, else nothing.</summary>
        private static string RowArgument(bool rows) => rows ? ", oyFrom" : string.Empty;

        /// <summary>The loop over the output rows computed: all of them, or the band [oyFrom, oyFrom + BandRows).</summary>
        private static IDisposable RowLoop(CodeWriter w, WindowGeometry g, bool rows) =>
            rows ? w.Block("for (int oy = oyFrom; oy < oyFrom + BandRows; oy++)") : w.For("oy", 0, g.OutputHeight, toText: "OutputHeight");

        /// <summary>Where output row oy is stored: row oy, or in a band, row oy - oyFrom.</summary>
        private static string StoredRow(bool rows) => rows ? "(oy - oyFrom)" : "oy";

        /// <summary>The band's rows (one per multiplier, channels in input order) into one output row, output channel c * Multiplier + m.</summary>
        private static void EmitInterleave(CodeWriter w, int multiplier, int outputWidth, bool allChannels)
        {
            w.Line("/// <summary>Interleaves the band (row m holds multiplier m of every vector channel) into one output row: channel c * Multiplier + m.</summary>");
            if (multiplier == 2)
            {
                using (w.Block("private static void Interleave(ref float band, ref float dst)"))
                {
                    if (allChannels)
                    {
                        w.Line("// every channel is in the band, so output (ox * InputChannels + c) * 2 + m is band row m at ox * InputChannels + c: one interleave of the two rows");
                        w.Line($"{Interleaving}.Two(ref band, ref Unsafe.Add(ref band, OutputWidth * InputChannels), ref dst, OutputWidth * InputChannels);");
                        return;
                    }

                    using (w.For("ox", 0, outputWidth, toText: "OutputWidth"))
                    {
                        w.Line("ref float source = ref Unsafe.Add(ref band, ox * InputChannels);");
                        w.Line($"{Interleaving}.Two(ref source, ref Unsafe.Add(ref source, OutputWidth * InputChannels), ref Unsafe.Add(ref dst, ox * OutputChannels), VectorChannels);");
                    }
                }

                return;
            }

            using (w.Block("private static void Interleave(ref float band, ref float dst)"))
            using (w.For("ox", 0, outputWidth, toText: "OutputWidth"))
            {
                w.Line("ref float source = ref Unsafe.Add(ref band, ox * InputChannels);");
                w.Line("ref float target = ref Unsafe.Add(ref dst, ox * OutputChannels);");
                using (w.Block("for (int c = 0; c < VectorChannels; c++)"))
                {
                    for (int m = 0; m < multiplier; m++)
                    {
                        w.Line($"Unsafe.Add(ref target, {Plus("c * Multiplier", I(m))}) = Unsafe.Add(ref source, {Plus(Times(m, "OutputWidth * InputChannels"), "c")});");
                    }
                }
            }
        }

        /// <summary>Depth multiplier above 1: the last channels (fewer than 4), one float at a time per multiplier over the whole image.</summary>
        private static void EmitScalarInterleaved(CodeWriter w, LayerSpec s, WindowGeometry g, int from, bool rows)
        {
            w.Line($"/// <summary>Channels [{I(from)}, InputChannels), fewer than one Vector128, one float at a time for each multiplier.</summary>");
            using (w.Block($"private static void RunScalar(ref float input, ref float output, ref float kernel, ref float bias{RowParameter(rows)})"))
            using (RowLoop(w, g, rows))
            {
                WindowGeometry.RowTaps(w);
                using (w.For("ox", 0, g.OutputWidth, toText: "OutputWidth"))
                {
                    WindowGeometry.ColumnTaps(w);
                    w.Line($"ref float dst = ref Unsafe.Add(ref output, ({StoredRow(rows)} * OutputWidth + ox) * OutputChannels);");
                    using (w.Block("for (int m = 0; m < Multiplier; m++)"))
                    {
                        w.Line("ref float taps = ref Unsafe.Add(ref kernel, m * KernelHeight * KernelWidth * ChannelsPadded);");
                        using (w.For("c", from, g.InputChannels, toText: "InputChannels"))
                        {
                            w.Line(s.UseBias ? "float acc = Unsafe.Add(ref bias, m * ChannelsPadded + c);" : "float acc = 0f;");
                            TapLoops(w, "acc = MathF.FusedMultiplyAdd(Unsafe.Add(ref input, at + c), Unsafe.Add(ref taps, row + c), acc);");
                            string value = ActivationEmitter.InRegisterScalar(s.Activation, s.ActivationCoefficient, "acc") ?? "acc";
                            w.Line($"Unsafe.Add(ref dst, c * Multiplier + m) = {value};");
                        }
                    }
                }
            }
        }

        /// <summary>
        /// The channels [0, channels - channels % 4) as runs of one vector width each: whole vectors of the dispatched
        /// width, then at most one vector of each narrower width for what is left (every width is a multiple of 4 lanes).
        /// </summary>
        private static List<(VectorWidth Width, int From, int Vectors)> Segments(int channels, VectorWidth widest)
        {
            var segments = new List<(VectorWidth, int, int)>();
            int from = 0;
            foreach (VectorWidth width in new[] { VectorWidth.V512, VectorWidth.V256, VectorWidth.V128 })
            {
                if (width.Lanes > widest.Lanes)
                {
                    continue;
                }

                int vectors = (channels - from) / width.Lanes;
                if (vectors > 0)
                {
                    segments.Add((width, from, vectors));
                    from += vectors * width.Lanes;
                }
            }

            return segments;
        }

        /// <summary>Pixels per tile for a width: the accumulators share the registers with one kernel row of weights and the input vector.</summary>
        private static int TilePixels(VectorWidth width, int kernelWidth)
        {
            int registers = width.Bits == 512 ? 32 : 16;
            return Math.Max(1, Math.Min(MaxTilePixels, registers - kernelWidth - 2));
        }

        /// <summary>The layer for one dispatched width: each run of channels over the whole image, then the tile kernels it calls.</summary>
        private static void EmitWidth(CodeWriter w, LayerPlan plan, WindowGeometry g, VectorWidth widest, HashSet<string> emitted)
        {
            LayerSpec s = plan.Layer.Spec;
            List<(VectorWidth Width, int From, int Vectors)> segments = Segments(plan.Layer.InputShape.Channels, widest);
            var kernels = new List<(VectorWidth Width, int Pixels)>(); // pixels 0: the border kernel

            bool banded = s.DepthMultiplier != 1;
            var rows = new List<(VectorWidth Width, int From, int Vectors, int Pixels, int Whole, int Tail, int Count, string Comment)>();
            foreach ((VectorWidth width, int from, int vectors) in segments)
            {
                int most = TilePixels(width, s.KernelWidth);
                int count = g.InteriorEnd - g.InteriorStart;
                int tiles = count <= 0 ? 0 : (count + most - 1) / most;
                int pixels = tiles == 0 ? 0 : (count + tiles - 1) / tiles; // balanced: 54 pixels, 16 at most -> 3 x 14 + 12
                int whole = pixels == 0 ? 0 : count / pixels, tail = count - (whole * pixels);
                if (whole > 0)
                {
                    kernels.Add((width, pixels));
                }

                if (tail > 0)
                {
                    kernels.Add((width, tail));
                }

                kernels.Add((width, 0));
                string interiorTiles = whole + (tail > 0 ? 1 : 0) == 0 ? "no interior tiles"
                    : $"interior tiles of {Count(pixels, "pixel")}{(tail > 0 ? $" and one of {I(tail)}" : string.Empty)}";
                rows.Add((width, from, vectors, pixels, whole, tail, count,
                    $"// channels [{I(from)}, {I(from + (vectors * width.Lanes))}): {I(vectors)} {width.Static} per pixel; {interiorTiles}"));
            }

            w.Line(banded
                ? $"/// <summary>The layer with {widest.Static} floats (narrower vectors for the channels left over): per output row, each multiplier's row into the band, then the band interleaved into the output.</summary>"
                : $"/// <summary>The layer with {widest.Static} floats (narrower vectors for the channels left over).</summary>");
            bool band = plan.BandRows > 0;
            using (w.Block($"private static void Run{widest.Suffix}(ref float input, ref float output, ref float kernel, ref float bias{RowParameter(band)})"))
            {
                if (!banded)
                {
                    foreach ((VectorWidth width, int from, int vectors, int pixels, int whole, int tail, int count, string comment) in rows)
                    {
                        w.Line(comment);
                        SegmentColumns(w, g, width, from, vectors, pixels, whole, tail, count, band);
                    }
                }
                else
                {
                    w.Line("Span<float> bandSpan = stackalloc float[BandLength];");
                    w.Line("ref float band = ref MemoryMarshal.GetReference(bandSpan);");
                    using (RowLoop(w, g, band))
                    {
                        WindowGeometry.RowTaps(w);
                        using (w.Block("for (int m = 0; m < Multiplier; m++)"))
                        {
                            w.Line("// multiplier m: its kernels and biases are one [taps, ChannelsPadded] block, its row of the band has the input's channel order");
                            w.Line("ref float row = ref Unsafe.Add(ref band, m * OutputWidth * InputChannels);");
                            w.Line("ref float km = ref Unsafe.Add(ref kernel, m * KernelHeight * KernelWidth * ChannelsPadded);");
                            w.Line("ref float bm = ref Unsafe.Add(ref bias, m * ChannelsPadded);");
                            foreach ((VectorWidth width, int from, int vectors, int pixels, int whole, int tail, int count, string comment) in rows)
                            {
                                w.Line(comment);
                                SegmentRow(w, g, width, from, vectors, pixels, whole, tail, count, "InputChannels", "km", "bm");
                            }
                        }

                        w.Line($"Interleave(ref band, {Ref("output", Times(StoredRow(band), "OutputWidth * OutputChannels"))});");
                    }
                }
            }

            foreach ((VectorWidth width, int pixels) in kernels)
            {
                string name = pixels == 0 ? $"Pixel_{width.Suffix}" : $"Tile{I(pixels)}_{width.Suffix}";
                if (!emitted.Add(name))
                {
                    continue;
                }

                w.Line();
                if (pixels == 0)
                {
                    EmitPixel(w, s, width);
                }
                else
                {
                    EmitTile(w, s, width, pixels, banded ? "InputChannels" : "OutputChannels");
                }
            }
        }

        /// <summary>
        /// One output row of one run of channels into <c>row</c> (pixel stride <paramref name="pixelStride"/>): the interior tiles,
        /// then the border pixels with their windows clipped; <paramref name="kernel"/> and <paramref name="bias"/> name the refs read.
        /// </summary>
        private static void SegmentRow(CodeWriter w, WindowGeometry g, VectorWidth width, int from, int vectors, int pixels, int whole, int tail, int count,
            string pixelStride, string kernel, string bias)
        {
            string Tile(int p) => $"Tile{I(p)}_{width.Suffix}";
            void Call(int p, string ox) => ChannelLoop(w, from, vectors, width,
                $"{Tile(p)}({Ref("input", "c")}, iy, {WindowStart(ox, "StrideWidth", "PadLeft")}, kyLo, kyHi, {Ref("row", Plus(Times(ox, pixelStride), "c"))}, {Ref(kernel, "c")}, {Ref(bias, "c")});");
            if (whole == 1)
            {
                Call(pixels, "InteriorStart");
            }
            else if (whole > 1)
            {
                using (w.Block($"for (int ox = InteriorStart; ox < {I(g.InteriorStart + (whole * pixels))}; ox += {I(pixels)})"))
                {
                    Call(pixels, "ox");
                }
            }

            if (tail > 0)
            {
                Call(tail, I(g.InteriorStart + (whole * pixels)));
            }

            foreach ((int lo, int hi, string? loText, string? hiText) in Borders(g, count))
            {
                w.Line("// border: window clipped to the input");
                using (w.For("ox", lo, hi, fromText: loText, toText: hiText))
                {
                    WindowGeometry.ColumnTaps(w);
                    ChannelLoop(w, from, vectors, width,
                        $"Pixel_{width.Suffix}({Ref("input", "c")}, iy, ix, kyLo, kyHi, kxLo, kxHi, {Ref("row", Plus(Times("ox", pixelStride), "c"))}, {Ref(kernel, "c")}, {Ref(bias, "c")});");
                }
            }
        }

        /// <summary>
        /// One run of channels over all the output rows computed (multiplier 1), tile column by tile column: each interior
        /// tile, then each border column, runs down every output row before the next starts. A tile's input columns (its
        /// pixels plus the kernel's overlap, times the kernel's rows) then stay in L1 from one output row to the next, so
        /// each input line comes from L2 once per column instead of once per kernel row that reads it (row by row, the
        /// three input rows of a 56x56x64 image, 43 KiB, leave L1 before the next output row reuses two of them).
        /// Measured on N4's depthwise layer alone: 32.8 -> 25.8 us with 64-byte-aligned buffers, 41.0 -> 33.7 us with
        /// buffers 16 bytes off a cache line (docs/benchmarks.md).
        /// </summary>
        private static void SegmentColumns(CodeWriter w, WindowGeometry g, VectorWidth width, int from, int vectors, int pixels, int whole, int tail, int count, bool band)
        {
            void Rows(string call)
            {
                using (RowLoop(w, g, band))
                {
                    WindowGeometry.RowTaps(w);
                    w.Line($"ref float row = {Ref("output", Times(StoredRow(band), "OutputWidth * OutputChannels"))};");
                    ChannelLoop(w, from, vectors, width, call);
                }
            }

            string Tile(int p, string ox) =>
                $"Tile{I(p)}_{width.Suffix}({Ref("input", "c")}, iy, {WindowStart(ox, "StrideWidth", "PadLeft")}, kyLo, kyHi, {Ref("row", Plus(Times(ox, "OutputChannels"), "c"))}, {Ref("kernel", "c")}, {Ref("bias", "c")});";
            if (whole == 1)
            {
                Rows(Tile(pixels, "InteriorStart"));
            }
            else if (whole > 1)
            {
                using (w.Block($"for (int ox = InteriorStart; ox < {I(g.InteriorStart + (whole * pixels))}; ox += {I(pixels)})"))
                {
                    Rows(Tile(pixels, "ox"));
                }
            }

            if (tail > 0)
            {
                Rows(Tile(tail, I(g.InteriorStart + (whole * pixels))));
            }

            foreach ((int lo, int hi, string? loText, string? hiText) in Borders(g, count))
            {
                w.Line("// border: window clipped to the input");
                using (w.For("ox", lo, hi, fromText: loText, toText: hiText))
                {
                    WindowGeometry.ColumnTaps(w);
                    Rows($"Pixel_{width.Suffix}({Ref("input", "c")}, iy, ix, kyLo, kyHi, kxLo, kxHi, {Ref("row", Plus(Times("ox", "OutputChannels"), "c"))}, {Ref("kernel", "c")}, {Ref("bias", "c")});");
                }
            }
        }

        /// <summary>The output columns whose windows the input clips horizontally (all of them when no window is whole).</summary>
        private static List<(int From, int To, string? FromText, string? ToText)> Borders(WindowGeometry g, int count)
        {
            var borders = new List<(int From, int To, string? FromText, string? ToText)>();
            if (count <= 0)
            {
                borders.Add((0, g.OutputWidth, null, "OutputWidth"));
            }
            else
            {
                if (g.InteriorStart > 0)
                {
                    borders.Add((0, g.InteriorStart, null, "InteriorStart"));
                }

                if (g.InteriorEnd < g.OutputWidth)
                {
                    borders.Add((g.InteriorEnd, g.OutputWidth, "InteriorEnd", "OutputWidth"));
                }
            }

            return borders;
        }

        /// <summary>Writes <paramref name="call"/> for each vector of channels of a run (<c>c</c> is the vector's first channel).</summary>
        private static void ChannelLoop(CodeWriter w, int from, int vectors, VectorWidth width, string call)
        {
            using (vectors == 1 ? w.Scope() : w.Block($"for (int c = {I(from)}; c < {I(from + (vectors * width.Lanes))}; c += {I(width.Lanes)})"))
            {
                if (vectors == 1)
                {
                    w.Line($"const int c = {I(from)};");
                }

                w.Line(call);
            }
        }

        /// <summary>
        /// P pixels of a row whose windows lie inside the input horizontally, one vector of channels, kernel rows [kyLo, kyHi).
        /// Per kernel row: its weight vectors are loaded once, then every input column the tile's windows touch is loaded
        /// once and multiply-added into each pixel whose window covers it (with stride 1 and a 3-wide kernel, into three).
        /// </summary>
        private static void EmitTile(CodeWriter w, LayerSpec s, VectorWidth width, int pixels, string pixelStride)
        {
            // Input column (relative to the first window's left edge) -> the (pixel, kernel column) pairs that read it.
            var columns = new SortedDictionary<int, List<(int Pixel, int Kx)>>();
            for (int p = 0; p < pixels; p++)
            {
                for (int kx = 0; kx < s.KernelWidth; kx++)
                {
                    int column = (p * s.StrideWidth) + (kx * s.DilationWidth);
                    if (!columns.TryGetValue(column, out List<(int, int)>? readers))
                    {
                        readers = new List<(int, int)>();
                        columns.Add(column, readers);
                    }

                    readers.Add((p, kx));
                }
            }

            string T = width.Type, V = width.Static;
            w.Line($"/// <summary>{Count(pixels, "output pixel")} of a row x {I(width.Lanes)} channels in {Count(pixels, "accumulator")}; kernel rows [kyLo, kyHi), all kernel columns (the windows are inside the input horizontally).</summary>");
            using (w.Block($"private static void Tile{I(pixels)}_{width.Suffix}(ref float input, int iy, int ix, int kyLo, int kyHi, ref float dst, ref float kernel, ref float bias)"))
            {
                w.Line(s.UseBias ? $"{T} start = {V}.LoadUnsafe(ref bias);" : $"{T} start = {T}.Zero;");
                for (int p = 0; p < pixels; p++)
                {
                    w.Line($"{T} a{I(p)} = start;");
                }

                using (w.Block("for (int ky = kyLo; ky < kyHi; ky++)"))
                {
                    w.Line("ref float x = ref Unsafe.Add(ref input, ((iy + ky * DilationHeight) * InputWidth + ix) * InputChannels);");
                    w.Line("ref float k = ref Unsafe.Add(ref kernel, ky * KernelWidth * ChannelsPadded);");
                    for (int kx = 0; kx < s.KernelWidth; kx++)
                    {
                        w.Line($"{T} k{I(kx)} = {(kx == 0 ? $"{V}.LoadUnsafe(ref k)" : $"{V}.LoadUnsafe(ref k, {Times(kx, "ChannelsPadded")})")};");
                    }

                    bool first = true;
                    foreach (KeyValuePair<int, List<(int Pixel, int Kx)>> column in columns)
                    {
                        w.Line($"{(first ? T + " " : string.Empty)}v = {(column.Key == 0 ? $"{V}.LoadUnsafe(ref x)" : $"{V}.LoadUnsafe(ref x, {Times(column.Key, "InputChannels")})")};");
                        first = false;
                        foreach ((int p, int kx) in column.Value)
                        {
                            w.Line($"a{I(p)} = {V}.MultiplyAddEstimate(v, k{I(kx)}, a{I(p)});");
                        }
                    }
                }

                bool afterwards = ActivationEmitter.IsExpFamily(s.Activation) && pixels > 1;
                for (int p = 0; p < pixels; p++)
                {
                    string value = afterwards ? $"a{I(p)}" : width.Activation(s.Activation, s.ActivationCoefficient, $"a{I(p)}") ?? $"a{I(p)}";
                    w.Line(p == 0 ? $"{value}.StoreUnsafe(ref dst);" : $"{value}.StoreUnsafe(ref dst, {Times(p, pixelStride)});");
                }

                if (afterwards)
                {
                    ChannelBlockEmitter.ActivateStored(w, s, width, pixels, pixelStride, width.Lanes);
                }
            }
        }

        /// <summary>One output pixel x one vector of channels, the window clipped to kernel rows [kyLo, kyHi) and columns [kxLo, kxHi).</summary>
        private static void EmitPixel(CodeWriter w, LayerSpec s, VectorWidth width)
        {
            string T = width.Type, V = width.Static;
            w.Line($"/// <summary>One output pixel x {I(width.Lanes)} channels, its window clipped to kernel rows [kyLo, kyHi) and columns [kxLo, kxHi).</summary>");
            using (w.Block($"private static void Pixel_{width.Suffix}(ref float input, int iy, int ix, int kyLo, int kyHi, int kxLo, int kxHi, ref float dst, ref float kernel, ref float bias)"))
            {
                w.Line(s.UseBias ? $"{T} acc = {V}.LoadUnsafe(ref bias);" : $"{T} acc = {T}.Zero;");
                using (w.Block("for (int ky = kyLo; ky < kyHi; ky++)"))
                using (w.Block("for (int kx = kxLo; kx < kxHi; kx++)"))
                {
                    w.Line("nint at = ((iy + ky * DilationHeight) * InputWidth + ix + kx * DilationWidth) * InputChannels;");
                    w.Line("nint kAt = (ky * KernelWidth + kx) * ChannelsPadded;");
                    w.Line($"acc = {V}.MultiplyAddEstimate({V}.LoadUnsafe(ref Unsafe.Add(ref input, at)), {V}.LoadUnsafe(ref Unsafe.Add(ref kernel, kAt)), acc);");
                }

                string value = width.Activation(s.Activation, s.ActivationCoefficient, "acc") ?? "acc";
                w.Line($"{value}.StoreUnsafe(ref dst);");
            }
        }

        /// <summary>The last channels (fewer than 4) one float at a time over the whole image.</summary>
        private static void EmitScalar(CodeWriter w, LayerSpec s, WindowGeometry g, int from, bool rows)
        {
            w.Line($"/// <summary>Channels [{I(from)}, InputChannels), fewer than one Vector128, one float at a time.</summary>");
            using (w.Block($"private static void RunScalar(ref float input, ref float output, ref float kernel, ref float bias{RowParameter(rows)})"))
            using (RowLoop(w, g, rows))
            {
                WindowGeometry.RowTaps(w);
                using (w.For("ox", 0, g.OutputWidth, toText: "OutputWidth"))
                {
                    WindowGeometry.ColumnTaps(w);
                    w.Line($"ref float dst = ref Unsafe.Add(ref output, ({StoredRow(rows)} * OutputWidth + ox) * OutputChannels);");
                    using (w.For("c", from, g.InputChannels, toText: "InputChannels"))
                    {
                        w.Line(s.UseBias ? "float acc = Unsafe.Add(ref bias, c);" : "float acc = 0f;");
                        TapLoops(w, "acc = MathF.FusedMultiplyAdd(Unsafe.Add(ref input, at + c), Unsafe.Add(ref kernel, row + c), acc);");
                        string value = ActivationEmitter.InRegisterScalar(s.Activation, s.ActivationCoefficient, "acc") ?? "acc";
                        w.Line($"Unsafe.Add(ref dst, c) = {value};");
                    }
                }
            }
        }

        /// <summary>Depth multiplier above 1: output channel c * Multiplier + m, per pixel and multiplier a Vector128 loop over channels.</summary>
        private static void EmitInterleaved(CodeWriter w, LayerPlan plan, WindowGeometry g, int channels, bool rows)
        {
            w.Line(rows ? "/// <summary>Computes output rows [oyFrom, oyFrom + BandRows) into output.</summary>" : "/// <summary>Computes the whole layer.</summary>");
            using (w.Block($"public static void Run(ref float input, ref float output, ref float kernel, ref float bias{RowParameter(rows)})"))
            {
                using (RowLoop(w, g, rows))
                {
                    WindowGeometry.RowTaps(w);
                    using (w.For("ox", 0, g.OutputWidth, toText: "OutputWidth"))
                    {
                        WindowGeometry.ColumnTaps(w);
                        w.Line($"ref float dst = ref Unsafe.Add(ref output, ({StoredRow(rows)} * OutputWidth + ox) * OutputChannels);");
                        using (w.Block("for (int m = 0; m < Multiplier; m++)"))
                        {
                            InterleavedChannels(w, plan, channels);
                        }
                    }
                }

                WriteActivationPass(w, plan);
            }
        }

        private static void InterleavedChannels(CodeWriter w, LayerPlan plan, int channels)
        {
            LayerSpec s = plan.Layer.Spec;
            w.Line("ref float taps = ref Unsafe.Add(ref kernel, m * KernelHeight * KernelWidth * ChannelsPadded);");
            w.Line("int c = 0;");
            if (channels >= 4)
            {
                using (w.Block("for (; c <= InputChannels - 4; c += 4)"))
                {
                    w.Line(s.UseBias ? "Vector128<float> acc = Vector128.LoadUnsafe(ref bias, (nuint)(m * ChannelsPadded + c));" : "Vector128<float> acc = Vector128<float>.Zero;");
                    TapLoops(w, "acc = Vector128.MultiplyAddEstimate(Vector128.LoadUnsafe(ref input, (nuint)(at + c)), Vector128.LoadUnsafe(ref taps, (nuint)(row + c)), acc);");
                    string value = ActivationEmitter.InRegister(s.Activation, s.ActivationCoefficient, "acc") ?? "acc";
                    if (value != "acc")
                    {
                        w.Line($"acc = {value};");
                    }

                    for (int lane = 0; lane < 4; lane++)
                    {
                        w.Line($"Unsafe.Add(ref dst, {(lane == 0 ? "c" : $"(c + {I(lane)})")} * Multiplier + m) = acc.GetElement({I(lane)});");
                    }
                }
            }

            if (channels % 4 != 0)
            {
                using (w.Block("for (; c < InputChannels; c++)"))
                {
                    w.Line(s.UseBias ? "float acc = Unsafe.Add(ref bias, m * ChannelsPadded + c);" : "float acc = 0f;");
                    TapLoops(w, "acc = MathF.FusedMultiplyAdd(Unsafe.Add(ref input, at + c), Unsafe.Add(ref taps, row + c), acc);");
                    string value = ActivationEmitter.InRegisterScalar(s.Activation, s.ActivationCoefficient, "acc") ?? "acc";
                    w.Line($"Unsafe.Add(ref dst, c * Multiplier + m) = {value};");
                }
            }
        }

        /// <summary>The in-bounds taps: <c>at</c> is the tap's input pixel (channel 0), <c>row</c> its packed kernel row.</summary>
        private static void TapLoops(CodeWriter w, string multiplyAdd)
        {
            using (w.Block("for (int ky = kyLo; ky < kyHi; ky++)"))
            using (w.Block("for (int kx = kxLo; kx < kxHi; kx++)"))
            {
                w.Line("int at = ((iy + ky * DilationHeight) * InputWidth + ix + kx * DilationWidth) * InputChannels;");
                w.Line("int row = (ky * KernelWidth + kx) * ChannelsPadded;");
                w.Line(multiplyAdd);
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
    /// DepthwiseConv2D: output channel c*M + m = sum over taps of x[c] * k[tap, c, m] (+ bias). The kernel's
    /// [kh, kw, in, M] layout puts each tap's weights in output-channel order, so with M = 1 a tap is one
    /// element-wise multiply-add over the channels. Also SeparableConv2D's first half (no bias).
    /// </summary>
    internal sealed class DepthwiseConv2DTraining : KindTraining
    {
        public override IReadOnlyList<LayerKind> Kinds { get; } = KindList(LayerKind.DepthwiseConv2D);

        public override void Forward(CodeWriter w, TrainingStep s) => EmitForward(w, s, "x", "z", s.Tensor(0), s.Spec.UseBias ? 1 : -1);

        public override void Backward(CodeWriter w, TrainingStep s) => EmitBackward(w, s, "d", s.Tensor(0), s.Spec.UseBias ? 1 : -1);

        /// <summary>Writes <paramref name="z"/> from <paramref name="x"/>; <paramref name="biasTensor"/> -1 for none.</summary>
        internal static void EmitForward(CodeWriter w, TrainingStep s, string x, string z, int kernel, int biasTensor)
        {
            int channels = s.In.Channels, multiplier = s.Spec.DepthMultiplier, outChannels = channels * multiplier;
            WindowLoops.Emit(w, s, outChannels,
                () =>
                {
                    if (biasTensor >= 0)
                    {
                        w.Line($"prm.Slice({I(s.Tensor(biasTensor))}, {I(outChannels)}).CopyTo({z}.Slice(zo, {I(outChannels)}));");
                    }
                    else
                    {
                        w.Line($"{z}.Slice(zo, {I(outChannels)}).Clear();");
                    }
                },
                () =>
                {
                    w.Line($"int ko = {I(kernel)} + (ky * {I(s.Spec.KernelWidth)} + kx) * {I(outChannels)};");
                    if (multiplier == 1)
                    {
                        MultiplyAdd(w, x, "xo", "prm", "ko", z, "zo", channels);
                    }
                    else
                    {
                        using (w.Block($"for (int c = 0; c < {I(channels)}; c++)"))
                        {
                            Axpy(w, $"{x}[xo + c]", "prm", $"ko + c * {I(multiplier)}", z, $"zo + c * {I(multiplier)}", multiplier);
                        }
                    }
                });
        }

        /// <summary>From the output gradient <paramref name="d"/>: kernel (and bias) gradients when wantW, dx when wantX.</summary>
        internal static void EmitBackward(CodeWriter w, TrainingStep s, string d, int kernel, int biasTensor)
        {
            int channels = s.In.Channels, multiplier = s.Spec.DepthMultiplier, outChannels = channels * multiplier;
            WindowLoops.Emit(w, s, outChannels,
                () =>
                {
                    if (biasTensor >= 0)
                    {
                        using (w.Block("if (wantW)"))
                        {
                            Add(w, d, "zo", "grad", I(s.Tensor(biasTensor)), outChannels);
                        }
                    }
                },
                () =>
                {
                    w.Line($"int ko = {I(kernel)} + (ky * {I(s.Spec.KernelWidth)} + kx) * {I(outChannels)};");
                    if (multiplier == 1)
                    {
                        using (w.Block("if (wantW)"))
                        {
                            MultiplyAdd(w, "x", "xo", d, "zo", "grad", "ko", channels);
                        }

                        using (w.Block("if (wantX)"))
                        {
                            MultiplyAdd(w, "prm", "ko", d, "zo", "dx", "xo", channels);
                        }
                    }
                    else
                    {
                        using (w.Block($"for (int c = 0; c < {I(channels)}; c++)"))
                        {
                            using (w.Block("if (wantW)"))
                            {
                                Axpy(w, "x[xo + c]", d, $"zo + c * {I(multiplier)}", "grad", $"ko + c * {I(multiplier)}", multiplier);
                            }

                            using (w.Block("if (wantX)"))
                            {
                                DotAdd(w, "dx[xo + c]", "prm", $"ko + c * {I(multiplier)}", d, $"zo + c * {I(multiplier)}", multiplier);
                            }
                        }
                    }
                });
        }
    }
}
