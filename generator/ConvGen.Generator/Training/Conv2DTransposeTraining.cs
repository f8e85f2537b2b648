using System.Collections.Generic;
using ConvGen.Generator.Emitting;
using static ConvGen.Generator.Emitting.CodeWriter;
using static ConvGen.Generator.Training.TrainingCode;

namespace ConvGen.Generator.Training
{
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
