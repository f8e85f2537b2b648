using System.Collections.Generic;
using ConvGen.Generator.Emitting;
using static ConvGen.Generator.Emitting.CodeWriter;
using static ConvGen.Generator.Training.TrainingCode;

namespace ConvGen.Generator.Training
{
    /// <summary>Add: the sum of the inputs x0, x1, ...; backward gives d to each input that needs it.</summary>
    internal sealed class AddTraining : KindTraining
    {
        public override IReadOnlyList<LayerKind> Kinds { get; } = KindList(LayerKind.Add);

        public override void Forward(CodeWriter w, TrainingStep s)
        {
            w.Line("x0.CopyTo(z);");
            for (int j = 1; j < s.InputValues.Count; j++)
            {
                w.Line($"{Math}Add(x{I(j)}, z);");
            }
        }

        public override void Backward(CodeWriter w, TrainingStep s)
        {
            for (int j = 0; j < s.InputValues.Count; j++)
            {
                using (w.Block($"if (wantX{I(j)})"))
                {
                    w.Line($"{Math}Add(d, dx{I(j)});");
                }
            }
        }
    }

    /// <summary>Concatenate on the channel axis, inputs in the order given; backward hands each input its channels of d.</summary>
    internal sealed class ConcatenateTraining : KindTraining
    {
        public override IReadOnlyList<LayerKind> Kinds { get; } = KindList(LayerKind.Concatenate);

        public override void Forward(CodeWriter w, TrainingStep s)
        {
            Each(w, s, (j, at, channels) =>
                w.Line($"x{I(j)}.Slice(pixel * {I(channels)}, {I(channels)}).CopyTo(z.Slice(pixel * {I(s.Out.Channels)} + {I(at)}, {I(channels)}));"));
        }

        public override void Backward(CodeWriter w, TrainingStep s)
        {
            Each(w, s, (j, at, channels) =>
            {
                using (w.Block($"if (wantX{I(j)})"))
                {
                    Add(w, "d", $"pixel * {I(s.Out.Channels)} + {I(at)}", $"dx{I(j)}", $"pixel * {I(channels)}", channels);
                }
            });
        }

        private static void Each(CodeWriter w, TrainingStep s, System.Action<int, int, int> body)
        {
            int pixels = s.Out.Height * s.Out.Width;
            using (w.Block($"for (int pixel = 0; pixel < {I(pixels)}; pixel++)"))
            {
                int at = 0;
                for (int j = 0; j < s.InputValues.Count; j++)
                {
                    int channels = s.Layer.InputShapes[j].Channels;
                    body(j, at, channels);
                    at += channels;
                }
            }
        }
    }
}
