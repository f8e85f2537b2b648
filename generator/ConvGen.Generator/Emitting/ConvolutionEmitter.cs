using System;
using System.Collections.Generic;
using static ConvGen.Generator.Emitting.CodeWriter;

namespace ConvGen.Generator.Emitting
{
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
    internal static class ConvolutionEmitter
    {
        /// <summary>Most vectors of output channels per tile.</summary>
        public const int MaxTileVectors = 4;

        /// <summary>Most output pixels per tile.</summary>
        public const int MaxTilePixels = 12;

        public static void Emit(CodeWriter w, LayerPlan plan)
        {
            LayerSpec s = plan.Layer.Spec;
            ConvolutionGeometry g = ConvolutionGeometry.Of(plan.Layer);
            IReadOnlyList<VectorWidth> widths = VectorWidth.For(g.Filters);

            w.Line($"/// <summary>{LayerEmitter.Describe(plan)}</summary>");
            if (g.IsPointwise)
            {
                w.Line("/// <remarks>1x1, stride 1, no padding: runs as a GEMM over all pixels, treated as one row of the image.</remarks>");
            }

            using IDisposable type = w.Block($"private static class {plan.Method}");
            Constants(w, plan, g);
            w.Line();
            w.Line("/// <summary>Computes the whole layer with the widest accelerated vectors.</summary>");
            using (w.Block("public static void Run(ref float input, ref float output, ref float kernel, ref float bias)"))
            {
                VectorWidth.Dispatch(w, widths, width => $"Run{width.Suffix}(ref input, ref output, ref kernel, ref bias);");
                string? pass = ActivationEmitter.Pass(s.Activation, "output", plan.Layer.OutputShape);
                if (pass is not null)
                {
                    w.Line(pass);
                }
            }

            w.Line();
            w.Line("/// <summary>The first kernel tap whose input index (start + tap * dilation) is not negative.</summary>");
            w.Line("[MethodImpl(MethodImplOptions.AggressiveInlining)]");
            w.Line("private static int FirstTap(int start, int dilation) => start >= 0 ? 0 : (dilation - 1 - start) / dilation;");
            w.Line();
            w.Line("/// <summary>One past the last kernel tap whose input index is below <paramref name=\"size\"/>.</summary>");
            w.Line("[MethodImpl(MethodImplOptions.AggressiveInlining)]");
            w.Line("private static int EndTap(int start, int dilation, int size, int taps) => start >= size ? 0 : Math.Min(taps, (size - 1 - start) / dilation + 1);");

            foreach (VectorWidth width in widths)
            {
                w.Line();
                EmitWidth(w, plan, g, width);
            }
        }

        private static void Constants(CodeWriter w, LayerPlan plan, ConvolutionGeometry g)
        {
            LayerSpec s = plan.Layer.Spec;
            w.Line($"private const int InputHeight = {I(g.InputHeight)}, InputWidth = {I(g.InputWidth)}, InputChannels = {I(g.InputChannels)};");
            w.Line($"private const int OutputHeight = {I(g.OutputHeight)}, OutputWidth = {I(g.OutputWidth)}, Filters = {I(g.Filters)}, FiltersPadded = {I(plan.PaddedUnits)};");
            w.Line($"private const int KernelHeight = {I(s.KernelHeight)}, KernelWidth = {I(s.KernelWidth)}, StrideHeight = {I(s.StrideHeight)}, StrideWidth = {I(s.StrideWidth)};");
            w.Line($"private const int DilationHeight = {I(s.DilationHeight)}, DilationWidth = {I(s.DilationWidth)}, PadTop = {I(g.PadTop)}, PadLeft = {I(g.PadLeft)};");
            w.Line($"/// <summary>Output columns [{I(g.InteriorStart)}, {I(g.InteriorEnd)}) have their whole window inside the input horizontally.</summary>");
            w.Line($"private const int InteriorStart = {I(g.InteriorStart)}, InteriorEnd = {I(g.InteriorEnd)};");
        }

        /// <summary>The layer for one vector width: the row driver and its tile kernels.</summary>
        private static void EmitWidth(CodeWriter w, LayerPlan plan, ConvolutionGeometry g, VectorWidth width)
        {
            IReadOnlyList<ChannelBlock> blocks = ChannelBlockEmitter.Plan(g.Filters, width, MaxTileVectors);
            var kernels = new SortedSet<string>(StringComparer.Ordinal);
            var toEmit = new List<(int Pixels, ChannelBlock Block)>();

            w.Line($"/// <summary>The layer with {width.Static} floats: output channels in blocks of registers, each over every output row.</summary>");
            using (w.Block($"private static void Run{width.Suffix}(ref float input, ref float output, ref float kernel, ref float bias)"))
            {
                foreach (ChannelBlock block in blocks)
                {
                    TileSizes sizes = TileSizes.For(g, block, width);
                    foreach (int pixels in sizes.Distinct(g))
                    {
                        if (kernels.Add(ConvolutionKernelEmitter.Name(pixels, block, width)))
                        {
                            toEmit.Add((pixels, block));
                        }
                    }

                    w.Line($"// channels {I(block.FirstChannel)}.. in {I(block.Count)} block(s) of {I(block.Vectors)} {width.Static} ({I(block.Width)} channels){(block.IsPartial ? $", the last vector storing {I(block.LastLanes)}" : string.Empty)}; tiles of {I(sizes.Pixels)} pixels");
                    if (block.Count == 1)
                    {
                        using (w.Scope())
                        {
                            w.Line($"const int oc = {I(block.FirstChannel)};");
                            Rows(w, g, block, width, sizes);
                        }
                    }
                    else
                    {
                        using (w.Block($"for (int oc = {I(block.FirstChannel)}; oc < {I(block.FirstChannel + (block.Count * block.Width))}; oc += {I(block.Width)})"))
                        {
                            Rows(w, g, block, width, sizes);
                        }
                    }
                }
            }

            foreach ((int pixels, ChannelBlock block) in toEmit)
            {
                w.Line();
                ConvolutionKernelEmitter.Emit(w, plan.Layer.Spec, g, pixels, block, width);
            }
        }

        /// <summary>Every output row: border pixels one by one, interior pixels in tiles.</summary>
        private static void Rows(CodeWriter w, ConvolutionGeometry g, ChannelBlock block, VectorWidth width, TileSizes sizes)
        {
            w.Line("ref float k = ref Unsafe.Add(ref kernel, oc);");
            w.Line("ref float b = ref Unsafe.Add(ref bias, oc);");
            using (w.Block("for (int oy = 0; oy < OutputHeight; oy++)"))
            {
                w.Line("int iy = oy * StrideHeight - PadTop; // input row of the window's top");
                w.Line("int kyLo = FirstTap(iy, DilationHeight), kyHi = EndTap(iy, DilationHeight, InputHeight, KernelHeight); // kernel rows inside the input");
                w.Line("ref float row = ref Unsafe.Add(ref output, oy * OutputWidth * Filters + oc);");
                string single = ConvolutionKernelEmitter.Name(1, block, width);
                string pixel = $"{single}(ref input, iy, ix, kyLo, kyHi, FirstTap(ix, DilationWidth), EndTap(ix, DilationWidth, InputWidth, KernelWidth), ref Unsafe.Add(ref row, ox * Filters), ref k, ref b);";
                if (sizes.Interior == 0)
                {
                    w.Line("// no output column has its whole window inside the input: every pixel is clipped");
                    using (w.Block("for (int ox = 0; ox < OutputWidth; ox++)"))
                    {
                        w.Line("int ix = ox * StrideWidth - PadLeft;");
                        w.Line(pixel);
                    }

                    return;
                }

                if (g.InteriorStart > 0)
                {
                    w.Line("// left border: windows clipped to the input");
                    using (w.Block("for (int ox = 0; ox < InteriorStart; ox++)"))
                    {
                        w.Line("int ix = ox * StrideWidth - PadLeft;");
                        w.Line(pixel);
                    }
                }

                string Tile(int pixels, string ox) =>
                    $"{ConvolutionKernelEmitter.Name(pixels, block, width)}(ref input, iy, {ox} * StrideWidth - PadLeft, kyLo, kyHi, 0, KernelWidth, ref Unsafe.Add(ref row, {ox} * Filters), ref k, ref b);";

                if (sizes.Tiles > 0)
                {
                    w.Line($"// interior: {I(sizes.Tiles)} tile(s) of {I(sizes.Pixels)} pixels");
                    using (w.Block($"for (int ox = InteriorStart; ox < {I(g.InteriorStart + (sizes.Tiles * sizes.Pixels))}; ox += {I(sizes.Pixels)})"))
                    {
                        w.Line(Tile(sizes.Pixels, "ox"));
                    }
                }

                if (sizes.Tail > 0)
                {
                    w.Line($"// interior: the last {I(sizes.Tail)} pixel(s)");
                    w.Line(Tile(sizes.Tail, I(g.InteriorStart + (sizes.Tiles * sizes.Pixels))));
                }

                if (g.InteriorEnd < g.OutputWidth)
                {
                    w.Line("// right border: windows clipped to the input");
                    using (w.Block("for (int ox = InteriorEnd; ox < OutputWidth; ox++)"))
                    {
                        w.Line("int ix = ox * StrideWidth - PadLeft;");
                        w.Line(pixel);
                    }
                }
            }
        }

        /// <summary>How one row's interior splits into tiles: <see cref="Tiles"/> of <see cref="Pixels"/>, then <see cref="Tail"/> pixels.</summary>
        private readonly struct TileSizes
        {
            private TileSizes(int interior, int pixels, int tiles, int tail)
            {
                Interior = interior;
                Pixels = pixels;
                Tiles = tiles;
                Tail = tail;
            }

            public int Interior { get; }

            public int Pixels { get; }

            public int Tiles { get; }

            public int Tail { get; }

            /// <summary>
            /// As many pixels as the width's accumulator budget allows for this block, balanced over the interior
            /// (30 pixels with at most 12 per tile: three tiles of 10, rather than 12 + 12 + 6).
            /// </summary>
            public static TileSizes For(ConvolutionGeometry g, ChannelBlock block, VectorWidth width)
            {
                int interior = Math.Max(0, g.InteriorEnd - g.InteriorStart);
                int most = Math.Max(1, Math.Min(MaxTilePixels, width.AccumulatorBudget / block.Vectors));
                if (interior == 0)
                {
                    return new TileSizes(0, 1, 0, 0);
                }

                int count = (interior + most - 1) / most;
                int pixels = (interior + count - 1) / count;
                int tiles = interior / pixels;
                return new TileSizes(interior, pixels, tiles, interior - (tiles * pixels));
            }

            /// <summary>The tile sizes the row driver calls: 1 for border pixels, the tile and the tail.</summary>
            public IEnumerable<int> Distinct(ConvolutionGeometry g)
            {
                var sizes = new SortedSet<int>();
                if (Interior == 0 || g.InteriorStart > 0 || g.InteriorEnd < g.OutputWidth)
                {
                    sizes.Add(1);
                }

                if (Tiles > 0)
                {
                    sizes.Add(Pixels);
                }

                if (Tail > 0)
                {
                    sizes.Add(Tail);
                }

                return sizes;
            }
        }
    }
}
