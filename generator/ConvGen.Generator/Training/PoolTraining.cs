using System.Collections.Generic;
using ConvGen.Generator.Emitting;
using static ConvGen.Generator.Emitting.CodeWriter;
using static ConvGen.Generator.Training.TrainingCode;

namespace ConvGen.Generator.Training
{
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
