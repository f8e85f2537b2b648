using System.Collections.Generic;
using ConvGen.Generator.Emitting;
using static ConvGen.Generator.Emitting.CodeWriter;

namespace ConvGen.Generator.Training
{
    /// <summary>
    /// Flatten (NHWC memory is already in H, W, C order: a copy) and Activation (its input is its pre-activation
    /// value, so the kind itself does nothing; the activation step does the work). Backward passes d through.
    /// </summary>
    internal sealed class PassThroughTraining : KindTraining
    {
        public override IReadOnlyList<LayerKind> Kinds { get; } = KindList(LayerKind.Flatten, LayerKind.Activation);

        public override void Forward(CodeWriter w, TrainingStep s)
        {
            if (s.Spec.Kind == LayerKind.Activation && s.HasActivation)
            {
                return;
            }

            w.Line("x.CopyTo(z);");
        }

        public override void Backward(CodeWriter w, TrainingStep s)
        {
            using (w.Block("if (wantX)"))
            {
                w.Line($"{TrainingCode.Math}Add(d, dx);");
            }
        }
    }

    /// <summary>
    /// Dropout: in training mode keeps each value with probability 1 - rate and scales it by 1 / (1 - rate); the mask
    /// comes from ConvGen.Training.DropoutMask (seed, step, layer, position), so the backward pass recomputes it.
    /// In inference mode, the identity.
    /// </summary>
    internal sealed class DropoutTraining : KindTraining
    {
        public override IReadOnlyList<LayerKind> Kinds { get; } = KindList(LayerKind.Dropout);

        public override void Forward(CodeWriter w, TrainingStep s)
        {
            int length = (int)s.Out.Length;
            using (w.Block("if (!_training)"))
            {
                w.Line("x.CopyTo(z);");
                w.Line("return;");
            }

            using (w.Block($"for (int i = 0; i < {I(length)}; i++)"))
            {
                w.Line($"z[i] = {Keep(s)} ? x[i] * {F(Scale(s))} : 0f;");
            }
        }

        public override void Backward(CodeWriter w, TrainingStep s)
        {
            int length = (int)s.Out.Length;
            using (w.Block("if (!wantX)"))
            {
                w.Line("return;");
            }

            using (w.Block($"for (int i = 0; i < {I(length)}; i++)"))
            using (w.Block($"if ({Keep(s)})"))
            {
                w.Line($"dx[i] += d[i] * {F(Scale(s))};");
            }
        }

        private static string Keep(TrainingStep s) =>
            $"global::ConvGen.Training.DropoutMask.Keep(_seed, _step, {I(s.Index)}, n * {I((int)s.Out.Length)} + i, {F(s.Spec.Rate)})";

        private static float Scale(TrainingStep s) => (float)(1.0 / (1.0 - s.Spec.Rate));
    }
}
