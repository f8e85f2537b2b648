using System;
using System.Collections.Generic;
using System.Globalization;
using ConvGen.Generator.Planning;
using static ConvGen.Generator.Emitting.CodeWriter;

namespace ConvGen.Generator.Emitting
{
    /// <summary>
    /// Max and average pooling, vectorized over channels with the widest accelerated vectors. The window is clipped to the input, so padding is never
    /// a max candidate and average pooling divides by the number of in-bounds cells (TensorFlow semantics).
    /// </summary>
    internal sealed class PoolingEmitter : LayerKernelEmitter
    {
        public override IReadOnlyList<LayerKind> Kinds { get; } = KindList(LayerKind.MaxPool2D, LayerKind.AvgPool2D);

        protected override string Describe(LayerAnalysis l)
        {
            LayerSpec s = l.Spec;
            return string.Format(CultureInfo.InvariantCulture,
                "{0} of each {1}x{2} window, stride {3}x{4}, {5} padding (top {6}, bottom {7}, left {8}, right {9})",
                s.Kind == LayerKind.MaxPool2D ? "maximum" : "mean of the in-bounds cells", s.KernelHeight, s.KernelWidth,
                s.StrideHeight, s.StrideWidth, PaddingText(s), l.PadTop, l.PadBottom, l.PadLeft, l.PadRight);
        }

        protected override void EmitMembers(CodeWriter w, LayerPlan plan)
        {
            LayerAnalysis layer = plan.Layer;
            LayerSpec s = layer.Spec;
            bool max = s.Kind == LayerKind.MaxPool2D;
            int channels = layer.InputShape.Channels;
            IReadOnlyList<VectorWidth> widths = VectorWidth.For(channels);
            w.Line($"private const int InputHeight = {I(layer.InputShape.Height)}, InputWidth = {I(layer.InputShape.Width)}, Channels = {I(channels)};");
            w.Line($"private const int OutputHeight = {I(layer.OutputShape.Height)}, OutputWidth = {I(layer.OutputShape.Width)};");
            w.Line($"private const int PoolHeight = {I(s.KernelHeight)}, PoolWidth = {I(s.KernelWidth)}, StrideHeight = {I(s.StrideHeight)}, StrideWidth = {I(s.StrideWidth)}, PadTop = {I(layer.PadTop)}, PadLeft = {I(layer.PadLeft)};");
            w.Line();
            WriteDispatchingRun(w, plan, widths, weighted: false); // pooling has no activation, so no pass

            foreach (VectorWidth width in widths)
            {
                w.Line();
                EmitWidth(w, max, layer, width);
            }
        }

        private static void EmitWidth(CodeWriter w, bool max, LayerAnalysis layer, VectorWidth width)
        {
            int channels = layer.InputShape.Channels;
            w.Line($"/// <summary>The layer with {width.Static} floats over channels (then Vector128 and single floats for the rest).</summary>");
            using IDisposable run = w.Block($"private static void Run{width.Suffix}(ref float input, ref float output)");
            using (w.For("oy", 0, layer.OutputShape.Height, toText: "OutputHeight"))
            {
                w.Line("int iy = oy * StrideHeight - PadTop;");
                w.Line("int y0 = Math.Max(iy, 0), y1 = Math.Min(iy + PoolHeight, InputHeight); // window rows inside the input");
                using (w.For("ox", 0, layer.OutputShape.Width, toText: "OutputWidth"))
                {
                    w.Line("int ix = ox * StrideWidth - PadLeft;");
                    w.Line("int x0 = Math.Max(ix, 0), x1 = Math.Min(ix + PoolWidth, InputWidth);");
                    w.Line("ref float dst = ref Unsafe.Add(ref output, (oy * OutputWidth + ox) * Channels);");
                    if (!max)
                    {
                        w.Line("float count = (y1 - y0) * (x1 - x0); // in-bounds cells only");
                    }

                    w.Line("int c = 0;");
                    var steps = new List<VectorWidth> { width };
                    if (width != VectorWidth.V128)
                    {
                        steps.Add(VectorWidth.V128);
                    }

                    foreach (VectorWidth step in steps)
                    {
                        if (channels < step.Lanes)
                        {
                            continue;
                        }

                        using (w.Block($"for (; c <= Channels - {I(step.Lanes)}; c += {I(step.Lanes)})"))
                        {
                            w.Line(max ? $"{step.Type} acc = {step.Static}.Create(float.NegativeInfinity);" : $"{step.Type} acc = {step.Type}.Zero;");
                            using (w.Block("for (int y = y0; y < y1; y++)"))
                            using (w.Block("for (int x = x0; x < x1; x++)"))
                            {
                                w.Line($"{step.Type} v = {step.Static}.LoadUnsafe(ref input, (nuint)((y * InputWidth + x) * Channels + c));");
                                w.Line(max ? $"acc = {step.Static}.Max(acc, v);" : "acc += v;");
                            }

                            w.Line(max ? "acc.StoreUnsafe(ref dst, (nuint)c);" : $"(acc / {step.Static}.Create(count)).StoreUnsafe(ref dst, (nuint)c);");
                        }
                    }

                    if (channels % 4 != 0)
                    {
                        using (w.Block("for (; c < Channels; c++)"))
                        {
                            w.Line(max ? "float acc = float.NegativeInfinity;" : "float acc = 0f;");
                            using (w.Block("for (int y = y0; y < y1; y++)"))
                            using (w.Block("for (int x = x0; x < x1; x++)"))
                            {
                                w.Line("float v = Unsafe.Add(ref input, (y * InputWidth + x) * Channels + c);");
                                w.Line(max ? "acc = MathF.Max(acc, v);" : "acc += v;");
                            }

                            w.Line(max ? "Unsafe.Add(ref dst, c) = acc;" : "Unsafe.Add(ref dst, c) = acc / count;");
                        }
                    }
                }
            }
        }
    }
}
