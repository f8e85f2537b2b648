// Conv2DTranspose's generator code, in one file: the inference kernel (TransposedConvolutionEmitter, namespace Emitting) and the
// training passes (Conv2DTransposeTraining, namespace Training). Both are found by the kinds they declare.

namespace ConvGen.Generator.Emitting
{
    using System;
    using System.Collections.Generic;
    using System.Globalization;
    using ConvGen.Generator.Planning;
    using static ConvGen.Generator.Emitting.CodeWriter;

    /// <summary>
    /// Conv2DTranspose written as a gather: output cell (oy, ox) sits at (fy, fx) = (oy + PadTop, ox + PadLeft) of the full
    /// (uncropped) output and receives x[iy, ix] * k[ky, kx] for every tap with fy = iy * stride + ky, i.e. ky = fy mod stride,
    /// fy mod stride + stride, ..., clipped to the input by the <see cref="WindowGeometry"/> tap range. Output channels run through the shared register-blocked loop
    /// (<see cref="ChannelBlockEmitter"/>) over the packed kernel [kh, kw, in, outPadded].
    /// </summary>
    internal sealed class TransposedConvolutionEmitter : LayerKernelEmitter
    {
        public override IReadOnlyList<LayerKind> Kinds { get; } = KindList(LayerKind.Conv2DTranspose);

        protected override string Describe(LayerAnalysis l)
        {
            LayerSpec s = l.Spec;
            return string.Format(CultureInfo.InvariantCulture,
                "{0} filters {1}x{2} transposed, stride {3}x{4}, {5} padding (cropped top {6}, bottom {7}, left {8}, right {9}){10}, {11}",
                s.Units, s.KernelHeight, s.KernelWidth, s.StrideHeight, s.StrideWidth, PaddingText(s),
                l.PadTop, l.PadBottom, l.PadLeft, l.PadRight, BiasText(s), ActivationText(s));
        }

        protected override void EmitMembers(CodeWriter w, LayerPlan plan)
        {
            LayerAnalysis layer = plan.Layer;
            LayerSpec s = layer.Spec;
            WindowGeometry g = WindowGeometry.Of(layer);
            g.Constants(w, $"Filters = {I(g.OutputChannels)}, FiltersPadded = {I(plan.PaddedUnits)}", dilation: false);
            w.Line();
            w.Line("/// <summary>Computes the whole layer.</summary>");
            using (w.Block("public static void Run(ref float input, ref float output, ref float kernel, ref float bias)"))
            {
                using (w.For("oy", 0, g.OutputHeight, toText: "OutputHeight"))
                {
                    WindowGeometry.TransposedRowTaps(w);
                    using (w.For("ox", 0, g.OutputWidth, toText: "OutputWidth"))
                    {
                        WindowGeometry.TransposedColumnTaps(w);
                        w.Line("Pixel(ref input, ref Unsafe.Add(ref output, (oy * OutputWidth + ox) * Filters), ref kernel, ref bias, fy, fx, kyLo, kyHi, kxLo, kxHi);");
                    }
                }

                WriteActivationPass(w, plan);
            }

            w.Line();
            w.Line("/// <summary>One output pixel at (fy, fx) of the full output: the taps [kyLo, kyHi) x [kxLo, kxHi), by the strides, that reach it from input cells.</summary>");
            using (w.Block("private static void Pixel(ref float input, ref float dst, ref float kernel, ref float bias, int fy, int fx, int kyLo, int kyHi, int kxLo, int kxHi)"))
            {
                ChannelBlockEmitter.Emit(w, layer.OutputShape.Channels, s.UseBias, s, vectors =>
                {
                    using (w.Block("for (int ky = kyLo; ky < kyHi; ky += StrideHeight)"))
                    {
                        w.Line("int iy = (fy - ky) / StrideHeight;");
                        using (w.Block("for (int kx = kxLo; kx < kxHi; kx += StrideWidth)"))
                        {
                            w.Line("int ix = (fx - kx) / StrideWidth;");
                            w.Line("int at = (iy * InputWidth + ix) * InputChannels;");
                            w.Line("int row = (ky * KernelWidth + kx) * InputChannels * FiltersPadded;");
                            using (w.For("c", 0, g.InputChannels, toText: "InputChannels"))
                            {
                                w.Line("Vector128<float> x = Vector128.Create(Unsafe.Add(ref input, at + c));");
                                w.Line("ref float weights = ref Unsafe.Add(ref kernel, row + c * FiltersPadded + oc);");
                                for (int j = 0; j < vectors; j++)
                                {
                                    w.Line($"acc{j} = Vector128.MultiplyAddEstimate(x, {(j == 0 ? "Vector128.LoadUnsafe(ref weights)" : $"Vector128.LoadUnsafe(ref weights, {I(j * 4)})")}, acc{j});");
                                }
                            }
                        }
                    }
                });
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
