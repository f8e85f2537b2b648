using System.Collections.Generic;
using ConvGen.Generator.Emitting;
using static ConvGen.Generator.Emitting.CodeWriter;
using static ConvGen.Generator.Training.TrainingCode;

namespace ConvGen.Generator.Training
{
    /// <summary>Dense: z = b + x . K (kernel [in, units], one row per input). Backward: dK[i] += x[i] * d, dx += K . d, db += d.</summary>
    internal sealed class DenseTraining : KindTraining
    {
        public override IReadOnlyList<LayerKind> Kinds { get; } = KindList(LayerKind.Dense);

        private const string Gemm = "global::ConvGen.Training.Gemm.";

        public override bool WholeChunk => true;

        /// <summary>z = b + x . K for the chunk's images at once: one matrix product [count, inputs] x [inputs, units].</summary>
        public override void ForwardChunk(CodeWriter w, TrainingStep s)
        {
            int inputs = (int)s.In.Length, units = s.Out.Channels, kernel = s.Tensor(0);
            if (s.Spec.UseBias)
            {
                using (w.Block("for (int r = 0; r < count; r++)"))
                {
                    w.Line($"prm.Slice({I(s.Tensor(1))}, {I(units)}).CopyTo(z.Slice(r * {I(units)}, {I(units)}));");
                }
            }

            w.Line($"{Gemm}Multiply(count, {I(units)}, {I(inputs)}, x, {I(inputs)}, prm.Slice({I(kernel)}, {I(inputs * units)}), {I(units)}, z, {I(units)}, {(s.Spec.UseBias ? "true" : "false")});");
        }

        /// <summary>dK += xᵀ . d and db += column sums of d over the chunk; dx = K . d image by image (a matrix-vector product reads K in place).</summary>
        public override void BackwardChunk(CodeWriter w, TrainingStep s)
        {
            int inputs = (int)s.In.Length, units = s.Out.Channels, kernel = s.Tensor(0);
            using (w.Block("if (wantW)"))
            {
                if (s.Spec.UseBias)
                {
                    w.Line($"{Gemm}AddColumnSums(d, count, {I(units)}, grad.Slice({I(s.Tensor(1))}, {I(units)}));");
                }

                w.Line($"{Gemm}MultiplyTransposedA({I(inputs)}, {I(units)}, count, x, {I(inputs)}, d, {I(units)}, grad.Slice({I(kernel)}, {I(inputs * units)}), {I(units)}, true);");
            }

            using (w.Block("if (wantX)"))
            using (w.Block("for (int r = 0; r < count; r++)"))
            {
                w.Line($"{Gemm}MultiplyVector({I(inputs)}, {I(units)}, prm.Slice({I(kernel)}, {I(inputs * units)}), {I(units)}, d.Slice(r * {I(units)}, {I(units)}), dx.Slice(r * {I(inputs)}, {I(inputs)}), true);");
            }
        }

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
