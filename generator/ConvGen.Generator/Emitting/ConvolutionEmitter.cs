// Conv2D's generator code, in one file: the inference kernel (ConvolutionEmitter, namespace Emitting) and the
// training passes (Conv2DTraining, namespace Training). Both are found by the kinds they declare.

namespace ConvGen.Generator.Emitting
{
    using System;
    using System.Collections.Generic;
    using System.Globalization;
    using System.Linq;
    using ConvGen.Generator.Planning;
    using static ConvGen.Generator.Emitting.CodeWriter;

    /// <summary>
    /// Conv2D, channels-last, register-blocked: a tile of P neighbouring output pixels x V vectors of output channels
    /// is accumulated in P*V registers from broadcast input values times vectors of the packed kernel
    /// [kh, kw, in, outPadded] (see <see cref="ConvolutionKernelEmitter"/>). Per output row, the interior pixels
    /// (window fully inside the input horizontally) run in tiles; the few border pixels run one at a time with the
    /// window clipped to the input, so no tap ever tests for padding. Rows whose window overlaps the top or bottom
    /// padding run the same tiles with the kernel rows clipped. A 1x1, stride-1 convolution without padding is a
    /// GEMM: all H*W pixels form one long row of tiles.
    /// Every loop bound is a constant and nothing is unrolled beyond one tile, so method sizes depend on the tile
    /// shape only, never on the image size or channel counts.
    /// </summary>
    internal sealed class ConvolutionEmitter : LayerKernelEmitter
    {
        public override IReadOnlyList<LayerKind> Kinds { get; } = KindList(LayerKind.Conv2D);

        /// <summary>What a Conv2D computes, for the kernel's summary (also the grouped one's).</summary>
        internal static string DescribeConv2D(LayerAnalysis l)
        {
            LayerSpec s = l.Spec;
            return string.Format(CultureInfo.InvariantCulture,
                "{0} filters {1}x{2}{14}, stride {3}x{4}, dilation {5}x{6}, {7} padding (top {8}, bottom {9}, left {10}, right {11}){12}, {13}",
                s.Units, s.KernelHeight, s.KernelWidth, s.StrideHeight, s.StrideWidth, s.DilationHeight, s.DilationWidth,
                PaddingText(s), l.PadTop, l.PadBottom, l.PadLeft, l.PadRight, BiasText(s), ActivationText(s), Groups(l));
        }

        protected override string Describe(LayerAnalysis l) => DescribeConv2D(l);

        /// <summary>" in 2 groups of 4 -> 8 channels" for a grouped convolution, else nothing.</summary>
        private static string Groups(LayerAnalysis l) => l.Spec.Groups <= 1 ? string.Empty : string.Format(CultureInfo.InvariantCulture,
            " in {0} groups of {1} -> {2}", l.Spec.Groups, l.InputShape.Channels / l.Spec.Groups, Count(l.OutputShape.Channels / l.Spec.Groups, "channel"));

        /// <summary>Most output pixels per tile.</summary>
        public const int MaxTilePixels = 12;

        /// <summary>Packed weights one channel block streams per tile, above which input channels are split into chunks (L1 is 32-48 KiB on current x64 cores).</summary>
        public const int ChunkAboveBytes = 40 * 1024;

        /// <summary>Target size of one chunk's weights, leaving part of L1 for the input rows.</summary>
        public const int ChunkTargetBytes = 32 * 1024;

        /// <summary>Input channels per chunk for this block, or 0 when the whole kernel slice fits in L1 (or the block ends in a partial vector).</summary>
        public static int ChunkChannels(WindowGeometry g, LayerSpec s, ChannelBlock block)
        {
            int perChannel = s.KernelHeight * s.KernelWidth * block.Width * sizeof(float);
            if (block.IsPartial || perChannel * g.InputChannels <= ChunkAboveBytes)
            {
                return 0;
            }

            int most = Math.Max(4, ChunkTargetBytes / perChannel);
            int chunks = (g.InputChannels + most - 1) / most;
            return (g.InputChannels + chunks - 1) / chunks;
        }

        public override bool Accepts(LayerSpec layer) => layer.Groups == 1;

        protected override string? Remarks(LayerPlan plan) => plan.WinogradTile > 0
            ? WinogradConvolutionEmitter.Remarks(plan)
            : plan.NarrowWinograd
            ? "Where Vector256 is the widest accelerated vector (NarrowWinogradConvolution.Preferred), runs as Winograd F(4x4, 3x3) for few input channels: "
                + $"the constructor transformed the packed kernel once, and the kernel adds the bias and activation and computes {plan.FusedPool!.Name} from each 4x4 output tile in registers; "
                + "elsewhere the direct kernels below. " + PoolRemark(plan.FusedPool)
            : plan.FusedDepthwise is LayerPlan depthwise
            ? $"First {KernelEmitters.For(depthwise.Layer.Spec).SummaryOf(depthwise.Layer)} Then this 1x1, stride-1, unpadded convolution, a GEMM over pixels, computed band by band (DepthwiseFusion): per band, Depthwise.Run computes {Count(depthwise.BandRows, "row")} of the depthwise output into a band on the stack and the GEMM multiplies the band at once (as one row of {Count(depthwise.BandRows * depthwise.Layer.OutputShape.Width, "pixel")}), while it is in L1/L2, so the depthwise output is never stored whole."
            : WindowGeometry.OfConvolution(plan.Layer).IsPointwise
            ? "1x1, stride 1, no padding: runs as a GEMM over all pixels, treated as one row of the image."
            : plan.FusedPool is LayerAnalysis pool
            ? PoolRemark(pool)
            : null;

        /// <summary>How a fused pool is computed by the direct kernels.</summary>
        private static string PoolRemark(LayerAnalysis pool) =>
            $"Then {KernelEmitters.For(pool.Spec).SummaryOf(pool)} Computed row band by row band (PoolFusion): the {I(pool.Spec.KernelHeight)} convolution rows under each pooled row go to a band on the stack and are pooled at once, so the convolution's full output is never stored.";

        protected override void EmitMembers(CodeWriter w, LayerPlan plan)
        {
            if (plan.WinogradTile > 0)
            {
                WinogradConvolutionEmitter.EmitMembers(w, plan);
                return;
            }

            if (plan.FusedDepthwise is LayerPlan depthwise)
            {
                EmitWithDepthwise(w, plan, depthwise);
                return;
            }

            WindowGeometry g = WindowGeometry.OfConvolution(plan.Layer);
            IReadOnlyList<VectorWidth> widths = VectorWidth.For(g.OutputChannels);
            Constants(w, plan, g);
            if (plan.FusedPool is LayerAnalysis pool)
            {
                PoolConstants(w, g, pool);
            }

            w.Line();
            if (plan.NarrowWinograd)
            {
                EmitNarrowRun(w, plan);
                widths = widths.Where(width => width != VectorWidth.V256).ToArray(); // the narrow kernel runs where Vector256 is the widest
            }
            else if (plan.SkipsZeros)
            {
                w.Line("/// <summary>Computes the whole layer with the widest accelerated vectors, skipping zero inputs if <paramref name=\"skipZeros\"/> (the weights are all finite).</summary>");
                using (w.Block("public static void Run(ref float input, ref float output, ref float kernel, ref float bias, bool skipZeros)"))
                {
                    VectorWidth.Dispatch(w, widths, width => $"Run{width.Suffix}(ref input, ref output, ref kernel, ref bias{SkipArgument(plan, width)});");
                    WriteActivationPass(w, plan);
                }
            }
            else
            {
                WriteDispatchingRun(w, plan, widths, weighted: true);
            }

            foreach (VectorWidth width in widths)
            {
                w.Line();
                if (plan.FusedPool is LayerAnalysis fused)
                {
                    EmitPooledWidth(w, plan, g, fused, width);
                }
                else
                {
                    EmitWidth(w, plan, g, width);
                }
            }
        }

        /// <summary>", skipZeros" where this width's kernel of a step that skips zeros takes it (<see cref="ZeroSkippingEmitter.Applies"/>).</summary>
        private static string SkipArgument(LayerPlan plan, VectorWidth width) => ZeroSkippingEmitter.Applies(plan, width) ? ", skipZeros" : string.Empty;

        /// <summary>
        /// Run of a step that runs <c>ConvGen.Inference.NarrowWinogradConvolution</c> where that kernel is preferred (Vector256
        /// the widest accelerated vector) and its direct kernels elsewhere (Vector512 first, else Vector128). The transformed kernel
        /// (made by the constructor from the packed one) and the workspace are passed after the direct weights.
        /// </summary>
        private static void EmitNarrowRun(CodeWriter w, LayerPlan plan)
        {
            LayerAnalysis l = plan.Layer;
            LayerSpec s = l.Spec;
            int inChannels = l.InputShape.Channels;
            w.Line("/// <summary>Floats of the kernel as NarrowWinogradConvolution's U, and of the workspace that kernel uses.</summary>");
            w.Line($"private const int WinogradKernelLength = {I(WinogradSizes.NarrowTransformedKernelLength(inChannels, l.OutputShape.Channels))}, WinogradWorkspaceLength = {I(WinogradSizes.NarrowWorkspaceLength(inChannels, l.OutputShape.Width))};");
            w.Line();
            w.Line("/// <summary>Computes the whole layer: as Winograd F(4x4, 3x3) where that kernel is preferred, else with the widest accelerated vectors.</summary>");
            using (w.Block("public static void Run(ref float input, ref float output, ref float kernel, ref float bias, ref float winogradKernel, ref float workspace)"))
            {
                using (w.Block("if (global::ConvGen.Inference.NarrowWinogradConvolution.Preferred)"))
                {
                    string bias = s.UseBias ? "MemoryMarshal.CreateReadOnlySpan(ref bias, Filters)" : "ReadOnlySpan<float>.Empty";
                    // DecideNarrow takes only steps with a fused 2x2 pool, which the kernel computes from its output tiles.
                    string pooling = plan.FusedPool!.Spec.Kind == LayerKind.MaxPool2D ? "Max2x2" : "Average2x2";
                    w.Line("global::ConvGen.Inference.NarrowWinogradConvolution.Run(");
                    w.Line("    MemoryMarshal.CreateReadOnlySpan(ref input, InputHeight * InputWidth * InputChannels), InputHeight, InputWidth, InputChannels, PadTop, PadLeft,");
                    w.Line($"    MemoryMarshal.CreateReadOnlySpan(ref winogradKernel, WinogradKernelLength), {bias},");
                    w.Line("    MemoryMarshal.CreateSpan(ref output, PooledHeight * PooledWidth * Filters), OutputHeight, OutputWidth, Filters,");
                    w.Line($"    global::ConvGen.Activation.{s.Activation}, global::ConvGen.Inference.WinogradPooling.{pooling}, MemoryMarshal.CreateSpan(ref workspace, WinogradWorkspaceLength));");
                }

                using (w.Block("else if (Vector512.IsHardwareAccelerated)"))
                {
                    w.Line("Run512(ref input, ref output, ref kernel, ref bias);");
                }

                using (w.Block("else"))
                {
                    w.Line("Run128(ref input, ref output, ref kernel, ref bias);");
                }
            }
        }

        /// <summary>
        /// A pointwise convolution with the depthwise layer it reads computed inside it (<see cref="DepthwiseFusion"/>): per
        /// band, the nested Depthwise class computes BandRows rows of the depthwise output (its own per-width kernels, folded
        /// BatchNormalization and activation) into a band on the stack, then the 1x1 GEMM runs on the band as it runs on a
        /// whole image (one row of BandRows x width pixels) and writes those rows of the output.
        /// </summary>
        private static void EmitWithDepthwise(CodeWriter w, LayerPlan plan, LayerPlan depthwise)
        {
            LayerAnalysis l = plan.Layer;
            TensorShape middle = depthwise.Layer.OutputShape;
            int rows = depthwise.BandRows;
            var bandLayer = new LayerAnalysis(l.Index, l.Name, l.Spec, new TensorShape(rows, middle.Width, middle.Channels),
                new TensorShape(rows, l.OutputShape.Width, l.OutputShape.Channels), l.Parameters.ToArray(), l.MultiplyAdds,
                l.PadTop, l.PadBottom, l.PadLeft, l.PadRight, l.InputIndices.ToArray(), l.InputShapes.ToArray());
            var band = new LayerPlan(bandLayer, plan.Declared, plan.Method) { Weights = plan.Weights, ZeroSkipReason = plan.ZeroSkipReason };
            WindowGeometry g = WindowGeometry.OfConvolution(bandLayer);
            IReadOnlyList<VectorWidth> widths = VectorWidth.For(g.OutputChannels);
            w.Line("// the GEMM's sizes are one band's: BandRows rows of the depthwise output as one row of pixels");
            Constants(w, band, g);
            int bands = middle.Height / rows;
            if (bands > 1)
            {
                w.Line($"/// <summary>Depthwise output rows per band, and bands (the depthwise output is {I(middle.Height)} rows high).</summary>");
                w.Line($"private const int BandRows = {I(rows)}, Bands = {I(bands)};");
                w.Line("/// <summary>Floats of the band (BandRows rows of the depthwise output) and of the output rows one band gives.</summary>");
                w.Line("private const int BandLength = InputWidth * InputChannels, BandOutputLength = OutputWidth * Filters;");
            }
            else
            {
                w.Line($"/// <summary>Floats of the band: the whole depthwise output ({Count(rows, "row")}), one band.</summary>");
                w.Line("private const int BandLength = InputWidth * InputChannels;");
            }
            w.Line();
            w.Line("/// <summary>Computes the whole layer: per band, the depthwise rows into the band on the stack, then the band through the 1x1 GEMM with the widest accelerated vectors.</summary>");
            using (w.Block($"public static void Run(ref float input, ref float output, ref float kernel, ref float bias, ref float depthwiseKernel, ref float depthwiseBias{(plan.SkipsZeros ? ", bool skipZeros" : string.Empty)})"))
            {
                w.Line("// the band starts on a 64-byte boundary (a cache line), so the depthwise kernels' vector stores never split a line");
                w.Line("Span<float> bandSpan = stackalloc float[BandLength + 15];");
                w.Line("ref float bandStart = ref MemoryMarshal.GetReference(bandSpan);");
                w.Line("int skew = (int)((nuint)Unsafe.ByteOffset(ref Unsafe.NullRef<float>(), ref bandStart) / 4 % 16); // the address in floats, modulo a cache line");
                w.Line("ref float band = ref Unsafe.Add(ref bandStart, (16 - skew) % 16);");
                if (bands > 1)
                {
                    using (w.Block("for (int b = 0; b < Bands; b++)"))
                    {
                        w.Line("Depthwise.Run(ref input, ref band, ref depthwiseKernel, ref depthwiseBias, b * BandRows);");
                        w.Line("ref float rows = ref Unsafe.Add(ref output, b * BandOutputLength);");
                        VectorWidth.Dispatch(w, widths, width => $"Run{width.Suffix}(ref band, ref rows, ref kernel, ref bias{SkipArgument(plan, width)});");
                    }
                }
                else
                {
                    w.Line("Depthwise.Run(ref input, ref band, ref depthwiseKernel, ref depthwiseBias, 0);");
                    VectorWidth.Dispatch(w, widths, width => $"Run{width.Suffix}(ref band, ref output, ref kernel, ref bias{SkipArgument(plan, width)});");
                }

                WriteActivationPass(w, plan);
            }

            foreach (VectorWidth width in widths)
            {
                w.Line();
                EmitWidth(w, band, g, width);
            }

            w.Line();
            KernelEmitters.Emit(w, depthwise);
        }

        /// <summary>
        /// A fused convolution's weights are never split into chunks of input channels: <see cref="PoolFusion"/> fuses
        /// only blocks whose weights fit <see cref="ChunkTargetBytes"/> (chunked weights would be re-read for every band).
        /// </summary>
        /// <exception cref="InvalidOperationException">The planner fused a convolution it must not have (a generator bug).</exception>
        private static void RequireUnchunked(WindowGeometry g, LayerPlan plan, ChannelBlock block)
        {
            if (ChunkChannels(g, plan.Layer.Spec, block) != 0)
            {
                throw new InvalidOperationException($"{plan.Layer.Name}: a convolution whose weights run in chunks of input channels was fused with its pool.");
            }
        }

        /// <summary>
        /// One clipped column (ix, kxLo, kxHi and <c>column</c> set) top to bottom: the rows clipped by the top and bottom
        /// padding one pixel at a time, the rows between in vertical tiles of <paramref name="down"/>; output rows are
        /// <paramref name="rowStride"/> floats apart.
        /// </summary>
        private static void ColumnDown(CodeWriter w, WindowGeometry g, ChannelBlock block, Kernels kernels, TileSizes down, string rowStride)
        {
            void Singles(int rowFrom, int rowTo)
            {
                using (w.For("oy", rowFrom, rowTo, toText: rowTo == g.OutputHeight ? "OutputHeight" : null))
                {
                    WindowGeometry.RowTaps(w);
                    w.Line($"{kernels.Request(1, vertical: false, block)}(ref input, iy, ix, kyLo, kyHi, kxLo, kxHi, {Ref("column", Times("oy", rowStride))}, ref k, ref b{kernels.ChunkArguments});");
                }
            }

            if (down.Count == 0)
            {
                Singles(0, g.OutputHeight);
                return;
            }

            if (g.RowStart > 0)
            {
                Singles(0, g.RowStart);
            }

            string Column(int pixels, string oy) =>
                $"{kernels.Request(pixels, vertical: true, block)}(ref input, {WindowStart(oy, "StrideHeight", "PadTop")}, ix, 0, KernelHeight, kxLo, kxHi, {Ref("column", Times(oy, rowStride))}, ref k, ref b{kernels.ChunkArguments});";
            if (down.Tiles == 1)
            {
                w.Line(Column(down.Pixels, I(g.RowStart)));
            }
            else if (down.Tiles > 1)
            {
                using (w.For("oy", g.RowStart, g.RowStart + (down.Tiles * down.Pixels), down.Pixels))
                {
                    w.Line(Column(down.Pixels, "oy"));
                }
            }

            if (down.Tail > 0)
            {
                w.Line(Column(down.Tail, I(g.RowStart + (down.Tiles * down.Pixels))));
            }

            if (g.RowEnd < g.OutputHeight)
            {
                Singles(g.RowEnd, g.OutputHeight);
            }
        }

        private static void PoolConstants(CodeWriter w, WindowGeometry g, LayerAnalysis pool)
        {
            LayerSpec p = pool.Spec;
            w.Line($"private const int PoolHeight = {I(p.KernelHeight)}, PoolWidth = {I(p.KernelWidth)}, PooledHeight = {I(pool.OutputShape.Height)}, PooledWidth = {I(pool.OutputShape.Width)};");
            w.Line("/// <summary>Floats of the band: the convolution rows under one pooled row.</summary>");
            w.Line("private const int BandLength = PoolHeight * OutputWidth * Filters;");
            if (SeparateBorders(g))
            {
                w.Line("/// <summary>The border columns (windows clipped horizontally), computed over the whole image before the bands.</summary>");
                w.Line($"private const int BorderColumns = {I(BorderRanges(g).Sum(range => range.To - range.From))}, BordersLength = OutputHeight * BorderColumns * Filters;");
            }
        }

        /// <summary>
        /// The layer with a fused pool (<see cref="PoolFusion"/>), for one vector width: for each pooled row, the PoolHeight
        /// convolution rows under it, every channel block, into a band on the stack (interior columns in horizontal tiles,
        /// border columns one pixel at a time with their window clipped), then the band pooled into the output row.
        /// </summary>
        private static void EmitPooledWidth(CodeWriter w, LayerPlan plan, WindowGeometry g, LayerAnalysis pool, VectorWidth width)
        {
            IReadOnlyList<ChannelBlock> blocks = ChannelBlockEmitter.Plan(g.OutputChannels, width, width.TileVectors);
            var kernels = new Kernels(width, plan.Layer.Spec);
            bool max = pool.Spec.Kind == LayerKind.MaxPool2D;

            List<(int From, int To)> borderRanges = BorderRanges(g);
            bool borders = SeparateBorders(g);
            (int From, int To) rowTiles = (g.InteriorStart, g.InteriorEnd);
            int ph = pool.Spec.KernelHeight, pw = pool.Spec.KernelWidth;
            int[] windows = blocks.Select(block => ConvolutionKernelEmitter.PooledRowWindows(plan.Layer.Spec, block, width, ph, pw)).ToArray();
            (int pyLo, int pyHi) = WholeWindows(g.RowStart, g.RowEnd, ph, pool.OutputShape.Height);
            (int pxLo, int pxHi) = WholeWindows(g.InteriorStart, g.InteriorEnd, pw, pool.OutputShape.Width);
            // In registers when the pool windows with whole convolution windows start at the interior and end at its end (or
            // at the last pool window): the other windows' columns are then border columns, and no pooled row is left with
            // row tiles of a pixel or two (their multiply-adds would be one long dependency chain each).
            bool inRegisters = windows.All(count => count > 0) && pyHi > pyLo && pxHi > pxLo
                && pxLo * pw == g.InteriorStart && (pxHi * pw == g.InteriorEnd || pxHi == pool.OutputShape.Width);
            bool bandInside = pxLo > 0 || pxHi < pool.OutputShape.Width;
            var pooledKernels = new List<(string Name, int Windows, ChannelBlock Block)>();
            bool band = !inRegisters || bandInside || pyLo > 0 || pyHi < pool.OutputShape.Height;
            borders &= band;
            w.Line($"/// <summary>The layer with {width.Static} floats: {(borders ? "the border columns over the whole image first, then " : string.Empty)}per pooled row, the convolution rows under it into the band, then the {(max ? "maximum" : "mean")} of each window.</summary>");
            using (w.Block($"private static void Run{width.Suffix}(ref float input, ref float output, ref float kernel, ref float bias)"))
            {
                if (band)
                {
                    w.Line("Span<float> bandSpan = stackalloc float[BandLength];");
                    w.Line("ref float band = ref MemoryMarshal.GetReference(bandSpan);");
                }

                if (borders)
                {
                    w.Line("// the border columns in vertical tiles down the whole image (one pixel at a time they would be one long dependency chain each)");
                    w.Line("Span<float> bordersSpan = stackalloc float[BordersLength];");
                    w.Line("ref float borders = ref MemoryMarshal.GetReference(bordersSpan);");
                    foreach (ChannelBlock block in blocks)
                    {
                        RequireUnchunked(g, plan, block);
                        using (w.For("oc", block.FirstChannel, block.FirstChannel + (block.Count * block.Width), block.Width))
                        {
                            w.Line($"ref float k = {Ref("kernel", "oc")};");
                            w.Line($"ref float b = {Ref("bias", "oc")};");
                            BorderColumns(w, g, block, kernels, borderRanges);
                        }
                    }
                }

                // The convolution rows under pooled row py into the band (interior columns in skip left out), then the band's
                // pool windows in pooled columns [pxFrom, pxTo) pooled into the output row.
                void BandRows((int From, int To)? skip)
                {
                    using (w.For("r", 0, pool.Spec.KernelHeight, toText: "PoolHeight"))
                    {
                        w.Line("int oy = py * PoolHeight + r;");
                        WindowGeometry.RowTaps(w);
                        w.Line($"ref float line = {Ref("band", Times("r", "OutputWidth * Filters"))};");
                        bool tilesLeft = !borders || skip is not (int skipFrom, int skipTo) || rowTiles.From < skipFrom || skipTo < rowTiles.To;
                        foreach (ChannelBlock block in tilesLeft ? blocks : Array.Empty<ChannelBlock>())
                        {
                            RequireUnchunked(g, plan, block);
                            w.Line(ChannelBlockEmitter.RangeComment(block, width, g.OutputChannels));
                            using (w.For("oc", block.FirstChannel, block.FirstChannel + (block.Count * block.Width), block.Width))
                            {
                                w.Line($"ref float k = {Ref("kernel", "oc")};");
                                w.Line($"ref float b = {Ref("bias", "oc")};");
                                BandRow(w, g, block, kernels, borders, rowTiles, skip);
                            }
                        }

                        if (borders)
                        {
                            w.Line("// the row's border pixels, computed above");
                            foreach ((int from, int to) in borderRanges)
                            {
                                using (w.For("ox", from, to, toText: to == g.OutputWidth ? "OutputWidth" : null))
                                {
                                    w.Line($"Unsafe.CopyBlockUnaligned(ref Unsafe.As<float, byte>({Ref("line", Times("ox", "Filters"))}), ref Unsafe.As<float, byte>({Ref("borders", $"(oy * BorderColumns + {BorderIndex(g, from)}) * Filters")}), Filters * sizeof(float));");
                                }
                            }
                        }
                    }
                }

                string PoolBand(string from, string to) => $"PoolBand{width.Suffix}(ref band, {Ref("output", Times("py", "PooledWidth * Filters"))}, {from}, {to});";

                void BandPass(int from, int to)
                {
                    using (w.For("py", from, to, toText: to == pool.OutputShape.Height ? "PooledHeight" : null))
                    {
                        BandRows(null);
                        w.Line(PoolBand("0", "PooledWidth"));
                    }
                }

                if (!inRegisters)
                {
                    BandPass(0, pool.OutputShape.Height);
                }
                else
                {
                    if (pyLo > 0)
                    {
                        w.Line($"// pooled rows [0, {I(pyLo)}): windows clipped at the top, through the band");
                        BandPass(0, pyLo);
                    }

                    w.Line($"// pooled rows [{I(pyLo)}, {I(pyHi)}): the pool windows in columns [{I(pxLo)}, {I(pxHi)}) in registers (PooledRow kernels){(bandInside ? ", the others through the band" : string.Empty)}");
                    using (w.For("py", pyLo, pyHi, toText: pyHi == pool.OutputShape.Height ? "PooledHeight" : null))
                    {
                        if (bandInside)
                        {
                            BandRows((pxLo * pw, pxHi * pw));
                        }

                        w.Line("int top = py * PoolHeight * StrideHeight - PadTop; // input row of the first window row's top");
                        w.Line($"ref float pooled = {Ref("output", Times("py", "PooledWidth * Filters"))};");
                        for (int i = 0; i < blocks.Count; i++)
                        {
                            ChannelBlock block = blocks[i];
                            TileSizes across = TileSizes.Split(pxHi - pxLo, windows[i]);
                            using (w.For("oc", block.FirstChannel, block.FirstChannel + (block.Count * block.Width), block.Width))
                            {
                                w.Line($"ref float k = {Ref("kernel", "oc")};");
                                w.Line($"ref float b = {Ref("bias", "oc")};");
                                string Tile(int count, string px)
                                {
                                    string kernelName = ConvolutionKernelEmitter.PooledName(count, block, width);
                                    if (pooledKernels.All(k => k.Name != kernelName))
                                    {
                                        pooledKernels.Add((kernelName, count, block));
                                    }

                                    return $"{kernelName}(ref input, top, {WindowStart(Times(px, "PoolWidth"), "StrideWidth", "PadLeft")}, {Ref("pooled", Plus(Times(px, "Filters"), "oc"))}, ref k, ref b);";
                                }

                                if (across.Tiles == 1)
                                {
                                    w.Line(Tile(across.Pixels, I(pxLo)));
                                }
                                else if (across.Tiles > 1)
                                {
                                    using (w.For("px", pxLo, pxLo + (across.Tiles * across.Pixels), across.Pixels))
                                    {
                                        w.Line(Tile(across.Pixels, "px"));
                                    }
                                }

                                if (across.Tail > 0)
                                {
                                    w.Line(Tile(across.Tail, I(pxLo + (across.Tiles * across.Pixels))));
                                }
                            }
                        }

                        if (pxLo > 0)
                        {
                            w.Line(PoolBand("0", I(pxLo)));
                        }

                        if (pxHi < pool.OutputShape.Width)
                        {
                            w.Line(PoolBand(I(pxHi), "PooledWidth"));
                        }
                    }

                    if (pyHi < pool.OutputShape.Height)
                    {
                        w.Line($"// pooled rows [{I(pyHi)}, {I(pool.OutputShape.Height)}): windows clipped at the bottom, through the band");
                        BandPass(pyHi, pool.OutputShape.Height);
                    }
                }
            }

            foreach ((string _, int count, ChannelBlock block) in pooledKernels)
            {
                w.Line();
                ConvolutionKernelEmitter.EmitPooledRow(w, plan.Layer.Spec, g, count, block, width, pool.Spec);
            }

            foreach ((int pixels, bool vertical, ChannelBlock block, bool chunked) in kernels.Requested)
            {
                w.Line();
                ConvolutionKernelEmitter.Emit(w, plan.Layer.Spec, g, pixels, vertical, block, width, chunked, "BorderColumns * Filters");
            }

            if (band)
            {
                w.Line();
                EmitPoolBand(w, pool, width);
            }
        }

        /// <summary>
        /// The pool windows [lo, hi) along one axis whose <paramref name="size"/> convolution outputs all lie in [start, end)
        /// (the outputs with whole windows), of the <paramref name="count"/> windows; (0, 0) when none.
        /// </summary>
        private static (int Lo, int Hi) WholeWindows(int start, int end, int size, int count)
        {
            int lo = (start + size - 1) / size, hi = Math.Min(end / size, count);
            return end > start && hi > lo ? (lo, hi) : (0, 0);
        }

        /// <summary>The output columns whose windows are clipped horizontally (every column when none has its window inside).</summary>
        private static List<(int From, int To)> BorderRanges(WindowGeometry g)
        {
            var ranges = new List<(int From, int To)>();
            if (!g.HasInterior)
            {
                ranges.Add((0, g.OutputWidth));
                return ranges;
            }

            if (g.InteriorStart > 0)
            {
                ranges.Add((0, g.InteriorStart));
            }

            if (g.InteriorEnd < g.OutputWidth)
            {
                ranges.Add((g.InteriorEnd, g.OutputWidth));
            }

            return ranges;
        }

        /// <summary>Floats of the border columns over the whole image: OutputHeight x BorderColumns x Filters.</summary>
        private static long BordersLength(WindowGeometry g) =>
            (long)g.OutputHeight * BorderRanges(g).Sum(range => range.To - range.From) * g.OutputChannels;

        /// <summary>
        /// Whether a fused convolution computes its border columns before the bands, in vertical tiles into a buffer on the stack:
        /// when the image has interior columns, some border, and the buffer stays within <see cref="PoolFusion.MostBandFloats"/>.
        /// </summary>
        private static bool SeparateBorders(WindowGeometry g) =>
            g.HasInterior && BordersLength(g) > 0 && BordersLength(g) <= PoolFusion.MostBandFloats;

        /// <summary>The index among the border columns of column <c>ox</c>, in the range starting at <paramref name="from"/>.</summary>
        private static string BorderIndex(WindowGeometry g, int from) => from == 0 ? "ox" : from == g.InteriorEnd ? "ox - InteriorEnd + InteriorStart" : $"ox - {I(from)} + InteriorStart";

        /// <summary>The border columns of one channel block over the whole image into <c>borders</c>: vertical tiles down the rows whose windows are inside vertically, the others one pixel at a time.</summary>
        private static void BorderColumns(CodeWriter w, WindowGeometry g, ChannelBlock block, Kernels kernels, List<(int From, int To)> ranges)
        {
            TileSizes down = TileSizes.For(g.RowEnd - g.RowStart, block, kernels.Width);
            foreach ((int from, int to) in ranges)
            {
                w.Line($"// border columns [{I(from)}, {I(to)})");
                using (w.For("ox", from, to, toText: to == g.OutputWidth ? "OutputWidth" : null))
                {
                    WindowGeometry.ColumnTaps(w);
                    w.Line($"ref float column = {Ref("borders", Plus(Times(BorderIndex(g, from).Contains(" ") ? "(" + BorderIndex(g, from) + ")" : BorderIndex(g, from), "Filters"), "oc"))};");
                    ColumnDown(w, g, block, kernels, down, "BorderColumns * Filters");
                }
            }
        }

        /// <summary>
        /// One convolution row of one channel block into <c>line</c>: the interior in tiles, and unless the border columns
        /// were computed beforehand (<paramref name="borders"/>), the border pixels one at a time. Interior columns in
        /// <paramref name="skip"/> are left out (their pool windows are computed in registers).
        /// </summary>
        private static void BandRow(CodeWriter w, WindowGeometry g, ChannelBlock block, Kernels kernels, bool borders, (int From, int To) interior, (int From, int To)? skip = null)
        {
            TileSizes whole = TileSizes.Across(g.InteriorEnd - g.InteriorStart, block, kernels);
            void Singles(int from, int to)
            {
                if (borders)
                {
                    return;
                }

                w.Line($"// {(whole.Count == 0 ? "every column" : "border columns")} [{I(from)}, {I(to)}): windows clipped to the input");
                using (w.For("ox", from, to, toText: to == g.OutputWidth ? "OutputWidth" : null))
                {
                    WindowGeometry.ColumnTaps(w);
                    w.Line($"{kernels.Request(1, vertical: false, block)}(ref input, iy, ix, kyLo, kyHi, kxLo, kxHi, {Ref("line", Plus(Times("ox", "Filters"), "oc"))}, ref k, ref b{kernels.ChunkArguments});");
                }
            }

            if (whole.Count == 0)
            {
                Singles(0, g.OutputWidth);
                return;
            }

            if (g.InteriorStart > 0)
            {
                Singles(0, g.InteriorStart);
            }

            var segments = skip is (int skipFrom, int skipTo)
                ? new List<(int From, int To)> { (interior.From, skipFrom), (skipTo, interior.To) }
                : new List<(int From, int To)> { interior };
            foreach ((int from, int to) in segments.Where(segment => segment.To > segment.From))
            {
                string fromText = from == g.InteriorStart ? "InteriorStart" : I(from);
                TileSizes across = TileSizes.Across(to - from, block, kernels);
                w.Line($"// interior columns [{I(from)}, {I(to)}): {Count(across.Tiles, "tile")} of {Count(across.Pixels, "pixel")}{(across.Tail > 0 ? $" and one of {I(across.Tail)}" : string.Empty)}");
                string Tile(int pixels, string ox) =>
                    $"{kernels.Request(pixels, vertical: false, block)}(ref input, iy, {WindowStart(ox, "StrideWidth", "PadLeft")}, kyLo, kyHi, 0, KernelWidth, {Ref("line", Plus(Times(ox, "Filters"), "oc"))}, ref k, ref b{kernels.ChunkArguments});";
                if (across.Tiles == 1)
                {
                    w.Line(Tile(across.Pixels, fromText));
                }
                else if (across.Tiles > 1)
                {
                    using (w.For("ox", from, from + (across.Tiles * across.Pixels), across.Pixels, fromText: fromText))
                    {
                        w.Line(Tile(across.Pixels, "ox"));
                    }
                }

                if (across.Tail > 0)
                {
                    w.Line(Tile(across.Tail, I(from + (across.Tiles * across.Pixels))));
                }
            }

            if (g.InteriorEnd < g.OutputWidth)
            {
                Singles(g.InteriorEnd, g.OutputWidth);
            }
        }

        /// <summary>Pools the band into one output row: each window's PoolHeight x PoolWidth cells, channels in vectors, then Vector128, then single floats.</summary>
        private static void EmitPoolBand(CodeWriter w, LayerAnalysis pool, VectorWidth width)
        {
            bool max = pool.Spec.Kind == LayerKind.MaxPool2D;
            int ph = pool.Spec.KernelHeight, pw = pool.Spec.KernelWidth, channels = pool.OutputShape.Channels;
            bool unrolled = ph * pw <= 9;
            var cells = new List<string>();
            for (int dy = 0; dy < ph; dy++)
            {
                for (int dx = 0; dx < pw; dx++)
                {
                    cells.Add(Plus(Plus(Times(dy, "OutputWidth * Filters"), Times(dx, "Filters")), "c"));
                }
            }

            w.Line($"/// <summary>The {(max ? "maximum" : "mean")} of each {I(ph)}x{I(pw)} window of the band in pooled columns [from, to), into one pooled row.</summary>");
            using (w.Block($"private static void PoolBand{width.Suffix}(ref float band, ref float dst, int from, int to)"))
            {
                using (w.Block("for (int px = from; px < to; px++)"))
                {
                    w.Line($"ref float cell = {Ref("band", Times("px", "PoolWidth * Filters"))};");
                    w.Line($"ref float pooled = {Ref("dst", Times("px", "Filters"))};");
                    w.Line("int c = 0;");
                    var steps = new List<VectorWidth> { width };
                    if (width != VectorWidth.V128)
                    {
                        steps.Add(VectorWidth.V128);
                    }

                    foreach (VectorWidth step in steps)
                    {
                        if (channels < step.Lanes)
                        {
                            continue;
                        }

                        using (w.Block($"for (; c <= Filters - {I(step.Lanes)}; c += {I(step.Lanes)})"))
                        {
                            string Load(string offset) => $"{step.Static}.LoadUnsafe(ref cell, (nuint){(offset.Contains(" ") ? "(" + offset + ")" : offset)})";
                            if (unrolled)
                            {
                                w.Line($"{step.Type} acc = {Load(cells[0])};");
                                for (int i = 1; i < cells.Count; i++)
                                {
                                    w.Line(max ? $"acc = {step.Static}.Max(acc, {Load(cells[i])});" : $"acc += {Load(cells[i])};");
                                }
                            }
                            else
                            {
                                w.Line(max ? $"{step.Type} acc = {step.Static}.Create(float.NegativeInfinity);" : $"{step.Type} acc = {step.Type}.Zero;");
                                using (w.For("dy", 0, ph, toText: "PoolHeight"))
                                using (w.For("dx", 0, pw, toText: "PoolWidth"))
                                {
                                    w.Line($"{step.Type} v = {Load("dy * OutputWidth * Filters + dx * Filters + c")};");
                                    w.Line(max ? $"acc = {step.Static}.Max(acc, v);" : "acc += v;");
                                }
                            }

                            w.Line(max ? "acc.StoreUnsafe(ref pooled, (nuint)c);" : $"(acc / {step.Static}.Create({F(ph * pw)})).StoreUnsafe(ref pooled, (nuint)c);");
                        }
                    }

                    if (channels % 4 != 0)
                    {
                        using (w.Block("for (; c < Filters; c++)"))
                        {
                            w.Line(max ? "float acc = float.NegativeInfinity;" : "float acc = 0f;");
                            using (w.For("dy", 0, ph, toText: "PoolHeight"))
                            using (w.For("dx", 0, pw, toText: "PoolWidth"))
                            {
                                w.Line("float v = Unsafe.Add(ref cell, dy * OutputWidth * Filters + dx * Filters + c);");
                                w.Line(max ? "acc = MathF.Max(acc, v);" : "acc += v;");
                            }

                            w.Line(max ? "Unsafe.Add(ref pooled, c) = acc;" : $"Unsafe.Add(ref pooled, c) = acc / {F(ph * pw)};");
                        }
                    }
                }
            }
        }

        private static void Constants(CodeWriter w, LayerPlan plan, WindowGeometry g)
        {
            g.Constants(w, $"Filters = {I(g.OutputChannels)}, FiltersPadded = {I(plan.PaddedUnits)}");
            g.InteriorConstants(w);
        }

        /// <summary>The layer for one vector width: the driver and the tile kernels it calls.</summary>
        private static void EmitWidth(CodeWriter w, LayerPlan plan, WindowGeometry g, VectorWidth width)
        {
            IReadOnlyList<ChannelBlock> blocks = ChannelBlockEmitter.Plan(g.OutputChannels, width, width.TileVectors);
            var kernels = new Kernels(width, plan.Layer.Spec);

            bool skips = ZeroSkippingEmitter.Applies(plan, width);
            if (skips || TilesOuter(g, plan, blocks))
            {
                w.Line($"/// <summary>The layer with {width.Static} floats: pixels in tiles, each tile through every block of output channels{(skips ? ", or pixel by pixel from its nonzero inputs where at least {ZeroSkipping.MinZeroPercent}% of them are zero (if skipZeros)" : string.Empty)}.</summary>");
                using (w.Block($"private static void Run{width.Suffix}(ref float input, ref float output, ref float kernel, ref float bias{(skips ? ", bool skipZeros" : string.Empty)})"))
                {
                    PointwiseTilesOuter(w, g, plan, blocks, kernels, skips);
                }
            }
            else
            {
                w.Line($"/// <summary>The layer with {width.Static} floats: output channels in blocks of registers, each over the whole image.</summary>");
                using (w.Block($"private static void Run{width.Suffix}(ref float input, ref float output, ref float kernel, ref float bias)"))
                {
                    BlocksOuter(w, g, plan, blocks, kernels, width);
                }
            }

            foreach ((int pixels, bool vertical, ChannelBlock block, bool chunked) in kernels.Requested)
            {
                w.Line();
                ConvolutionKernelEmitter.Emit(w, plan.Layer.Spec, g, pixels, vertical, block, width, chunked);
            }

            if (skips)
            {
                ZeroSkippingEmitter.EmitTile(w, plan.Layer.Spec, g.InputChannels, g.OutputChannels, width);
            }
        }

        /// <summary>
        /// Whether a 1x1 GEMM runs its pixel tiles outermost: it has more than one block of output channels and all its
        /// packed weights fit in L1 (<see cref="ChunkAboveBytes"/>). Block by block over the whole image, the input would
        /// be streamed from L2 or L3 once per block (N4's 1x1 layer: twice with Vector512, 8 times with Vector256).
        /// </summary>
        private static bool TilesOuter(WindowGeometry g, LayerPlan plan, IReadOnlyList<ChannelBlock> blocks) =>
            g.IsPointwise && blocks.Sum(block => block.Count) > 1 && (long)g.InputChannels * plan.PaddedUnits * sizeof(float) <= ChunkAboveBytes;

        /// <summary>
        /// A 1x1 GEMM with its pixel tiles outermost: each tile's input pixels are loaded into L1 once and multiplied with
        /// every block of output channels, whose packed weights (all of them fit in L1) stay there over the whole image.
        /// Every block uses the tile size of the widest block.
        /// </summary>
        private static void PointwiseTilesOuter(CodeWriter w, WindowGeometry g, LayerPlan plan, IReadOnlyList<ChannelBlock> blocks, Kernels kernels, bool skips)
        {
            TileSizes across = TileSizes.For(g.OutputWidth, blocks[0], kernels.Width);
            w.Line($"// pixels in {Count(across.Tiles, "tile")} of {I(across.Pixels)}{(across.Tail > 0 ? $" and one of {I(across.Tail)}" : string.Empty)}, each through all {I(g.OutputChannels)} output channels: the tile's input stays in L1, and so do the {I(g.InputChannels * plan.PaddedUnits * sizeof(float) / 1024)} KiB of packed weights");
            void Dense(int pixels, string ox)
            {
                w.Line($"ref float row = {Ref("output", Times(ox, "Filters"))};");
                foreach (ChannelBlock block in blocks)
                {
                    w.Line(ChannelBlockEmitter.RangeComment(block, kernels.Width, g.OutputChannels));
                    using (w.For("oc", block.FirstChannel, block.FirstChannel + (block.Count * block.Width), block.Width))
                    {
                        w.Line($"{kernels.Request(pixels, vertical: false, block)}(ref input, 0, {ox}, 0, KernelHeight, 0, KernelWidth, {Ref("row", "oc")}, {Ref("kernel", "oc")}, {Ref("bias", "oc")});");
                    }
                }
            }

            void Tile(int pixels, string ox)
            {
                if (!skips)
                {
                    Dense(pixels, ox);
                    return;
                }

                using (w.Block($"if (!skipZeros || !Sparse{kernels.Width.Suffix}(ref input, {ox}, {I(pixels)}, ref output, ref kernel, ref bias))"))
                {
                    Dense(pixels, ox);
                }
            }

            if (across.Tiles > 0)
            {
                using (w.For("ox", 0, across.Tiles * across.Pixels, across.Pixels))
                {
                    Tile(across.Pixels, "ox");
                }
            }

            if (across.Tail > 0)
            {
                using (w.Scope())
                {
                    Tile(across.Tail, I(across.Tiles * across.Pixels));
                }
            }
        }

        /// <summary>Each block of output channels over the whole image.</summary>
        private static void BlocksOuter(CodeWriter w, WindowGeometry g, LayerPlan plan, IReadOnlyList<ChannelBlock> blocks, Kernels kernels, VectorWidth width)
        {
            foreach (ChannelBlock block in blocks)
            {
                int chunk = ChunkChannels(g, plan.Layer.Spec, block);
                kernels.Chunked = chunk > 0;
                w.Line(ChannelBlockEmitter.RangeComment(block, width, g.OutputChannels));
                using (w.For("oc", block.FirstChannel, block.FirstChannel + (block.Count * block.Width), block.Width))
                {
                    Chunks(w, g, block, kernels, chunk);
                }
            }
        }

        /// <summary>The image for one channel block, once per chunk of input channels when the block's weights exceed L1.</summary>
        private static void Chunks(CodeWriter w, WindowGeometry g, ChannelBlock block, Kernels kernels, int chunk)
        {
            if (chunk == 0)
            {
                Image(w, g, block, kernels);
                return;
            }

            w.Line($"// input channels in chunks of {I(chunk)}: one chunk's weights ({I(chunk)} x {I(block.Width)} per tap) stay in L1 over the whole image");
            using (w.Block($"for (int cLo = 0; cLo < InputChannels; cLo += {I(chunk)})"))
            {
                w.Line($"int cHi = Math.Min(cLo + {I(chunk)}, InputChannels);");
                Image(w, g, block, kernels);
            }
        }

        /// <summary>
        /// One channel block over the whole image: the interior columns of every row in horizontal tiles (rows at the
        /// top and bottom clip their kernel rows), then each border column in vertical tiles down its interior rows
        /// (kernel columns clipped), and the corner pixels one by one.
        /// </summary>
        private static void Image(CodeWriter w, WindowGeometry g, ChannelBlock block, Kernels kernels)
        {
            w.Line($"ref float k = {Ref("kernel", "oc")};");
            w.Line($"ref float b = {Ref("bias", "oc")};");
            TileSizes across = TileSizes.Across(g.InteriorEnd - g.InteriorStart, block, kernels);
            if (across.Count > 0)
            {
                w.Line($"// interior columns [{I(g.InteriorStart)}, {I(g.InteriorEnd)}) of every row: {Count(across.Tiles, "tile")} of {Count(across.Pixels, "pixel")}{(across.Tail > 0 ? $" and one of {I(across.Tail)}" : string.Empty)}");
                using (w.For("oy", 0, g.OutputHeight, toText: "OutputHeight"))
                {
                    WindowGeometry.RowTaps(w);
                    w.Line($"ref float row = {Ref("output", Plus(Times("oy", "OutputWidth * Filters"), "oc"))};");
                    string Tile(int pixels, string ox) =>
                        $"{kernels.Request(pixels, vertical: false, block)}(ref input, iy, {WindowStart(ox, "StrideWidth", "PadLeft")}, kyLo, kyHi, 0, KernelWidth, {Ref("row", Times(ox, "Filters"))}, ref k, ref b{kernels.ChunkArguments});";
                    if (across.Tiles == 1)
                    {
                        w.Line(Tile(across.Pixels, "InteriorStart"));
                    }
                    else if (across.Tiles > 1)
                    {
                        using (w.For("ox", g.InteriorStart, g.InteriorStart + (across.Tiles * across.Pixels), across.Pixels, fromText: "InteriorStart"))
                        {
                            w.Line(Tile(across.Pixels, "ox"));
                        }
                    }

                    if (across.Tail > 0)
                    {
                        w.Line(Tile(across.Tail, I(g.InteriorStart + (across.Tiles * across.Pixels))));
                    }
                }
            }

            var columns = new List<(int From, int To)>();
            if (across.Count == 0)
            {
                columns.Add((0, g.OutputWidth));
            }
            else
            {
                if (g.InteriorStart > 0)
                {
                    columns.Add((0, g.InteriorStart));
                }

                if (g.InteriorEnd < g.OutputWidth)
                {
                    columns.Add((g.InteriorEnd, g.OutputWidth));
                }
            }

            TileSizes down = TileSizes.For(g.RowEnd - g.RowStart, block, kernels.Width);
            foreach ((int from, int to) in columns)
            {
                w.Line($"// {(across.Count == 0 ? "every column" : "border columns")} [{I(from)}, {I(to)}): windows clipped to the input");
                using (w.For("ox", from, to, toText: to == g.OutputWidth ? "OutputWidth" : null))
                {
                    WindowGeometry.ColumnTaps(w);
                    w.Line($"ref float column = {Ref("output", Plus(Times("ox", "Filters"), "oc"))};");
                    ColumnDown(w, g, block, kernels, down, "OutputWidth * Filters");
                }
            }
        }

        /// <summary>The tile kernels a width's driver calls, in the order first requested (each emitted once).</summary>
        internal sealed class Kernels
        {
            private readonly HashSet<string> _names = new HashSet<string>(StringComparer.Ordinal);

            public Kernels(VectorWidth width, LayerSpec spec)
            {
                Width = width;
                Spec = spec;
            }

            public VectorWidth Width { get; }

            /// <summary>The convolution (its kernel shape decides the form of the row tiles).</summary>
            public LayerSpec Spec { get; }

            /// <summary>Whether the block being emitted runs in chunks of input channels (its kernels take cLo, cHi).</summary>
            public bool Chunked { get; set; }

            public string ChunkArguments => Chunked ? ", cLo, cHi" : string.Empty;

            public List<(int Pixels, bool Vertical, ChannelBlock Block, bool Chunked)> Requested { get; } = new List<(int, bool, ChannelBlock, bool)>();

            public string Request(int pixels, bool vertical, ChannelBlock block)
            {
                vertical &= pixels > 1; // one pixel has no direction
                string name = ConvolutionKernelEmitter.Name(pixels, vertical, block, Width, ConvolutionKernelEmitter.IsSharedRow(Spec, pixels, vertical, block, Width, Chunked));
                if (_names.Add(name))
                {
                    Requested.Add((pixels, vertical, block, Chunked));
                }

                return name;
            }
        }

        /// <summary>How a run of pixels (a row's interior, a border column's interior) splits into <see cref="Tiles"/> tiles of <see cref="Pixels"/>, then one of <see cref="Tail"/>.</summary>
        internal readonly struct TileSizes
        {
            private TileSizes(int pixels, int tiles, int tail)
            {
                Pixels = pixels;
                Tiles = tiles;
                Tail = tail;
            }

            public int Pixels { get; }

            public int Tiles { get; }

            public int Tail { get; }

            /// <summary>Pixels the tiles cover.</summary>
            public int Count => (Tiles * Pixels) + Tail;

            /// <summary>
            /// Splits <paramref name="count"/> pixels into tiles as large as the width's accumulator budget allows for
            /// this block, balanced (30 pixels with at most 12 per tile: three tiles of 10, rather than 12 + 12 + 6).
            /// </summary>
            public static TileSizes For(int count, ChannelBlock block, VectorWidth width) =>
                Split(count, Math.Max(1, Math.Min(MaxTilePixels, width.AccumulatorBudget / block.Vectors)));

            /// <summary>
            /// Like <see cref="For"/>, for the whole-window pixels of a row: tiles in the shared-column form take as many
            /// pixels as the registers left beside one kernel row of weights allow (<see cref="ConvolutionKernelEmitter.SharedRowPixels"/>).
            /// </summary>
            public static TileSizes Across(int count, ChannelBlock block, Kernels kernels)
            {
                int shared = ConvolutionKernelEmitter.SharedRowPixels(kernels.Spec, block, kernels.Width, kernels.Chunked);
                return shared > 0 ? Split(count, shared) : For(count, block, kernels.Width);
            }

            /// <summary>Splits <paramref name="count"/> into balanced tiles of at most <paramref name="most"/>.</summary>
            public static TileSizes Split(int count, int most)
            {
                if (count <= 0)
                {
                    return new TileSizes(1, 0, 0);
                }

                int tiles = (count + most - 1) / most;
                int pixels = (count + tiles - 1) / tiles;
                int whole = count / pixels;
                return new TileSizes(pixels, whole, count - (whole * pixels));
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
    /// Conv2D (groups, strides, dilation, padding). Forward: z[pixel, oc] = b[oc] + sum over taps and the group's input
    /// channels of x * k. Backward: dk += x * d, dx += k . d, db += d. Ungrouped convolutions run as matrix products
    /// (<see cref="Im2ColConvolution"/>); grouped ones as loops over every pixel and tap.
    /// </summary>
    internal sealed class Conv2DTraining : KindTraining
    {
        public override IReadOnlyList<LayerKind> Kinds { get; } = KindList(LayerKind.Conv2D);

        /// <summary>Per-chunk scratch floats this layer needs (0 when it runs as loops).</summary>
        public static int ScratchFloats(TrainingStep s) =>
            s.Spec.Kind == LayerKind.Conv2D && s.Spec.Groups == 1 ? Im2ColConvolution.ScratchFloats(s) : 0;

        public override void Forward(CodeWriter w, TrainingStep s)
        {
            Shape(s, out int ic, out int oc, out int groups, out int icg, out int ocg);
            if (groups == 1)
            {
                Im2ColConvolution.Forward(w, s);
                return;
            }

            int kernel = s.Tensor(0);
            WindowLoops.Emit(w, s, oc,
                () => InitFromBias(w, s, "z", "zo", oc, biasTensor: 1),
                () =>
                {
                    w.Line($"int ko = {I(kernel)} + (ky * {I(s.Spec.KernelWidth)} + kx) * {I(icg * oc)};");
                    using (Groups(w, groups))
                    using (w.Block($"for (int c = 0; c < {I(icg)}; c++)"))
                    {
                        w.Line($"float xv = x[xo + {GroupInput(groups, icg)}c];");
                        Axpy(w, "xv", "prm", $"ko + c * {I(oc)}{GroupOutput(groups, ocg)}", "z", $"zo{GroupOutput(groups, ocg)}", ocg);
                    }
                });
        }

        public override void Backward(CodeWriter w, TrainingStep s)
        {
            Shape(s, out int ic, out int oc, out int groups, out int icg, out int ocg);
            if (groups == 1)
            {
                Im2ColConvolution.Backward(w, s);
                return;
            }

            int kernel = s.Tensor(0);
            WindowLoops.Emit(w, s, oc,
                () => BiasGradient(w, s, "zo", oc, biasTensor: 1),
                () =>
                {
                    w.Line($"int ko = {I(kernel)} + (ky * {I(s.Spec.KernelWidth)} + kx) * {I(icg * oc)};");
                    using (Groups(w, groups))
                    using (w.Block($"for (int c = 0; c < {I(icg)}; c++)"))
                    {
                        w.Line($"int xi = xo + {GroupInput(groups, icg)}c;");
                        w.Line($"int kc = ko + c * {I(oc)}{GroupOutput(groups, ocg)};");
                        using (w.Block("if (wantW)"))
                        {
                            Axpy(w, "x[xi]", "d", $"zo{GroupOutput(groups, ocg)}", "grad", "kc", ocg);
                        }

                        using (w.Block("if (wantX)"))
                        {
                            DotAdd(w, "dx[xi]", "prm", "kc", "d", $"zo{GroupOutput(groups, ocg)}", ocg);
                        }
                    }
                });
        }

        private static void Shape(TrainingStep s, out int ic, out int oc, out int groups, out int icg, out int ocg)
        {
            ic = s.In.Channels;
            oc = s.Out.Channels;
            groups = s.Spec.Groups;
            icg = ic / groups;
            ocg = oc / groups;
        }

        private static System.IDisposable Groups(CodeWriter w, int groups) =>
            groups == 1 ? new NoScope() : w.Block($"for (int gi = 0; gi < {I(groups)}; gi++)");

        private static string GroupInput(int groups, int icg) => groups == 1 ? string.Empty : $"gi * {I(icg)} + ";

        private static string GroupOutput(int groups, int ocg) => groups == 1 ? string.Empty : $" + gi * {I(ocg)}";

        /// <summary>z[at .. at + length) = bias (tensor <paramref name="biasTensor"/>) or 0 without a bias.</summary>
        internal static void InitFromBias(CodeWriter w, TrainingStep s, string z, string at, int length, int biasTensor)
        {
            if (s.Spec.UseBias)
            {
                w.Line($"prm.Slice({I(s.Tensor(biasTensor))}, {I(length)}).CopyTo({z}.Slice({at}, {I(length)}));");
            }
            else
            {
                w.Line($"{z}.Slice({at}, {I(length)}).Clear();");
            }
        }

        /// <summary>db += d[at .. at + length) when the layer has a bias and its parameters are trained.</summary>
        internal static void BiasGradient(CodeWriter w, TrainingStep s, string at, int length, int biasTensor)
        {
            if (s.Spec.UseBias)
            {
                using (w.Block("if (wantW)"))
                {
                    Add(w, "d", at, "grad", I(s.Tensor(biasTensor)), length);
                }
            }
        }

        private sealed class NoScope : System.IDisposable
        {
            public void Dispose()
            {
            }
        }
    }
}
