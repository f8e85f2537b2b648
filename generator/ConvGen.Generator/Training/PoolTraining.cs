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
        private readonly bool _max;

        public PoolTraining(bool max)
        {
            _max = max;
        }

        public override void Forward(CodeWriter w, TrainingStep s)
        {
            int c = s.Out.Channels;
            if (_max)
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

            if (_max)
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
    }
}
