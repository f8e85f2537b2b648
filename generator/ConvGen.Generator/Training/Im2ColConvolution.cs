using System;
using ConvGen.Generator.Emitting;
using static ConvGen.Generator.Emitting.CodeWriter;

namespace ConvGen.Generator.Training
{
    /// <summary>
    /// Ungrouped Conv2D as matrix products (ConvGen.Training.Gemm), a block of output pixels at a time: im2col copies
    /// each pixel's window into a row of the chunk's scratch (kernel order ky, kx, channel; zeros for padding), so
    /// forward is z = col · K, the kernel gradient dK += colᵀ · d and the input gradient dcol = d · Kᵀ (K transposed once per chunk), scattered back
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

        /// <summary>
        /// Scratch per chunk: the column block and, for backward, its gradient; the padded image and its gradient; the
        /// transposed kernel (for the input gradient: transposed once per chunk instead of packed in every block's product).
        /// </summary>
        public static int ScratchFloats(TrainingStep s) => Im2ColFloats(s) + SingleChannelFloats(s);

        private static int Im2ColFloats(TrainingStep s) => 2 * BlockRows(s) * Depth(s) + 2 * PaddedLength(s) + Depth(s) * s.Out.Channels;

        /// <summary>
        /// One input channel, stride and dilation 1 and fewer filters than a vector's 8 floats (a first layer on grey
        /// images): the forward pass and the kernel gradient run as ConvGen.Training.SingleChannelConvolution (vectors
        /// along the output rows), which beats products whose inner dimension is only kh * kw and whose width is
        /// narrower than a vector (measured on LeNet's 28x28, 5x5: 6 filters clearly faster, 8 even, 16 slower).
        /// </summary>
        private static bool SingleChannel(TrainingStep s) =>
            s.In.Channels == 1 && s.Out.Channels < 8 && s.Spec.StrideHeight == 1 && s.Spec.StrideWidth == 1
            && s.Spec.DilationHeight == 1 && s.Spec.DilationWidth == 1;

        /// <summary>Scratch of the single-channel kernel (after the im2col scratch, which the input gradient still uses).</summary>
        private static int SingleChannelFloats(TrainingStep s)
        {
            if (!SingleChannel(s))
            {
                return 0;
            }

            // SingleChannelConvolution.ScratchLength: the padded image and the filter planes, rows RowWidth floats.
            int rowWidth = (s.Out.Width + s.Spec.KernelWidth - 1 + 7) / 8 * 8;
            return (s.Out.Height + s.Spec.KernelHeight) * rowWidth + s.Out.Channels * s.Out.Height * rowWidth;
        }

        /// <summary>The single-channel geometry and its scratch, as locals <c>single</c> and <c>singleScratch</c>.</summary>
        private static void SingleChannelGeometry(CodeWriter w, TrainingStep s)
        {
            LayerSpec spec = s.Spec;
            w.Line($"var single = new global::ConvGen.Training.SingleChannelConvolution({I(s.In.Height)}, {I(s.In.Width)}, {I(spec.KernelHeight)}, {I(spec.KernelWidth)}, "
                + $"{I(s.Layer.PadTop)}, {I(s.Layer.PadLeft)}, {I(s.Out.Height)}, {I(s.Out.Width)}, {I(s.Out.Channels)});");
            w.Line($"Span<float> singleScratch = _scratch.AsSpan(n / ChunkImages * ScratchFloats + {I(Im2ColFloats(s))}, {I(SingleChannelFloats(s))});");
        }

        /// <summary>
        /// Floats of the zero-padded image when the layer pads a thin input (fewer than 8 channels), else 0: windows
        /// at the borders then cost more than all the others, so the image is padded once and every window copied
        /// whole (ConvolutionColumns.PaddedLength, the same formula).
        /// </summary>
        private static int PaddedLength(TrainingStep s)
        {
            LayerSpec spec = s.Spec;
            TensorShape i = s.In, o = s.Out;
            int height = System.Math.Max(i.Height + s.Layer.PadTop, (o.Height - 1) * spec.StrideHeight + (spec.KernelHeight - 1) * spec.DilationHeight + 1);
            int width = System.Math.Max(i.Width + s.Layer.PadLeft, (o.Width - 1) * spec.StrideWidth + (spec.KernelWidth - 1) * spec.DilationWidth + 1);
            bool pads = height > i.Height || width > i.Width;
            return pads && i.Channels < 8 ? height * width * i.Channels : 0;
        }

        public static void Forward(CodeWriter w, TrainingStep s)
        {
            int k = Depth(s), oc = s.Out.Channels, block = BlockRows(s), kernel = s.Tensor(0);
            if (SingleChannel(s))
            {
                SingleChannelGeometry(w, s);
                string bias = s.Spec.UseBias ? $"prm.Slice({I(s.Tensor(1))}, {I(oc)})" : "ReadOnlySpan<float>.Empty";
                w.Line($"single.Forward(x, prm.Slice({I(kernel)}, {I(k * oc)}), {bias}, z, singleScratch);");
                return;
            }

            Geometry(w, s);
            w.Line($"Span<float> col = _scratch.AsSpan(n / ChunkImages * ScratchFloats, {I(block * k)});");
            string image = "x";
            if (PaddedLength(s) > 0)
            {
                w.Line($"Span<float> xp = _scratch.AsSpan(n / ChunkImages * ScratchFloats + {I(2 * block * k)}, {I(PaddedLength(s))});");
                w.Line("columns.Pad(x, xp);");
                w.Line("columns = columns.Padded;");
                image = "xp";
            }

            Blocks(w, s, () =>
            {
                w.Line($"columns.Gather({image}, p0, rows, col);");
                w.Line($"{Gemm}Multiply(rows, {I(oc)}, {I(k)}, col, {I(k)}, prm.Slice({I(kernel)}, {I(k * oc)}), {I(oc)}, z.Slice(p0 * {I(oc)}, rows * {I(oc)}), {I(oc)}, false);");
            });

            if (s.Spec.UseBias)
            {
                w.Line($"{Gemm}AddToRows(z, {I(Pixels(s))}, {I(oc)}, prm.Slice({I(s.Tensor(1))}, {I(oc)}));");
            }
        }

        public static void Backward(CodeWriter w, TrainingStep s)
        {
            int k = Depth(s), oc = s.Out.Channels, block = BlockRows(s), kernel = s.Tensor(0);
            if (s.Spec.UseBias)
            {
                using (w.Block("if (wantW)"))
                {
                    w.Line($"{Gemm}AddColumnSums(d, {I(Pixels(s))}, {I(oc)}, grad.Slice({I(s.Tensor(1))}, {I(oc)}));");
                }
            }

            bool single = SingleChannel(s);
            if (single)
            {
                SingleChannelGeometry(w, s);
                using (w.Block("if (wantW)"))
                {
                    w.Line($"single.AddKernelGradient(x, d, grad.Slice({I(kernel)}, {I(k * oc)}), singleScratch);");
                }
            }

            Geometry(w, s);
            w.Line($"Span<float> col = _scratch.AsSpan(n / ChunkImages * ScratchFloats, {I(block * k)});");
            w.Line($"Span<float> dcol = _scratch.AsSpan(n / ChunkImages * ScratchFloats + {I(block * k)}, {I(block * k)});");
            int padded = PaddedLength(s);
            string image = "x", gradient = "dx", inner = "columns";
            if (padded > 0)
            {
                w.Line($"Span<float> xp = _scratch.AsSpan(n / ChunkImages * ScratchFloats + {I(2 * block * k)}, {I(padded)});");
                w.Line($"Span<float> dxp = _scratch.AsSpan(n / ChunkImages * ScratchFloats + {I(2 * block * k + padded)}, {I(padded)});");
                w.Line("var inner = columns.Padded;");
                if (!single)
                {
                    using (w.Block("if (wantW)"))
                    {
                        w.Line("columns.Pad(x, xp);");
                    }
                }

                using (w.Block("if (wantX)"))
                {
                    w.Line("dxp.Clear();");
                }

                (image, gradient, inner) = ("xp", "dxp", "inner");
            }

            w.Line($"Span<float> kt = _scratch.AsSpan(n / ChunkImages * ScratchFloats + {I(2 * block * k + 2 * padded)}, {I(k * oc)});");
            // Once per chunk: its images run in order on one thread, the first one first, and share the scratch.
            using (w.Block("if (wantX && n % ChunkImages == 0)"))
            {
                w.Line($"{Gemm}Transpose({I(k)}, {I(oc)}, prm.Slice({I(kernel)}, {I(k * oc)}), kt);");
            }

            Blocks(w, s, () =>
            {
                w.Line($"ReadOnlySpan<float> dBlock = d.Slice(p0 * {I(oc)}, rows * {I(oc)});");
                if (!single)
                {
                    // (The single-channel kernel gradient was computed above.)
                    using (w.Block("if (wantW)"))
                    {
                        w.Line($"{inner}.Gather({image}, p0, rows, col);");
                        w.Line($"{Gemm}MultiplyTransposedA({I(k)}, {I(oc)}, rows, col, {I(k)}, dBlock, {I(oc)}, grad.Slice({I(kernel)}, {I(k * oc)}), {I(oc)}, true);");
                    }
                }

                using (w.Block("if (wantX)"))
                {
                    w.Line($"{Gemm}Multiply(rows, {I(k)}, {I(oc)}, dBlock, {I(oc)}, kt, {I(k)}, dcol, {I(k)}, false);");
                    w.Line($"{inner}.Scatter(dcol, p0, rows, {gradient});");
                }
            });

            if (padded > 0)
            {
                using (w.Block("if (wantX)"))
                {
                    w.Line("columns.AddUnpadded(dxp, dx);");
                }
            }
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

        /// <summary>The layer's im2col geometry (ConvGen.Training.ConvolutionColumns), a local struct with constant sizes.</summary>
        private static void Geometry(CodeWriter w, TrainingStep s)
        {
            LayerSpec spec = s.Spec;
            TensorShape i = s.In, o = s.Out;
            w.Line($"var columns = new global::ConvGen.Training.ConvolutionColumns({I(i.Height)}, {I(i.Width)}, {I(i.Channels)}, {I(spec.KernelHeight)}, {I(spec.KernelWidth)}, "
                + $"{I(spec.StrideHeight)}, {I(spec.StrideWidth)}, {I(spec.DilationHeight)}, {I(spec.DilationWidth)}, {I(s.Layer.PadTop)}, {I(s.Layer.PadLeft)}, {I(o.Height)}, {I(o.Width)});");
        }
    }
}
