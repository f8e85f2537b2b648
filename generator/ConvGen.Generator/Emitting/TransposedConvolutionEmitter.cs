using System;
using System.Collections.Generic;
using ConvGen.Generator.Planning;
using static ConvGen.Generator.Emitting.CodeWriter;

namespace ConvGen.Generator.Emitting
{
    /// <summary>
    /// Conv2DTranspose written as a gather: output cell (oy, ox) sits at (fy, fx) = (oy + PadTop, ox + PadLeft) of the full
    /// (uncropped) output and receives x[iy, ix] * k[ky, kx] for every tap with fy = iy * stride + ky, i.e. ky = fy mod stride,
    /// fy mod stride + stride, ... Output channels run through the shared register-blocked loop
    /// (<see cref="ChannelBlockEmitter"/>) over the packed kernel [kh, kw, in, outPadded].
    /// </summary>
    internal sealed class TransposedConvolutionEmitter : LayerKernelEmitter
    {
        public override IReadOnlyList<LayerKind> Kinds { get; } = KindList(LayerKind.Conv2DTranspose);

        protected override void EmitMembers(CodeWriter w, LayerPlan plan)
        {
            LayerAnalysis layer = plan.Layer;
            LayerSpec s = layer.Spec;
            w.Line($"private const int InputHeight = {I(layer.InputShape.Height)}, InputWidth = {I(layer.InputShape.Width)}, InputChannels = {I(layer.InputShape.Channels)};");
            w.Line($"private const int OutputHeight = {I(layer.OutputShape.Height)}, OutputWidth = {I(layer.OutputShape.Width)}, Filters = {I(layer.OutputShape.Channels)}, FiltersPadded = {I(plan.PaddedUnits)};");
            w.Line($"private const int KernelHeight = {I(s.KernelHeight)}, KernelWidth = {I(s.KernelWidth)}, StrideHeight = {I(s.StrideHeight)}, StrideWidth = {I(s.StrideWidth)};");
            w.Line($"private const int PadTop = {I(layer.PadTop)}, PadLeft = {I(layer.PadLeft)};");
            w.Line();
            w.Line("/// <summary>Computes the whole layer.</summary>");
            using (w.Block("public static void Run(ref float input, ref float output, ref float kernel, ref float bias)"))
            {
                using (w.Block("for (int oy = 0; oy < OutputHeight; oy++)"))
                using (w.Block("for (int ox = 0; ox < OutputWidth; ox++)"))
                {
                    w.Line("Pixel(ref input, ref Unsafe.Add(ref output, (oy * OutputWidth + ox) * Filters), ref kernel, ref bias, oy + PadTop, ox + PadLeft);");
                }

                WriteActivationPass(w, plan);
            }

            w.Line();
            w.Line("/// <summary>One output pixel at (fy, fx) of the full output: the taps that reach it from in-bounds input cells.</summary>");
            using (w.Block("private static void Pixel(ref float input, ref float dst, ref float kernel, ref float bias, int fy, int fx)"))
            {
                ChannelBlockEmitter.Emit(w, layer.OutputShape.Channels, s.UseBias, s, vectors =>
                {
                    using (w.Block("for (int ky = fy % StrideHeight; ky < KernelHeight; ky += StrideHeight)"))
                    {
                        w.Line("int iy = (fy - ky) / StrideHeight;");
                        using (w.Block("if (iy < 0)"))
                        {
                            w.Line("break; // iy only decreases as ky grows");
                        }

                        using (w.Block("if (iy >= InputHeight)"))
                        {
                            w.Line("continue;");
                        }

                        using (w.Block("for (int kx = fx % StrideWidth; kx < KernelWidth; kx += StrideWidth)"))
                        {
                            w.Line("int ix = (fx - kx) / StrideWidth;");
                            using (w.Block("if (ix < 0)"))
                            {
                                w.Line("break;");
                            }

                            using (w.Block("if (ix >= InputWidth)"))
                            {
                                w.Line("continue;");
                            }

                            w.Line("int at = (iy * InputWidth + ix) * InputChannels;");
                            w.Line("int row = (ky * KernelWidth + kx) * InputChannels * FiltersPadded;");
                            using (w.Block("for (int c = 0; c < InputChannels; c++)"))
                            {
                                w.Line("Vector128<float> x = Vector128.Create(Unsafe.Add(ref input, at + c));");
                                w.Line("ref float weights = ref Unsafe.Add(ref kernel, row + c * FiltersPadded + oc);");
                                for (int j = 0; j < vectors; j++)
                                {
                                    w.Line($"acc{j} = Vector128.MultiplyAddEstimate(x, Vector128.LoadUnsafe(ref weights, {I(j * 4)}), acc{j});");
                                }
                            }
                        }
                    }
                });
            }
        }
    }
}
