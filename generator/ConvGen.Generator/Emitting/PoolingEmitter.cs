// MaxPool2D and AvgPool2D's generator code, in one file: the inference kernel (PoolingEmitter, namespace Emitting) and the
// training passes (PoolTraining, namespace Training). Both are found by the kinds they declare.

namespace ConvGen.Generator.Emitting
{
    using System;
    using System.Collections.Generic;
    using System.Globalization;
    using ConvGen.Generator.Planning;
    using static ConvGen.Generator.Emitting.CodeWriter;

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

namespace ConvGen.Generator.Training
{
    using System.Collections.Generic;
    using ConvGen.Generator.Emitting;
    using static ConvGen.Generator.Emitting.CodeWriter;
    using static ConvGen.Generator.Training.TrainingCode;

    /// <summary>
    /// MaxPool2D and AvgPool2D with TensorFlow's rules: padded cells are never candidates and never counted. Max
    /// pooling's gradient goes to the window's first maximum in scan order (found again in the backward pass, so
    /// nothing is stored); average pooling spreads d / (in-bounds cells) over the window.
    /// </summary>
    internal sealed class PoolTraining : KindTraining
    {
        public override IReadOnlyList<LayerKind> Kinds { get; } = KindList(LayerKind.MaxPool2D, LayerKind.AvgPool2D);

        public override void Forward(CodeWriter w, TrainingStep s)
        {
            int c = s.Out.Channels;
            if (Inside(s))
            {
                InsideForward(w, s);
                return;
            }

            if (Max(s))
            {
                WindowLoops.Emit(w, s, c,
                    () => w.Line($"z.Slice(zo, {I(c)}).Fill(float.NegativeInfinity);"),
                    () =>
                    {
                        using (w.Block($"for (int c = 0; c < {I(c)}; c++)"))
                        {
                            w.Line("float v = x[xo + c];");
                            using (w.Block("if (v > z[zo + c])"))
                            {
                                w.Line("z[zo + c] = v;");
                            }
                        }
                    });
                return;
            }

            WindowLoops.Emit(w, s, c,
                () =>
                {
                    w.Line($"z.Slice(zo, {I(c)}).Clear();");
                    w.Line("int count = 0;");
                },
                () =>
                {
                    w.Line("count++;");
                    Add(w, "x", "xo", "z", "zo", c);
                },
                () =>
                {
                    w.Line("float inverse = 1f / count;");
                    w.Line($"for (int c = 0; c < {I(c)}; c++) z[zo + c] *= inverse;");
                });
        }

        public override void Backward(CodeWriter w, TrainingStep s)
        {
            int c = s.Out.Channels;
            using (w.Block("if (!wantX)"))
            {
                w.Line("return;");
            }

            if (Inside(s))
            {
                InsideBackward(w, s);
                return;
            }

            if (Max(s))
            {
                // One channel at a time so the first maximum of each channel's window is found in scan order.
                using (w.Block($"for (int c = 0; c < {I(c)}; c++)"))
                {
                    WindowLoops.Emit(w, s, c,
                        () =>
                        {
                            w.Line("float best = float.NegativeInfinity;");
                            w.Line("int at = -1;");
                        },
                        () =>
                        {
                            using (w.Block("if (x[xo + c] > best)"))
                            {
                                w.Line("best = x[xo + c];");
                                w.Line("at = xo + c;");
                            }
                        },
                        () =>
                        {
                            using (w.Block("if (at >= 0)"))
                            {
                                w.Line("dx[at] += d[zo + c];");
                            }
                        });
                }

                return;
            }

            WindowLoops.Emit(w, s, c,
                () =>
                {
                    // The in-bounds cells of this window, counted first (TF divides by them, not by the window size).
                    w.Line($"int rows = 0, columns = 0;");
                    w.Line($"for (int ky = 0; ky < {I(s.Spec.KernelHeight)}; ky++) if ((uint)(oy * {I(s.Spec.StrideHeight)} + ky - {I(s.Layer.PadTop)}) < {I(s.In.Height)}u) rows++;");
                    w.Line($"for (int kx = 0; kx < {I(s.Spec.KernelWidth)}; kx++) if ((uint)(ox * {I(s.Spec.StrideWidth)} + kx - {I(s.Layer.PadLeft)}) < {I(s.In.Width)}u) columns++;");
                    w.Line("float inverse = 1f / (rows * columns);");
                },
                () => Axpy(w, "inverse", "d", "zo", "dx", "xo", c));
        }

        /// <summary>
        /// Every window lies inside the input (no padding; the usual 2x2 stride 2) and is small: the taps are unrolled
        /// with constant offsets, no bounds checks and a constant divisor. Same operations in the same order as the
        /// general loops.
        /// </summary>
        private static bool Max(TrainingStep s) => s.Spec.Kind == LayerKind.MaxPool2D;

        private static bool Inside(TrainingStep s)
        {
            LayerSpec spec = s.Spec;
            return s.Layer.PadTop == 0 && s.Layer.PadLeft == 0 && spec.KernelHeight * spec.KernelWidth <= 16
                && (s.Out.Height - 1) * spec.StrideHeight + spec.KernelHeight <= s.In.Height
                && (s.Out.Width - 1) * spec.StrideWidth + spec.KernelWidth <= s.In.Width;
        }

        /// <summary>Offsets of the window's taps from its first cell, in scan order.</summary>
        private static string[] Taps(TrainingStep s)
        {
            var taps = new string[s.Spec.KernelHeight * s.Spec.KernelWidth];
            for (int ky = 0; ky < s.Spec.KernelHeight; ky++)
            {
                for (int kx = 0; kx < s.Spec.KernelWidth; kx++)
                {
                    taps[ky * s.Spec.KernelWidth + kx] = I((ky * s.In.Width + kx) * s.In.Channels);
                }
            }

            return taps;
        }

        private static void InsidePixels(CodeWriter w, TrainingStep s, System.Action body)
        {
            int c = s.Out.Channels;
            using (w.Block($"for (int oy = 0; oy < {I(s.Out.Height)}; oy++)"))
            using (w.Block($"for (int ox = 0; ox < {I(s.Out.Width)}; ox++)"))
            {
                w.Line($"int zo = (oy * {I(s.Out.Width)} + ox) * {I(c)};");
                w.Line($"int xo = (oy * {I(s.Spec.StrideHeight * s.In.Width)} + ox * {I(s.Spec.StrideWidth)}) * {I(c)};");
                using (w.Block($"for (int c = 0; c < {I(c)}; c++)"))
                {
                    body();
                }
            }
        }

        private static void InsideForward(CodeWriter w, TrainingStep s)
        {
            string[] taps = Taps(s);
            InsidePixels(w, s, () =>
            {
                if (Max(s))
                {
                    w.Line("float m = float.NegativeInfinity;");
                    foreach (string t in taps)
                    {
                        w.Line($"m = x[xo + {t} + c] > m ? x[xo + {t} + c] : m;");
                    }

                    w.Line("z[zo + c] = m;");
                    return;
                }

                w.Line("float sum = 0f;");
                foreach (string t in taps)
                {
                    w.Line($"sum += x[xo + {t} + c];");
                }

                w.Line($"z[zo + c] = sum * (1f / {I(taps.Length)});");
            });
        }

        private static void InsideBackward(CodeWriter w, TrainingStep s)
        {
            string[] taps = Taps(s);
            InsidePixels(w, s, () =>
            {
                if (Max(s))
                {
                    w.Line("float best = float.NegativeInfinity;");
                    w.Line("int at = -1;");
                    foreach (string t in taps)
                    {
                        using (w.Block($"if (x[xo + {t} + c] > best)"))
                        {
                            w.Line($"best = x[xo + {t} + c];");
                            w.Line($"at = xo + {t} + c;");
                        }
                    }

                    using (w.Block("if (at >= 0)"))
                    {
                        w.Line("dx[at] += d[zo + c];");
                    }

                    return;
                }

                w.Line($"float share = (1f / {I(taps.Length)}) * d[zo + c];");
                foreach (string t in taps)
                {
                    w.Line($"dx[xo + {t} + c] += share;");
                }
            });
        }
    }
}
