using System;
using ConvGen.Generator.Emitting;
using static ConvGen.Generator.Emitting.CodeWriter;

namespace ConvGen.Generator.Training
{
    /// <summary>
    /// The loop nest shared by convolutions and pooling in the trainer: every output pixel, then every kernel tap that
    /// falls inside the input (TensorFlow's padding: taps outside count as zero for convolutions and are skipped by
    /// pooling). Inside the tap body: oy, ox, iy, ix, the output offset zo (pixel * outChannels) and the input offset xo.
    /// </summary>
    internal static class WindowLoops
    {
        public static void Emit(CodeWriter w, TrainingStep s, int outChannels, Action? perPixel, Action tap, Action? afterTaps = null)
        {
            LayerSpec spec = s.Spec;
            TensorShape i = s.In, o = s.Out;
            using (w.Block($"for (int oy = 0; oy < {I(o.Height)}; oy++)"))
            using (w.Block($"for (int ox = 0; ox < {I(o.Width)}; ox++)"))
            {
                w.Line($"int zo = (oy * {I(o.Width)} + ox) * {I(outChannels)};");
                perPixel?.Invoke();
                using (w.Block($"for (int ky = 0; ky < {I(spec.KernelHeight)}; ky++)"))
                {
                    w.Line($"int iy = oy * {I(spec.StrideHeight)} + ky * {I(spec.DilationHeight)} - {I(s.Layer.PadTop)};");
                    using (w.Block($"if ((uint)iy >= {I(i.Height)}u)"))
                    {
                        w.Line("continue;");
                    }

                    using (w.Block($"for (int kx = 0; kx < {I(spec.KernelWidth)}; kx++)"))
                    {
                        w.Line($"int ix = ox * {I(spec.StrideWidth)} + kx * {I(spec.DilationWidth)} - {I(s.Layer.PadLeft)};");
                        using (w.Block($"if ((uint)ix >= {I(i.Width)}u)"))
                        {
                            w.Line("continue;");
                        }

                        w.Line($"int xo = (iy * {I(i.Width)} + ix) * {I(i.Channels)};");
                        tap();
                    }
                }

                afterTaps?.Invoke();
            }
        }
    }
}
