// UpSampling2D's generator code, in one file: the inference kernel (UpSampling2DEmitter, namespace Emitting) and the
// training passes (UpSampling2DTraining, namespace Training). Both are found by the kinds they declare.

namespace ConvGen.Generator.Emitting
{
    using System;
    using System.Collections.Generic;
    using System.Globalization;
    using ConvGen.Generator.Planning;
    using static ConvGen.Generator.Emitting.CodeWriter;

    /// <summary>
    /// UpSampling2D. Nearest: each input pixel copied SizeWidth times into an output row, which is then repeated SizeHeight
    /// times. Bilinear: TensorFlow 2's tf.image.resize arithmetic in float, per output pixel: source coordinate
    /// (o + 0.5f) * (in / out) - 0.5f, neighbours floor/ceil clamped to the image, lerp weight coordinate - floor; the two
    /// top and the two bottom neighbours are blended across, then top and bottom down, vectorized over channels.
    /// </summary>
    internal sealed class UpSampling2DEmitter : LayerKernelEmitter
    {
        public override IReadOnlyList<LayerKind> Kinds { get; } = KindList(LayerKind.UpSampling2D);

        protected override string Describe(LayerAnalysis l) => string.Format(CultureInfo.InvariantCulture, "{0} x{1} (rows) x{2} (columns)",
            l.Spec.Interpolation == Interpolation.Bilinear ? "bilinear (TF half-pixel centers)" : "nearest", l.Spec.SizeHeight, l.Spec.SizeWidth);

        protected override void EmitMembers(CodeWriter w, LayerPlan plan)
        {
            LayerAnalysis layer = plan.Layer;
            TensorShape input = layer.InputShape, output = layer.OutputShape;
            w.Line($"private const int InputHeight = {I(input.Height)}, InputWidth = {I(input.Width)}, Channels = {I(input.Channels)};");
            w.Line($"private const int OutputHeight = {I(output.Height)}, OutputWidth = {I(output.Width)}, SizeHeight = {I(layer.Spec.SizeHeight)}, SizeWidth = {I(layer.Spec.SizeWidth)};");
            if (layer.Spec.Interpolation == Interpolation.Bilinear)
            {
                // TF: scale = (float)in_size / out_size, computed once in float.
                w.Line($"private const float ScaleHeight = {F((float)input.Height / output.Height)}, ScaleWidth = {F((float)input.Width / output.Width)};");
            }

            w.Line();
            w.Line("/// <summary>Computes the whole layer.</summary>");
            using IDisposable run = w.Block("public static void Run(ref float input, ref float output)");
            if (layer.Spec.Interpolation == Interpolation.Bilinear)
            {
                Bilinear(w, layer);
            }
            else
            {
                Nearest(w, layer);
            }
        }

        private static void Nearest(CodeWriter w, LayerAnalysis layer)
        {
            TensorShape input = layer.InputShape, output = layer.OutputShape;
            w.Line("const int OutputRowLength = OutputWidth * Channels;");
            using (w.For("oy", 0, output.Height, toText: "OutputHeight"))
            {
                w.Line("Span<float> row = MemoryMarshal.CreateSpan(ref Unsafe.Add(ref output, oy * OutputRowLength), OutputRowLength);");
                if (layer.Spec.SizeHeight > 1)
                {
                    using (w.Block("if (oy % SizeHeight != 0)"))
                    {
                        w.Line("MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref output, (oy - 1) * OutputRowLength), OutputRowLength).CopyTo(row); // same source row");
                        w.Line("continue;");
                    }
                }

                using (w.For("ix", 0, input.Width, toText: "InputWidth"))
                {
                    w.Line($"ReadOnlySpan<float> pixel = MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref input, ({(layer.Spec.SizeHeight > 1 ? "(oy / SizeHeight)" : "oy")} * InputWidth + ix) * Channels), Channels);");
                    using (w.For("r", 0, layer.Spec.SizeWidth, toText: "SizeWidth"))
                    {
                        w.Line("pixel.CopyTo(row.Slice((ix * SizeWidth + r) * Channels));");
                    }
                }
            }
        }

        private static void Bilinear(CodeWriter w, LayerAnalysis layer)
        {
            int channels = layer.InputShape.Channels;
            using (w.For("oy", 0, layer.OutputShape.Height, toText: "OutputHeight"))
            {
                w.Line("float sy = (oy + 0.5f) * ScaleHeight - 0.5f, fy = MathF.Floor(sy);");
                w.Line("int y0 = Math.Max((int)fy, 0), y1 = Math.Min((int)MathF.Ceiling(sy), InputHeight - 1);");
                w.Line("float wy = sy - fy;");
                using (w.For("ox", 0, layer.OutputShape.Width, toText: "OutputWidth"))
                {
                    w.Line("float sx = (ox + 0.5f) * ScaleWidth - 0.5f, fx = MathF.Floor(sx);");
                    w.Line("int x0 = Math.Max((int)fx, 0), x1 = Math.Min((int)MathF.Ceiling(sx), InputWidth - 1);");
                    w.Line("float wx = sx - fx;");
                    w.Line("int topLeft = (y0 * InputWidth + x0) * Channels, topRight = (y0 * InputWidth + x1) * Channels;");
                    w.Line("int bottomLeft = (y1 * InputWidth + x0) * Channels, bottomRight = (y1 * InputWidth + x1) * Channels;");
                    w.Line("ref float dst = ref Unsafe.Add(ref output, (oy * OutputWidth + ox) * Channels);");
                    w.Line("int c = 0;");
                    if (channels >= 4)
                    {
                        using (w.Block("for (; c <= Channels - 4; c += 4)"))
                        {
                            w.Line("Vector128<float> tl = Vector128.LoadUnsafe(ref input, (nuint)(topLeft + c)), tr = Vector128.LoadUnsafe(ref input, (nuint)(topRight + c));");
                            w.Line("Vector128<float> bl = Vector128.LoadUnsafe(ref input, (nuint)(bottomLeft + c)), br = Vector128.LoadUnsafe(ref input, (nuint)(bottomRight + c));");
                            w.Line("Vector128<float> top = tl + (tr - tl) * wx, bottom = bl + (br - bl) * wx;");
                            w.Line("(top + (bottom - top) * wy).StoreUnsafe(ref dst, (nuint)c);");
                        }
                    }

                    if (channels % 4 != 0)
                    {
                        using (w.Block("for (; c < Channels; c++)"))
                        {
                            w.Line("float tl = Unsafe.Add(ref input, topLeft + c), tr = Unsafe.Add(ref input, topRight + c);");
                            w.Line("float bl = Unsafe.Add(ref input, bottomLeft + c), br = Unsafe.Add(ref input, bottomRight + c);");
                            w.Line("float top = tl + (tr - tl) * wx, bottom = bl + (br - bl) * wx;");
                            w.Line("Unsafe.Add(ref dst, c) = top + (bottom - top) * wy;");
                        }
                    }
                }
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
    /// UpSampling2D. Nearest: each output pixel copies input pixel (oy / sh, ox / sw); backward sums d back onto it.
    /// Bilinear (TF2 half-pixel centers): each output blends four input pixels; backward gives each its blend weight of d.
    /// </summary>
    internal sealed class UpSampling2DTraining : KindTraining
    {
        public override IReadOnlyList<LayerKind> Kinds { get; } = KindList(LayerKind.UpSampling2D);

        public override void Forward(CodeWriter w, TrainingStep s)
        {
            int c = s.Out.Channels;
            if (s.Spec.Interpolation != Interpolation.Bilinear)
            {
                Nearest(w, s, () => w.Line($"x.Slice(xo, {I(c)}).CopyTo(z.Slice(zo, {I(c)}));"));
                return;
            }

            Bilinear(w, s, () =>
            {
                using (w.Block($"for (int c = 0; c < {I(c)}; c++)"))
                {
                    w.Line("float top = x[a + c] + (x[b + c] - x[a + c]) * wx;");
                    w.Line("float bottom = x[e + c] + (x[f + c] - x[e + c]) * wx;");
                    w.Line("z[zo + c] = top + (bottom - top) * wy;");
                }
            });
        }

        public override void Backward(CodeWriter w, TrainingStep s)
        {
            int c = s.Out.Channels;
            using (w.Block("if (!wantX)"))
            {
                w.Line("return;");
            }

            if (s.Spec.Interpolation != Interpolation.Bilinear)
            {
                Nearest(w, s, () => Add(w, "d", "zo", "dx", "xo", c));
                return;
            }

            Bilinear(w, s, () =>
            {
                using (w.Block($"for (int c = 0; c < {I(c)}; c++)"))
                {
                    w.Line("float top = d[zo + c] * (1f - wy), bottom = d[zo + c] * wy;");
                    w.Line("dx[a + c] += top * (1f - wx);");
                    w.Line("dx[b + c] += top * wx;");
                    w.Line("dx[e + c] += bottom * (1f - wx);");
                    w.Line("dx[f + c] += bottom * wx;");
                }
            });
        }

        private static void Nearest(CodeWriter w, TrainingStep s, System.Action body)
        {
            using (w.Block($"for (int oy = 0; oy < {I(s.Out.Height)}; oy++)"))
            using (w.Block($"for (int ox = 0; ox < {I(s.Out.Width)}; ox++)"))
            {
                w.Line($"int zo = (oy * {I(s.Out.Width)} + ox) * {I(s.Out.Channels)};");
                w.Line($"int xo = (oy / {I(s.Spec.SizeHeight)} * {I(s.In.Width)} + ox / {I(s.Spec.SizeWidth)}) * {I(s.In.Channels)};");
                body();
            }
        }

        /// <summary>Per output pixel: zo, the four source offsets a (top left), b (top right), e (bottom left), f (bottom right) and the weights wx, wy.</summary>
        private static void Bilinear(CodeWriter w, TrainingStep s, System.Action body)
        {
            TensorShape i = s.In, o = s.Out;
            using (w.Block($"for (int oy = 0; oy < {I(o.Height)}; oy++)"))
            {
                w.Line($"{TrainingCode.Math}BilinearSource(oy, {I(i.Height)}, {I(o.Height)}, out int y0, out int y1, out float wy);");
                using (w.Block($"for (int ox = 0; ox < {I(o.Width)}; ox++)"))
                {
                    w.Line($"{TrainingCode.Math}BilinearSource(ox, {I(i.Width)}, {I(o.Width)}, out int x0, out int x1, out float wx);");
                    w.Line($"int zo = (oy * {I(o.Width)} + ox) * {I(o.Channels)};");
                    w.Line($"int a = (y0 * {I(i.Width)} + x0) * {I(i.Channels)}, b = (y0 * {I(i.Width)} + x1) * {I(i.Channels)};");
                    w.Line($"int e = (y1 * {I(i.Width)} + x0) * {I(i.Channels)}, f = (y1 * {I(i.Width)} + x1) * {I(i.Channels)};");
                    body();
                }
            }
        }
    }
}
