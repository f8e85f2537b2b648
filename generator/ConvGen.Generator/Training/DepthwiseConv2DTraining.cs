using System.Collections.Generic;
using ConvGen.Generator.Emitting;
using static ConvGen.Generator.Emitting.CodeWriter;
using static ConvGen.Generator.Training.TrainingCode;

namespace ConvGen.Generator.Training
{
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
