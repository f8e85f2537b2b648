// Dense's generator code, in one file: the inference kernel (DenseEmitter, namespace Emitting) and the
// training passes (DenseTraining, namespace Training). Both are found by the kinds they declare.

namespace ConvGen.Generator.Emitting
{
    using System;
    using System.Collections.Generic;
    using System.Globalization;
    using ConvGen.Generator.Planning;
    using static ConvGen.Generator.Emitting.CodeWriter;

    /// <summary>
    /// Dense: y = x · kernel + bias, the kernel packed as panels of <see cref="WeightLayout.PanelWidth"/> units
    /// (<see cref="KernelPacking.Panels"/>: [units padded / 32][in, 32], one panel of 16 for at most 16 units). Units go in blocks of up to <see cref="MaxBlockVectors"/>
    /// vectors held in registers; each input value is broadcast against the block's row of each of its panels, which the
    /// block reads front to back. With few vectors per block, the inputs are split over several accumulator sets (summed
    /// at the end) so enough independent multiply-add chains are in flight to hide their latency.
    /// </summary>
    internal sealed class DenseEmitter : LayerKernelEmitter
    {
        public override IReadOnlyList<LayerKind> Kinds { get; } = KindList(LayerKind.Dense);

        protected override string Describe(LayerAnalysis l) =>
            string.Format(CultureInfo.InvariantCulture, "{0} units{1}, {2}", l.Spec.Units, BiasText(l.Spec), ActivationText(l.Spec));

        public const int MaxBlockVectors = 8;

        /// <summary>Independent accumulator chains worth keeping in flight (FMA latency x throughput on current cores).</summary>
        public const int Chains = 8;

        protected override void EmitMembers(CodeWriter w, LayerPlan plan)
        {
            LayerAnalysis layer = plan.Layer;
            LayerSpec s = layer.Spec;
            int units = layer.OutputShape.Channels;
            IReadOnlyList<VectorWidth> widths = VectorWidth.For(units);
            w.Line($"private const int Inputs = {I(layer.InputShape.Channels)}, Units = {I(units)};");
            w.Line($"/// <summary>The kernel is packed as panels of PanelWidth units ({I(plan.PaddedUnits)} units with the padding), each [Inputs, PanelWidth]: a panel row is PanelWidth floats, a panel PanelLength.</summary>");
            w.Line($"private const int PanelWidth = {I(WeightLayout.PanelWidth(units))}, PanelLength = Inputs * PanelWidth;");
            w.Line();
            WriteDispatchingRun(w, plan, widths, weighted: true);

            foreach (VectorWidth width in widths)
            {
                EmitWidth(w, s, units, width);
            }
        }

        private static void EmitWidth(CodeWriter w, LayerSpec s, int units, VectorWidth width)
        {
            IReadOnlyList<ChannelBlock> blocks = ChannelBlockEmitter.Plan(units, width, MaxBlockVectors);
            w.Line();
            w.Line($"/// <summary>The layer with {width.Static} floats.</summary>");
            using (w.Block($"private static void Run{width.Suffix}(ref float input, ref float output, ref float kernel, ref float bias)"))
            {
                foreach (ChannelBlock block in blocks)
                {
                    string call = $"Block{block.Tag}_{width.Suffix}(ref input, ref Unsafe.Add(ref output, oc), ref Unsafe.Add(ref kernel, oc / PanelWidth * PanelLength), ref Unsafe.Add(ref bias, oc));";
                    using (w.For("oc", block.FirstChannel, block.FirstChannel + (block.Count * block.Width), block.Width))
                    {
                        w.Line(call);
                    }
                }
            }

            foreach (ChannelBlock block in blocks)
            {
                w.Line();
                EmitBlock(w, s, block, width, WeightLayout.PanelWidth(units));
            }
        }

        private static void EmitBlock(CodeWriter w, LayerSpec s, ChannelBlock block, VectorWidth width, int panelWidth)
        {
            int sets = Math.Min(4, Math.Max(1, (Chains + block.Vectors - 1) / block.Vectors));
            w.Line($"/// <summary>{I(block.Width)} units ({I(block.Vectors)} {width.Static}) over all inputs, {Count(sets, "input")} per step in {(sets == 1 ? "one set of accumulators" : "separate accumulators")}.</summary>");
            using (w.Block($"private static void Block{block.Tag}_{width.Suffix}(ref float input, ref float dst, ref float kernel, ref float bias)"))
            {
                for (int j = 0; j < block.Vectors; j++)
                {
                    w.Line(s.UseBias
                        ? $"{width.Type} a0_{I(j)} = {ChannelBlockEmitter.Load(width, "bias", I(j * width.Lanes))};"
                        : $"{width.Type} a0_{I(j)} = {width.Type}.Zero;");
                    for (int u = 1; u < sets; u++)
                    {
                        w.Line($"{width.Type} a{I(u)}_{I(j)} = {width.Type}.Zero;");
                    }
                }

                w.Line("nint kAt = 0;");
                w.Line("int i = 0;");
                if (sets > 1)
                {
                    using (w.Block($"for (; i <= Inputs - {I(sets)}; i += {I(sets)}, kAt += {I(sets)} * PanelWidth)"))
                    {
                        for (int u = 0; u < sets; u++)
                        {
                            Step(w, block, width, panelWidth, u, Plus("i", I(u)), Plus("kAt", Times(u, "PanelWidth")), declare: u == 0);
                        }
                    }
                }

                using (w.Block("for (; i < Inputs; i++, kAt += PanelWidth)"))
                {
                    Step(w, block, width, panelWidth, 0, "i", "kAt", declare: true);
                }

                for (int j = 0; j < block.Vectors; j++)
                {
                    for (int u = 1; u < sets; u++)
                    {
                        w.Line($"a0_{I(j)} += a{I(u)}_{I(j)};");
                    }
                }

                ChannelBlockEmitter.Store(w, width, block, 1, "Units", s);
            }
        }

        private static void Step(CodeWriter w, ChannelBlock block, VectorWidth width, int panelWidth, int set, string input, string row, bool declare)
        {
            w.Line($"{(declare ? width.Type + " " : string.Empty)}v = {width.Static}.Create(Unsafe.Add(ref input, {input}));");
            for (int j = 0; j < block.Vectors; j++)
            {
                // vector j: units j * lanes on from the block's first, in panel j * lanes / PanelWidth of the block's
                int panel = j * width.Lanes / panelWidth, within = j * width.Lanes % panelWidth;
                string offset = Plus(Plus(row, Times(panel, "PanelLength")), I(within));
                w.Line($"a{I(set)}_{I(j)} = {width.Static}.MultiplyAddEstimate(v, {width.Static}.LoadUnsafe(ref Unsafe.Add(ref kernel, {offset})), a{I(set)}_{I(j)});");
            }
        }
    }
}

namespace ConvGen.Generator.Training
{
    using System.Collections.Generic;
    using ConvGen.Generator.Emitting;
    using static ConvGen.Generator.Emitting.CodeWriter;
    using static ConvGen.Generator.Training.TrainingCode;

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
