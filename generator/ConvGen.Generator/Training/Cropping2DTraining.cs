using ConvGen.Generator.Emitting;
using static ConvGen.Generator.Emitting.CodeWriter;
using static ConvGen.Generator.Training.TrainingCode;

namespace ConvGen.Generator.Training
{
    /// <summary>Cropping2D: the kept part of each kept input row copied out; backward adds d into that window of dx (zero elsewhere).</summary>
    internal sealed class Cropping2DTraining : KindTraining
    {
        public override void Forward(CodeWriter w, TrainingStep s)
        {
            int row = s.Out.Width * s.Out.Channels;
            using (w.Block($"for (int oy = 0; oy < {I(s.Out.Height)}; oy++)"))
            {
                w.Line($"x.Slice({Source(s)}, {I(row)}).CopyTo(z.Slice(oy * {I(row)}, {I(row)}));");
            }
        }

        public override void Backward(CodeWriter w, TrainingStep s)
        {
            int row = s.Out.Width * s.Out.Channels;
            using (w.Block("if (!wantX)"))
            {
                w.Line("return;");
            }

            // dx is cleared before the backward pass, so the cropped cells keep their zero gradient.
            using (w.Block($"for (int oy = 0; oy < {I(s.Out.Height)}; oy++)"))
            {
                Add(w, "d", $"oy * {I(row)}", "dx", Source(s), row);
            }
        }

        private static string Source(TrainingStep s) =>
            $"((oy + {I(s.Layer.PadTop)}) * {I(s.In.Width)} + {I(s.Layer.PadLeft)}) * {I(s.In.Channels)}";
    }
}
