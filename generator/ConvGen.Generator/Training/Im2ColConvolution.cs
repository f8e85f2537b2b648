using System;
using ConvGen.Generator.Emitting;
using static ConvGen.Generator.Emitting.CodeWriter;
using static ConvGen.Generator.Training.TrainingCode;

namespace ConvGen.Generator.Training
{
    /// <summary>
    /// Ungrouped Conv2D as matrix products (ConvGen.Training.Gemm), a block of output pixels at a time: im2col copies
    /// each pixel's window into a row of the chunk's scratch (kernel order ky, kx, channel; zeros for padding), so
    /// forward is z = col · K, the kernel gradient dK += colᵀ · d and the input gradient dcol = d · Kᵀ, scattered back
    /// into dx (col2im). Bias and activation are applied around the products.
    /// </summary>
    internal static class Im2ColConvolution
    {
        /// <summary>Target size of one column block (floats); keeps it in the L2 cache while the products reuse it.</summary>
        private const int BlockFloats = 65536;

        private const string Gemm = "global::ConvGen.Training.Gemm.";

        /// <summary>Floats of one pixel's window: kh * kw * input channels (the inner dimension of the products).</summary>
        private static int Depth(TrainingStep s) => s.Spec.KernelHeight * s.Spec.KernelWidth * s.In.Channels;

        private static int Pixels(TrainingStep s) => s.Out.Height * s.Out.Width;

        /// <summary>Output pixels per block: a multiple of 4 (the product's row tile) unless the whole image is smaller.</summary>
        private static int BlockRows(TrainingStep s) => System.Math.Min(Pixels(s), System.Math.Max(16, BlockFloats / Depth(s) / 4 * 4));

        /// <summary>Scratch per chunk: the column block and, for backward, its gradient.</summary>
        public static int ScratchFloats(TrainingStep s) => 2 * BlockRows(s) * Depth(s);

        public static void Forward(CodeWriter w, TrainingStep s)
        {
            int k = Depth(s), oc = s.Out.Channels, block = BlockRows(s), kernel = s.Tensor(0);
            w.Line($"Span<float> col = _scratch.AsSpan(n / ChunkImages * ScratchFloats, {I(block * k)});");
            Blocks(w, s, () =>
            {
                Columns(w, s, toColumns: true);
                w.Line($"{Gemm}Multiply(rows, {I(oc)}, {I(k)}, col, {I(k)}, prm.Slice({I(kernel)}, {I(k * oc)}), {I(oc)}, z.Slice(p0 * {I(oc)}, rows * {I(oc)}), {I(oc)}, false);");
            });

            if (s.Spec.UseBias)
            {
                using (w.Block($"for (int p = 0; p < {I(Pixels(s))}; p++)"))
                {
                    Add(w, "prm", I(s.Tensor(1)), "z", $"p * {I(oc)}", oc);
                }
            }
        }

        public static void Backward(CodeWriter w, TrainingStep s)
        {
            int k = Depth(s), oc = s.Out.Channels, block = BlockRows(s), kernel = s.Tensor(0);
            if (s.Spec.UseBias)
            {
                using (w.Block("if (wantW)"))
                using (w.Block($"for (int p = 0; p < {I(Pixels(s))}; p++)"))
                {
                    Add(w, "d", $"p * {I(oc)}", "grad", I(s.Tensor(1)), oc);
                }
            }

            w.Line($"Span<float> col = _scratch.AsSpan(n / ChunkImages * ScratchFloats, {I(block * k)});");
            w.Line($"Span<float> dcol = _scratch.AsSpan(n / ChunkImages * ScratchFloats + {I(block * k)}, {I(block * k)});");
            Blocks(w, s, () =>
            {
                w.Line($"ReadOnlySpan<float> dBlock = d.Slice(p0 * {I(oc)}, rows * {I(oc)});");
                using (w.Block("if (wantW)"))
                {
                    Columns(w, s, toColumns: true);
                    w.Line($"{Gemm}MultiplyTransposedA({I(k)}, {I(oc)}, rows, col, {I(k)}, dBlock, {I(oc)}, grad.Slice({I(kernel)}, {I(k * oc)}), {I(oc)}, true);");
                }

                using (w.Block("if (wantX)"))
                {
                    w.Line($"{Gemm}MultiplyTransposedB(rows, {I(k)}, {I(oc)}, dBlock, {I(oc)}, prm.Slice({I(kernel)}, {I(k * oc)}), {I(oc)}, dcol, {I(k)}, false);");
                    Columns(w, s, toColumns: false);
                }
            });
        }

        /// <summary>The loop over pixel blocks: p0 (first pixel), rows (pixels in this block).</summary>
        private static void Blocks(CodeWriter w, TrainingStep s, Action body)
        {
            int pixels = Pixels(s), block = BlockRows(s);
            using (w.Block($"for (int p0 = 0; p0 < {I(pixels)}; p0 += {I(block)})"))
            {
                w.Line(pixels % block == 0 ? $"const int rows = {I(block)};" : $"int rows = Math.Min({I(block)}, {I(pixels)} - p0);");
                body();
            }
        }

        /// <summary>
        /// im2col (x into col, zeros for taps outside) or col2im (dcol added into dx, taps outside dropped) for the block's
        /// rows. A kernel row that lies wholly inside the input is one contiguous run when the dilation is 1.
        /// </summary>
        private static void Columns(CodeWriter w, TrainingStep s, bool toColumns)
        {
            LayerSpec spec = s.Spec;
            TensorShape i = s.In, o = s.Out;
            int ic = i.Channels, kw = spec.KernelWidth, k = Depth(s);
            using (w.Block("for (int r = 0; r < rows; r++)"))
            {
                w.Line("int pix = p0 + r;");
                w.Line($"int oy = pix / {I(o.Width)};");
                w.Line($"int ox = pix - oy * {I(o.Width)};");
                w.Line($"int ix0 = ox * {I(spec.StrideWidth)} - {I(s.Layer.PadLeft)};");
                using (w.Block($"for (int ky = 0; ky < {I(spec.KernelHeight)}; ky++)"))
                {
                    w.Line($"int iy = oy * {I(spec.StrideHeight)} + ky * {I(spec.DilationHeight)} - {I(s.Layer.PadTop)};");
                    w.Line($"int ko = r * {I(k)} + ky * {I(kw * ic)};");
                    using (w.Block($"if ((uint)iy >= {I(i.Height)}u)"))
                    {
                        if (toColumns)
                        {
                            Clear(w, "ko", kw * ic);
                        }

                        w.Line("continue;");
                    }

                    w.Line($"int xo = (iy * {I(i.Width)} + ix0) * {I(ic)};");
                    if (spec.DilationWidth == 1)
                    {
                        using (w.Block($"if (ix0 >= 0 && ix0 <= {I(i.Width - kw)})"))
                        {
                            Copy(w, toColumns, "xo", "ko", kw * ic);
                            w.Line("continue;");
                        }
                    }

                    using (w.Block($"for (int kx = 0; kx < {I(kw)}; kx++)"))
                    {
                        using (w.Block($"if ((uint)(ix0 + kx * {I(spec.DilationWidth)}) >= {I(i.Width)}u)"))
                        {
                            if (toColumns)
                            {
                                Clear(w, $"ko + kx * {I(ic)}", ic);
                            }

                            w.Line("continue;");
                        }

                        Copy(w, toColumns, $"xo + kx * {I(spec.DilationWidth * ic)}", $"ko + kx * {I(ic)}", ic);
                    }
                }
            }
        }

        /// <summary>col[ko ..] = x[xo ..] (im2col) or dx[xo ..] += dcol[ko ..] (col2im), <paramref name="length"/> floats.</summary>
        private static void Copy(CodeWriter w, bool toColumns, string xo, string ko, int length)
        {
            if (!toColumns)
            {
                Add(w, "dcol", ko, "dx", xo, length);
            }
            else if (length <= 8)
            {
                for (int q = 0; q < length; q++)
                {
                    w.Line($"col[{Plus(ko, I(q))}] = x[{Plus(xo, I(q))}];");
                }
            }
            else
            {
                w.Line($"x.Slice({xo}, {I(length)}).CopyTo(col.Slice({ko}, {I(length)}));");
            }
        }

        private static void Clear(CodeWriter w, string ko, int length)
        {
            if (length <= 8)
            {
                for (int q = 0; q < length; q++)
                {
                    w.Line($"col[{Plus(ko, I(q))}] = 0f;");
                }
            }
            else
            {
                w.Line($"col.Slice({ko}, {I(length)}).Clear();");
            }
        }
    }
}
