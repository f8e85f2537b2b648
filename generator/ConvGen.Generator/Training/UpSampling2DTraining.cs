using System.Collections.Generic;
using ConvGen.Generator.Emitting;
using static ConvGen.Generator.Emitting.CodeWriter;
using static ConvGen.Generator.Training.TrainingCode;

namespace ConvGen.Generator.Training
{
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
