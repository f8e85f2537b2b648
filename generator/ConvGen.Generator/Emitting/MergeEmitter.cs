using System;
using System.Collections.Generic;
using System.Linq;
using ConvGen.Generator.Planning;
using static ConvGen.Generator.Emitting.CodeWriter;

namespace ConvGen.Generator.Emitting
{
    /// <summary>Add (element-wise sum, vectorized) and Concatenate (per pixel, each input's channels copied in order).</summary>
    internal sealed class MergeEmitter : LayerKernelEmitter
    {
        public override IReadOnlyList<LayerKind> Kinds { get; } = KindList(LayerKind.Add, LayerKind.Concatenate);

        protected override string Describe(LayerAnalysis l) => l.Spec.Kind == LayerKind.Add
            ? "element-wise sum of " + string.Join(", ", l.Spec.Inputs)
            : "channels of " + string.Join(", ", l.Spec.Inputs) + ", in that order";

        protected override void EmitMembers(CodeWriter w, LayerPlan plan)
        {
            LayerAnalysis layer = plan.Layer;
            int count = layer.InputShapes.Count;
            string parameters = string.Join(", ", Enumerable.Range(0, count).Select(k => $"ref float input{I(k)}")) + ", ref float output";
            if (layer.Spec.Kind == LayerKind.Add)
            {
                w.Line($"private const int Length = {I(layer.OutputShape.Length)};");
                w.Line();
                w.Line("/// <summary>Computes the whole layer.</summary>");
                using IDisposable run = w.Block($"public static void Run({parameters})");
                w.Line("int i = 0;");
                using (w.Block("for (; i <= Length - 4; i += 4)"))
                {
                    string sum = string.Join(" + ", Enumerable.Range(0, count).Select(k => $"Vector128.LoadUnsafe(ref input{I(k)}, (nuint)i)"));
                    w.Line($"({sum}).StoreUnsafe(ref output, (nuint)i);");
                }

                using (w.Block("for (; i < Length; i++)"))
                {
                    w.Line($"Unsafe.Add(ref output, i) = {string.Join(" + ", Enumerable.Range(0, count).Select(k => $"Unsafe.Add(ref input{I(k)}, i)"))};");
                }

                return;
            }

            TensorShape output = layer.OutputShape;
            w.Line($"private const int Pixels = {I(output.Length / output.Channels)}, OutputChannels = {I(output.Channels)};");
            w.Line();
            w.Line("/// <summary>Computes the whole layer.</summary>");
            using IDisposable concat = w.Block($"public static void Run({parameters})");
            using (w.For("p", 0, (int)(output.Length / output.Channels), toText: "Pixels"))
            {
                w.Line("ref float dst = ref Unsafe.Add(ref output, p * OutputChannels);");
                int offset = 0;
                for (int k = 0; k < count; k++)
                {
                    int channels = layer.InputShapes[k].Channels;
                    w.Line($"MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref input{I(k)}, {Times("p", I(channels))}), {I(channels)}).CopyTo(MemoryMarshal.CreateSpan({Ref("dst", I(offset))}, {I(channels)}));");
                    offset += channels;
                }
            }
        }
    }
}
