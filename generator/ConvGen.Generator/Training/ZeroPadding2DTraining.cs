using System.Collections.Generic;
using ConvGen.Generator.Emitting;
using static ConvGen.Generator.Emitting.CodeWriter;
using static ConvGen.Generator.Training.TrainingCode;

namespace ConvGen.Generator.Training
{
    /// <summary>ZeroPadding2D: the input rows copied into a zero image; backward takes the interior of d.</summary>
    internal sealed class ZeroPadding2DTraining : KindTraining
    {
        public override IReadOnlyList<LayerKind> Kinds { get; } = KindList(LayerKind.ZeroPadding2D);

        public override void Forward(CodeWriter w, TrainingStep s)
        {
            int row = s.In.Width * s.In.Channels;
            w.Line("z.Clear();");
            using (w.Block($"for (int iy = 0; iy < {I(s.In.Height)}; iy++)"))
            {
                w.Line($"x.Slice(iy * {I(row)}, {I(row)}).CopyTo(z.Slice({Target(s)}, {I(row)}));");
            }
        }

        public override void Backward(CodeWriter w, TrainingStep s)
        {
            int row = s.In.Width * s.In.Channels;
            using (w.Block("if (!wantX)"))
            {
                w.Line("return;");
            }

            using (w.Block($"for (int iy = 0; iy < {I(s.In.Height)}; iy++)"))
            {
                Add(w, "d", Target(s), "dx", $"iy * {I(row)}", row);
            }
        }

        private static string Target(TrainingStep s) =>
            $"((iy + {I(s.Layer.PadTop)}) * {I(s.Out.Width)} + {I(s.Layer.PadLeft)}) * {I(s.Out.Channels)}";
    }
}
