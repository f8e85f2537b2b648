using System;
using System.Collections.Generic;
using System.Globalization;
using ConvGen.Generator.Planning;
using static ConvGen.Generator.Emitting.CodeWriter;

namespace ConvGen.Generator.Emitting
{
    /// <summary>
    /// Dense: y = x · kernel + bias with kernel [in, outPadded]. Units go in blocks of up to <see cref="MaxBlockVectors"/>
    /// vectors held in registers; each input value is broadcast against one kernel row of the block. With few vectors
    /// per block, the inputs are split over several accumulator sets (summed at the end) so enough independent
    /// multiply-add chains are in flight to hide their latency.
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
            w.Line($"private const int Inputs = {I(layer.InputShape.Channels)}, Units = {I(units)}, UnitsPadded = {I(plan.PaddedUnits)};");
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
                    string call = $"Block{block.Tag}_{width.Suffix}(ref input, ref Unsafe.Add(ref output, oc), ref Unsafe.Add(ref kernel, oc), ref Unsafe.Add(ref bias, oc));";
                    using (w.For("oc", block.FirstChannel, block.FirstChannel + (block.Count * block.Width), block.Width))
                    {
                        w.Line(call);
                    }
                }
            }

            foreach (ChannelBlock block in blocks)
            {
                w.Line();
                EmitBlock(w, s, block, width);
            }
        }

        private static void EmitBlock(CodeWriter w, LayerSpec s, ChannelBlock block, VectorWidth width)
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
                    using (w.Block($"for (; i <= Inputs - {I(sets)}; i += {I(sets)}, kAt += {I(sets)} * UnitsPadded)"))
                    {
                        for (int u = 0; u < sets; u++)
                        {
                            Step(w, block, width, u, Plus("i", I(u)), Plus("kAt", Times(u, "UnitsPadded")), declare: u == 0);
                        }
                    }
                }

                using (w.Block("for (; i < Inputs; i++, kAt += UnitsPadded)"))
                {
                    Step(w, block, width, 0, "i", "kAt", declare: true);
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

        private static void Step(CodeWriter w, ChannelBlock block, VectorWidth width, int set, string input, string row, bool declare)
        {
            w.Line($"{(declare ? width.Type + " " : string.Empty)}v = {width.Static}.Create(Unsafe.Add(ref input, {input}));");
            for (int j = 0; j < block.Vectors; j++)
            {
                string offset = Plus(row, I(j * width.Lanes));
                w.Line($"a{I(set)}_{I(j)} = {width.Static}.MultiplyAddEstimate(v, {width.Static}.LoadUnsafe(ref Unsafe.Add(ref kernel, {offset})), a{I(set)}_{I(j)});");
            }
        }
    }
}
