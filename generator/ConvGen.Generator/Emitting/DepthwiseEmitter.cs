using System;
using static ConvGen.Generator.Emitting.CodeWriter;

namespace ConvGen.Generator.Emitting
{
    /// <summary>
    /// DepthwiseConv2D (also the first half of SeparableConv2D), vectorized over input channels: for each multiplier m,
    /// acc[c..c+3] = bias + sum over in-bounds taps of x[tap][c..c+3] * k[m][tap][c..c+3] (packed [multiplier, taps, channelsPadded]),
    /// stored to output channels c * multiplier + m (contiguous when the multiplier is 1). A scalar loop takes the last channels.
    /// </summary>
    internal static class DepthwiseEmitter
    {
        public static void Emit(CodeWriter w, LayerPlan plan)
        {
            LayerAnalysis layer = plan.Layer;
            LayerSpec s = layer.Spec;
            int channels = layer.InputShape.Channels, multiplier = s.DepthMultiplier;
            w.Line($"/// <summary>{LayerEmitter.Describe(plan)}</summary>");
            using IDisposable type = w.Block($"private static class {plan.Method}");
            TapRangeEmitter.Constants(w, layer);
            w.Line($"private const int Multiplier = {I(multiplier)}, ChannelsPadded = {I(plan.PaddedUnits)};");
            w.Line();
            w.Line("/// <summary>Computes the whole layer.</summary>");
            using (w.Block("public static void Run(ref float input, ref float output, ref float kernel, ref float bias)"))
            {
                using (w.Block("for (int oy = 0; oy < OutputHeight; oy++)"))
                {
                    TapRangeEmitter.Rows(w);
                    using (w.Block("for (int ox = 0; ox < OutputWidth; ox++)"))
                    {
                        TapRangeEmitter.Columns(w);
                        w.Line("ref float dst = ref Unsafe.Add(ref output, (oy * OutputWidth + ox) * OutputChannels);");
                        if (multiplier == 1)
                        {
                            w.Line("const int m = 0;");
                            Channels(w, plan, channels);
                        }
                        else
                        {
                            using (w.Block("for (int m = 0; m < Multiplier; m++)"))
                            {
                                Channels(w, plan, channels);
                            }
                        }
                    }
                }

                string? pass = ActivationEmitter.Pass(s.Activation, "output", layer.OutputShape);
                if (pass is not null)
                {
                    w.Line(pass);
                }
            }
        }

        private static void Channels(CodeWriter w, LayerPlan plan, int channels)
        {
            LayerSpec s = plan.Layer.Spec;
            bool contiguous = s.DepthMultiplier == 1;
            w.Line("ref float taps = ref Unsafe.Add(ref kernel, m * KernelHeight * KernelWidth * ChannelsPadded);");
            w.Line("int c = 0;");
            if (channels >= 4)
            {
                using (w.Block("for (; c <= InputChannels - 4; c += 4)"))
                {
                    w.Line(s.UseBias ? "Vector128<float> acc = Vector128.LoadUnsafe(ref bias, (nuint)(m * ChannelsPadded + c));" : "Vector128<float> acc = Vector128<float>.Zero;");
                    TapLoops(w, "acc = Vector128.MultiplyAddEstimate(Vector128.LoadUnsafe(ref input, (nuint)(at + c)), Vector128.LoadUnsafe(ref taps, (nuint)(row + c)), acc);");
                    string value = ActivationEmitter.InRegister(s.Activation, s.NegativeSlope, "acc") ?? "acc";
                    if (contiguous)
                    {
                        w.Line($"{value}.StoreUnsafe(ref dst, (nuint)c);");
                    }
                    else
                    {
                        if (value != "acc")
                        {
                            w.Line($"acc = {value};");
                        }

                        for (int lane = 0; lane < 4; lane++)
                        {
                            w.Line($"Unsafe.Add(ref dst, (c + {I(lane)}) * Multiplier + m) = acc.GetElement({I(lane)});");
                        }
                    }
                }
            }

            if (channels % 4 != 0)
            {
                using (w.Block("for (; c < InputChannels; c++)"))
                {
                    w.Line(s.UseBias ? "float acc = Unsafe.Add(ref bias, m * ChannelsPadded + c);" : "float acc = 0f;");
                    TapLoops(w, "acc = MathF.FusedMultiplyAdd(Unsafe.Add(ref input, at + c), Unsafe.Add(ref taps, row + c), acc);");
                    string value = ActivationEmitter.InRegisterScalar(s.Activation, s.NegativeSlope, "acc") ?? "acc";
                    w.Line($"Unsafe.Add(ref dst, c * Multiplier + m) = {value};");
                }
            }
        }

        /// <summary>The in-bounds taps: <c>at</c> is the tap's input pixel (channel 0), <c>row</c> its packed kernel row.</summary>
        private static void TapLoops(CodeWriter w, string multiplyAdd)
        {
            using (w.Block("for (int ky = kyStart; ky < kyEnd; ky++)"))
            using (w.Block("for (int kx = kxStart; kx < kxEnd; kx++)"))
            {
                w.Line("int at = ((iy + ky * DilationHeight) * InputWidth + ix + kx * DilationWidth) * InputChannels;");
                w.Line("int row = (ky * KernelWidth + kx) * ChannelsPadded;");
                w.Line(multiplyAdd);
            }
        }
    }
}
