using System.Collections.Generic;
using ConvGen.Generator.Emitting;
using static ConvGen.Generator.Emitting.CodeWriter;
using static ConvGen.Generator.Training.TrainingCode;

namespace ConvGen.Generator.Training
{
    /// <summary>
    /// Conv2D (groups, strides, dilation, padding). Forward: z[pixel, oc] = b[oc] + sum over taps and the group's input
    /// channels of x * k. Backward: dk += x * d, dx += k . d, db += d. Ungrouped convolutions run as matrix products
    /// (<see cref="Im2ColConvolution"/>); grouped ones as loops over every pixel and tap.
    /// </summary>
    internal sealed class Conv2DTraining : KindTraining
    {
        public override IReadOnlyList<LayerKind> Kinds { get; } = KindList(LayerKind.Conv2D);

        /// <summary>Per-chunk scratch floats this layer needs (0 when it runs as loops).</summary>
        public static int ScratchFloats(TrainingStep s) =>
            s.Spec.Kind == LayerKind.Conv2D && s.Spec.Groups == 1 ? Im2ColConvolution.ScratchFloats(s) : 0;

        public override void Forward(CodeWriter w, TrainingStep s)
        {
            Shape(s, out int ic, out int oc, out int groups, out int icg, out int ocg);
            if (groups == 1)
            {
                Im2ColConvolution.Forward(w, s);
                return;
            }

            int kernel = s.Tensor(0);
            WindowLoops.Emit(w, s, oc,
                () => InitFromBias(w, s, "z", "zo", oc, biasTensor: 1),
                () =>
                {
                    w.Line($"int ko = {I(kernel)} + (ky * {I(s.Spec.KernelWidth)} + kx) * {I(icg * oc)};");
                    using (Groups(w, groups))
                    using (w.Block($"for (int c = 0; c < {I(icg)}; c++)"))
                    {
                        w.Line($"float xv = x[xo + {GroupInput(groups, icg)}c];");
                        Axpy(w, "xv", "prm", $"ko + c * {I(oc)}{GroupOutput(groups, ocg)}", "z", $"zo{GroupOutput(groups, ocg)}", ocg);
                    }
                });
        }

        public override void Backward(CodeWriter w, TrainingStep s)
        {
            Shape(s, out int ic, out int oc, out int groups, out int icg, out int ocg);
            if (groups == 1)
            {
                Im2ColConvolution.Backward(w, s);
                return;
            }

            int kernel = s.Tensor(0);
            WindowLoops.Emit(w, s, oc,
                () => BiasGradient(w, s, "zo", oc, biasTensor: 1),
                () =>
                {
                    w.Line($"int ko = {I(kernel)} + (ky * {I(s.Spec.KernelWidth)} + kx) * {I(icg * oc)};");
                    using (Groups(w, groups))
                    using (w.Block($"for (int c = 0; c < {I(icg)}; c++)"))
                    {
                        w.Line($"int xi = xo + {GroupInput(groups, icg)}c;");
                        w.Line($"int kc = ko + c * {I(oc)}{GroupOutput(groups, ocg)};");
                        using (w.Block("if (wantW)"))
                        {
                            Axpy(w, "x[xi]", "d", $"zo{GroupOutput(groups, ocg)}", "grad", "kc", ocg);
                        }

                        using (w.Block("if (wantX)"))
                        {
                            DotAdd(w, "dx[xi]", "prm", "kc", "d", $"zo{GroupOutput(groups, ocg)}", ocg);
                        }
                    }
                });
        }

        private static void Shape(TrainingStep s, out int ic, out int oc, out int groups, out int icg, out int ocg)
        {
            ic = s.In.Channels;
            oc = s.Out.Channels;
            groups = s.Spec.Groups;
            icg = ic / groups;
            ocg = oc / groups;
        }

        private static System.IDisposable Groups(CodeWriter w, int groups) =>
            groups == 1 ? new NoScope() : w.Block($"for (int gi = 0; gi < {I(groups)}; gi++)");

        private static string GroupInput(int groups, int icg) => groups == 1 ? string.Empty : $"gi * {I(icg)} + ";

        private static string GroupOutput(int groups, int ocg) => groups == 1 ? string.Empty : $" + gi * {I(ocg)}";

        /// <summary>z[at .. at + length) = bias (tensor <paramref name="biasTensor"/>) or 0 without a bias.</summary>
        internal static void InitFromBias(CodeWriter w, TrainingStep s, string z, string at, int length, int biasTensor)
        {
            if (s.Spec.UseBias)
            {
                w.Line($"prm.Slice({I(s.Tensor(biasTensor))}, {I(length)}).CopyTo({z}.Slice({at}, {I(length)}));");
            }
            else
            {
                w.Line($"{z}.Slice({at}, {I(length)}).Clear();");
            }
        }

        /// <summary>db += d[at .. at + length) when the layer has a bias and its parameters are trained.</summary>
        internal static void BiasGradient(CodeWriter w, TrainingStep s, string at, int length, int biasTensor)
        {
            if (s.Spec.UseBias)
            {
                using (w.Block("if (wantW)"))
                {
                    Add(w, "d", at, "grad", I(s.Tensor(biasTensor)), length);
                }
            }
        }

        private sealed class NoScope : System.IDisposable
        {
            public void Dispose()
            {
            }
        }
    }
}
