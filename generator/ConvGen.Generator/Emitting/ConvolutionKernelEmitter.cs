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
        /// <summary>Tile5x4_512: 5 pixels of a row x 4 vectors; Column5x4_512: 5 pixels of a column.</summary>
        public static string Name(int pixels, bool vertical, ChannelBlock block, VectorWidth width) => $"{(vertical ? "Column" : "Tile")}{I(pixels)}x{block.Tag}_{width.Suffix}";

        /// <param name="chunked">
        /// Whether the tile covers input channels [cLo, cHi) only (parameters): the first chunk starts from the bias, later
        /// ones from the partial sums stored in the output, and only the last chunk applies the activation. Chunking keeps
        /// the slice of packed weights the tiles stream small enough to stay in the L1 cache across the whole image.
        /// </param>
        /// <param name="rowStride">What a vertical tile's next pixel is away from its first in the output (a fused pool's border columns have their own buffer).</param>
        public static void Emit(CodeWriter w, LayerSpec s, WindowGeometry g, int pixels, bool vertical, ChannelBlock block, VectorWidth width, bool chunked, string rowStride = "OutputWidth * Filters")
        {
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
        private static void MultiplyAdds(CodeWriter w, int pixels, bool vertical, ChannelBlock block, VectorWidth width)
        {
            for (int j = 0; j < block.Vectors; j++)
            {
                string offset = Plus("kAt", I(j * width.Lanes));
                w.Line($"{width.Type} w{I(j)} = {width.Static}.LoadUnsafe(ref Unsafe.Add(ref kernel, {offset}));");
            }

            for (int p = 0; p < pixels; p++)
            {
                string offset = Plus("at", Times(p, vertical ? "StrideHeight * InputWidth * InputChannels" : "StrideWidth * InputChannels"));
                w.Line($"{(p == 0 ? width.Type + " " : string.Empty)}v = {width.Static}.Create(Unsafe.Add(ref input, {offset}));");
                for (int j = 0; j < block.Vectors; j++)
                {
                    w.Line($"a{I(p)}_{I(j)} = {width.Static}.MultiplyAddEstimate(v, w{I(j)}, a{I(p)}_{I(j)});");
                }
            }
        }
    }
}
