// Add and Concatenate's generator code, in one file: the inference kernel (MergeEmitter, namespace Emitting) and the
// training passes (AddTraining, ConcatenateTraining, namespace Training). Both are found by the kinds they declare.

namespace ConvGen.Generator.Emitting
{
    using System;
    using System.Collections.Generic;
    using System.Linq;
    using ConvGen.Generator.Planning;
    using static ConvGen.Generator.Emitting.CodeWriter;

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

namespace ConvGen.Generator.Training
{
    using System.Collections.Generic;
    using ConvGen.Generator.Emitting;
    using static ConvGen.Generator.Emitting.CodeWriter;
    using static ConvGen.Generator.Training.TrainingCode;

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
