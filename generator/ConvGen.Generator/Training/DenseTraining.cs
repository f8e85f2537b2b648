using ConvGen.Generator.Emitting;
using static ConvGen.Generator.Emitting.CodeWriter;
using static ConvGen.Generator.Training.TrainingCode;

namespace ConvGen.Generator.Training
{
    /// <summary>Dense: z = b + x . K (kernel [in, units], one row per input). Backward: dK[i] += x[i] * d, dx += K . d, db += d.</summary>
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
            using (w.Block("if (wantW)"))
            using (w.Block($"for (int i = 0; i < {I(inputs)}; i++)"))
            {
                using (w.Block("if (x[i] != 0f)"))
                {
                    Axpy(w, "x[i]", "d", "0", "grad", $"{I(kernel)} + i * {I(units)}", units);
                }
            }

            // dx = K . d: one matrix-vector product, four kernel rows at a time (a dot product per row would wait on
            // a single accumulator).
            using (w.Block("if (wantX)"))
            {
                w.Line($"global::ConvGen.Training.Gemm.MultiplyVector({I(inputs)}, {I(units)}, prm.Slice({I(kernel)}, {I(inputs * units)}), {I(units)}, d, dx, true);");
            }
        }
    }
}
