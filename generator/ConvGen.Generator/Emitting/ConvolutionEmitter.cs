using System;
using static ConvGen.Generator.Emitting.CodeWriter;

namespace ConvGen.Generator.Emitting
{
    /// <summary>
    /// Conv2D, channels-last: each output pixel's channels come from broadcast input values times vectors of the
    /// packed kernel [kh, kw, in, outPadded]. Interior pixels (window fully inside the input) run with no bounds
    /// tests and, within <see cref="MaxUnrolledTaps"/>, kernel taps unrolled at constant offsets; the few border
    /// pixels go to a separate method that skips padded taps. Unrolling is bounded so a method's size depends on
    /// the layer's kernel and channel counts, never on the image size.
    /// </summary>
    internal static class ConvolutionEmitter
    {
        /// <summary>Kernels with more taps than this keep their ky/kx loops.</summary>
        public const int MaxUnrolledTaps = 25;

        /// <summary>Input channels are unrolled too while taps * channels * vectors stays within this many multiply-add lines.</summary>
        public const int MaxUnrolledMultiplyAdds = 128;

        public static void Emit(CodeWriter w, LayerPlan plan)
        {
            LayerAnalysis layer = plan.Layer;
            LayerSpec s = layer.Spec;
            TensorShape input = layer.InputShape, output = layer.OutputShape;
            int effH = s.DilationHeight * (s.KernelHeight - 1) + 1, effW = s.DilationWidth * (s.KernelWidth - 1) + 1;

            // Output rows/columns whose window lies inside the input: [lo, hi).
            int oyLo = CeilDiv(layer.PadTop, s.StrideHeight), oyHi = InteriorEnd(input.Height, effH, layer.PadTop, s.StrideHeight, output.Height);
            int oxLo = CeilDiv(layer.PadLeft, s.StrideWidth), oxHi = InteriorEnd(input.Width, effW, layer.PadLeft, s.StrideWidth, output.Width);

            w.Line($"/// <summary>{LayerEmitter.Describe(plan)}</summary>");
            using IDisposable type = w.Block($"private static class {plan.Method}");
            Constants(w, plan);
            w.Line();
            w.Line("/// <summary>Computes the whole layer.</summary>");
            using (w.Block("public static void Run(ref float input, ref float output, ref float kernel, ref float bias)"))
            {
                using (w.Block("for (int oy = 0; oy < OutputHeight; oy++)"))
                {
                    w.Line("int iy = oy * StrideHeight - PadTop; // top input row of the window");
                    w.Line($"bool rowInside = oy >= {I(oyLo)} && oy < {I(oyHi)};");
                    using (w.Block("for (int ox = 0; ox < OutputWidth; ox++)"))
                    {
                        w.Line("int ix = ox * StrideWidth - PadLeft; // left input column of the window");
                        w.Line("ref float dst = ref Unsafe.Add(ref output, (oy * OutputWidth + ox) * Filters);");
                        using (w.Block($"if (!rowInside || ox < {I(oxLo)} || ox >= {I(oxHi)})"))
                        {
                            w.Line("Border(ref input, ref dst, ref kernel, ref bias, iy, ix);");
                            w.Line("continue;");
                        }

                        w.Line();
                        w.Line("int at = (iy * InputWidth + ix) * InputChannels; // the window's top-left input value");
                        ChannelBlockEmitter.Emit(w, output.Channels, s.UseBias, s, vectors => Taps(w, plan, vectors, interior: true));
                    }
                }

                string? pass = ActivationEmitter.Pass(s.Activation, "output", output);
                if (pass is not null)
                {
                    w.Line(pass);
                }
            }

            w.Line();
            w.Line("/// <summary>One output pixel whose window overlaps the padding: taps outside the input are skipped (they add zero).</summary>");
            using (w.Block("private static void Border(ref float input, ref float dst, ref float kernel, ref float bias, int iy, int ix)"))
            {
                ChannelBlockEmitter.Emit(w, output.Channels, s.UseBias, s, vectors => Taps(w, plan, vectors, interior: false));
            }
        }

        private static void Constants(CodeWriter w, LayerPlan plan)
        {
            LayerAnalysis layer = plan.Layer;
            LayerSpec s = layer.Spec;
            w.Line($"private const int InputHeight = {I(layer.InputShape.Height)}, InputWidth = {I(layer.InputShape.Width)}, InputChannels = {I(layer.InputShape.Channels)};");
            w.Line($"private const int OutputHeight = {I(layer.OutputShape.Height)}, OutputWidth = {I(layer.OutputShape.Width)}, Filters = {I(layer.OutputShape.Channels)}, FiltersPadded = {I(plan.PaddedUnits)};");
            w.Line($"private const int KernelHeight = {I(s.KernelHeight)}, KernelWidth = {I(s.KernelWidth)}, StrideHeight = {I(s.StrideHeight)}, StrideWidth = {I(s.StrideWidth)};");
            w.Line($"private const int DilationHeight = {I(s.DilationHeight)}, DilationWidth = {I(s.DilationWidth)}, PadTop = {I(layer.PadTop)}, PadLeft = {I(layer.PadLeft)};");
        }

        /// <summary>Multiply-adds of every kernel tap into <paramref name="vectors"/> accumulators.</summary>
        private static void Taps(CodeWriter w, LayerPlan plan, int vectors, bool interior)
        {
            LayerSpec s = plan.Layer.Spec;
            TensorShape input = plan.Layer.InputShape;
            int taps = s.KernelHeight * s.KernelWidth;
            bool unrollTaps = interior && taps <= MaxUnrolledTaps;
            bool unrollChannels = (unrollTaps ? taps : 1) * input.Channels * vectors <= MaxUnrolledMultiplyAdds;
            if (unrollTaps)
            {
                for (int ky = 0; ky < s.KernelHeight; ky++)
                {
                    for (int kx = 0; kx < s.KernelWidth; kx++)
                    {
                        int inputOffset = ((ky * s.DilationHeight * input.Width) + (kx * s.DilationWidth)) * input.Channels;
                        int kernelRow = (ky * s.KernelWidth + kx) * input.Channels * plan.PaddedUnits;
                        w.Line($"// tap ({I(ky)}, {I(kx)})");
                        using (w.Scope())
                        {
                            Channels(w, input.Channels, vectors, unrollChannels, $"at + {I(inputOffset)}", I(kernelRow));
                        }
                    }
                }

                return;
            }

            using (w.Block("for (int ky = 0; ky < KernelHeight; ky++)"))
            {
                w.Line("int inputRow = iy + ky * DilationHeight;");
                if (!interior)
                {
                    using (w.Block("if ((uint)inputRow >= (uint)InputHeight)"))
                    {
                        w.Line("continue; // padding row");
                    }
                }

                using (w.Block("for (int kx = 0; kx < KernelWidth; kx++)"))
                {
                    w.Line("int inputColumn = ix + kx * DilationWidth;");
                    if (!interior)
                    {
                        using (w.Block("if ((uint)inputColumn >= (uint)InputWidth)"))
                        {
                            w.Line("continue; // padding column");
                        }
                    }

                    w.Line("int tap = (inputRow * InputWidth + inputColumn) * InputChannels;");
                    w.Line("int row = (ky * KernelWidth + kx) * InputChannels * FiltersPadded;");
                    Channels(w, input.Channels, vectors, unrollChannels, "tap", "row");
                }
            }
        }

        /// <summary>acc[j] += broadcast(input[at + c]) * kernel[row + c * FiltersPadded + oc + 4j] for every input channel c.</summary>
        private static void Channels(CodeWriter w, int channels, int vectors, bool unroll, string at, string row)
        {
            if (unroll)
            {
                for (int c = 0; c < channels; c++)
                {
                    string x = $"x{I(c)}";
                    w.Line($"Vector128<float> {x} = Vector128.Create(Unsafe.Add(ref input, {at} + {I(c)}));");
                    for (int j = 0; j < vectors; j++)
                    {
                        w.Line($"acc{j} = Vector128.MultiplyAddEstimate({x}, Vector128.LoadUnsafe(ref kernel, (nuint)({row} + {I(c)} * FiltersPadded + oc + {I(j * 4)})), acc{j});");
                    }
                }

                return;
            }

            using (w.Block("for (int c = 0; c < InputChannels; c++)"))
            {
                w.Line($"Vector128<float> x = Vector128.Create(Unsafe.Add(ref input, {at} + c));");
                w.Line($"ref float weights = ref Unsafe.Add(ref kernel, {row} + c * FiltersPadded + oc);");
                for (int j = 0; j < vectors; j++)
                {
                    w.Line($"acc{j} = Vector128.MultiplyAddEstimate(x, Vector128.LoadUnsafe(ref weights, {I(j * 4)}), acc{j});");
                }
            }
        }

        private static int CeilDiv(int a, int b) => (a + b - 1) / b;

        /// <summary>One past the last output index whose window ends inside the input: floor((in - eff + pad) / stride) + 1, clamped.</summary>
        private static int InteriorEnd(int inSize, int eff, int pad, int stride, int outSize)
        {
            int numerator = inSize - eff + pad;
            return numerator < 0 ? 0 : System.Math.Min(numerator / stride + 1, outSize);
        }
    }
}
