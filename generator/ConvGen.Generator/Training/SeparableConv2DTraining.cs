using System.Collections.Generic;
using ConvGen.Generator.Emitting;
using static ConvGen.Generator.Emitting.CodeWriter;
using static ConvGen.Generator.Training.TrainingCode;

namespace ConvGen.Generator.Training
{
    /// <summary>
    /// SeparableConv2D as Keras computes it: the depthwise convolution (no bias) into a middle tensor m kept for the
    /// backward pass, then a 1x1 convolution of m with the pointwise kernel and the bias. Backward runs the two halves
    /// in reverse, through dm.
    /// </summary>
    internal sealed class SeparableConv2DTraining : KindTraining
    {
        public override IReadOnlyList<LayerKind> Kinds { get; } = KindList(LayerKind.SeparableConv2D);

        public override void Forward(CodeWriter w, TrainingStep s)
        {
            DepthwiseConv2DTraining.EmitForward(w, s, "x", "m", s.Tensor(0), biasTensor: -1);
            int middle = s.In.Channels * s.Spec.DepthMultiplier, filters = s.Out.Channels, pointwise = s.Tensor(1);
            using (w.Block($"for (int pixel = 0; pixel < {I(s.Out.Height * s.Out.Width)}; pixel++)"))
            {
                w.Line($"int mo = pixel * {I(middle)}, zo = pixel * {I(filters)};");
                Conv2DTraining.InitFromBias(w, s, "z", "zo", filters, biasTensor: 2);
                using (w.Block($"for (int j = 0; j < {I(middle)}; j++)"))
                {
                    Axpy(w, "m[mo + j]", "prm", $"{I(pointwise)} + j * {I(filters)}", "z", "zo", filters);
                }
            }
        }

        public override void Backward(CodeWriter w, TrainingStep s)
        {
            int middle = s.In.Channels * s.Spec.DepthMultiplier, filters = s.Out.Channels, pointwise = s.Tensor(1);
            w.Line("dm.Clear();");
            using (w.Block($"for (int pixel = 0; pixel < {I(s.Out.Height * s.Out.Width)}; pixel++)"))
            {
                w.Line($"int mo = pixel * {I(middle)}, zo = pixel * {I(filters)};");
                Conv2DTraining.BiasGradient(w, s, "zo", filters, biasTensor: 2);
                using (w.Block($"for (int j = 0; j < {I(middle)}; j++)"))
                {
                    w.Line($"int kj = {I(pointwise)} + j * {I(filters)};");
                    using (w.Block("if (wantW)"))
                    {
                        Axpy(w, "m[mo + j]", "d", "zo", "grad", "kj", filters);
                    }

                    DotAdd(w, "dm[mo + j]", "prm", "kj", "d", "zo", filters);
                }
            }

            DepthwiseConv2DTraining.EmitBackward(w, s, "dm", s.Tensor(0), biasTensor: -1);
        }
    }
}
