using ConvGen.Generator.Emitting;
using static ConvGen.Generator.Emitting.CodeWriter;
using static ConvGen.Generator.Training.TrainingCode;

namespace ConvGen.Generator.Training
{
    /// <summary>Dense: z = b + x . K (kernel [in, units], one row per input). Backward: dK[i] += x[i] * d, dx[i] += K[i] . d, db += d.</summary>
    internal sealed class DenseTraining : KindTraining
    {
        public override void Forward(CodeWriter w, TrainingStep s)
        {
            int inputs = (int)s.In.Length, units = s.Out.Channels, kernel = s.Tensor(0);
            Conv2DTraining.InitFromBias(w, s, "z", "0", units, biasTensor: 1);
            using (w.Block($"for (int i = 0; i < {I(inputs)}; i++)"))
            {
                w.Line("float xv = x[i];");
                using (w.Block("if (xv != 0f)"))
                {
                    Axpy(w, "xv", "prm", $"{I(kernel)} + i * {I(units)}", "z", "0", units);
                }
            }
        }

        public override void Backward(CodeWriter w, TrainingStep s)
        {
            int inputs = (int)s.In.Length, units = s.Out.Channels, kernel = s.Tensor(0);
            Conv2DTraining.BiasGradient(w, s, "0", units, biasTensor: 1);
            using (w.Block($"for (int i = 0; i < {I(inputs)}; i++)"))
            {
                w.Line($"int ki = {I(kernel)} + i * {I(units)};");
                using (w.Block("if (wantW && x[i] != 0f)"))
                {
                    Axpy(w, "x[i]", "d", "0", "grad", "ki", units);
                }

                using (w.Block("if (wantX)"))
                {
                    DotAdd(w, "dx[i]", "prm", "ki", "d", "0", units);
                }
            }
        }
    }
}
