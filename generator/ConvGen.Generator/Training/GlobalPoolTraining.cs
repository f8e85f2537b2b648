using System.Collections.Generic;
using ConvGen.Generator.Emitting;
using static ConvGen.Generator.Emitting.CodeWriter;
using static ConvGen.Generator.Training.TrainingCode;

namespace ConvGen.Generator.Training
{
    /// <summary>GlobalAveragePooling2D and GlobalMaxPooling2D: [H, W, C] to [C]; the max gradient goes to each channel's first maximum.</summary>
    internal sealed class GlobalPoolTraining : KindTraining
    {
        public override IReadOnlyList<LayerKind> Kinds { get; } = KindList(LayerKind.GlobalAveragePooling2D, LayerKind.GlobalMaxPooling2D);

        private static bool Max(TrainingStep s) => s.Spec.Kind == LayerKind.GlobalMaxPooling2D;

        public override void Forward(CodeWriter w, TrainingStep s)
        {
            int c = s.In.Channels, pixels = s.In.Height * s.In.Width;
            if (Max(s))
            {
                w.Line("z.Fill(float.NegativeInfinity);");
                using (w.Block($"for (int pixel = 0; pixel < {I(pixels)}; pixel++)"))
                using (w.Block($"for (int c = 0; c < {I(c)}; c++)"))
                {
                    w.Line($"float v = x[pixel * {I(c)} + c];");
                    using (w.Block("if (v > z[c])"))
                    {
                        w.Line("z[c] = v;");
                    }
                }

                return;
            }

            w.Line("z.Clear();");
            using (w.Block($"for (int pixel = 0; pixel < {I(pixels)}; pixel++)"))
            {
                Add(w, "x", $"pixel * {I(c)}", "z", "0", c);
            }

            w.Line($"for (int c = 0; c < {I(c)}; c++) z[c] *= {F(1f / pixels)};");
        }

        public override void Backward(CodeWriter w, TrainingStep s)
        {
            int c = s.In.Channels, pixels = s.In.Height * s.In.Width;
            using (w.Block("if (!wantX)"))
            {
                w.Line("return;");
            }

            if (Max(s))
            {
                using (w.Block($"for (int c = 0; c < {I(c)}; c++)"))
                {
                    w.Line("float best = float.NegativeInfinity;");
                    w.Line("int at = -1;");
                    using (w.Block($"for (int pixel = 0; pixel < {I(pixels)}; pixel++)"))
                    {
                        w.Line($"int xi = pixel * {I(c)} + c;");
                        using (w.Block("if (x[xi] > best)"))
                        {
                            w.Line("best = x[xi];");
                            w.Line("at = xi;");
                        }
                    }

                    using (w.Block("if (at >= 0)"))
                    {
                        w.Line("dx[at] += d[c];");
                    }
                }

                return;
            }

            using (w.Block($"for (int pixel = 0; pixel < {I(pixels)}; pixel++)"))
            {
                Axpy(w, F(1f / pixels), "d", "0", "dx", $"pixel * {I(c)}", c);
            }
        }
    }
}
