// ZeroPadding2D's generator code, in one file: the inference kernel (ZeroPadding2DEmitter, namespace Emitting) and the
// training passes (ZeroPadding2DTraining, namespace Training). Both are found by the kinds they declare.

namespace ConvGen.Generator.Emitting
{
    using System;
    using System.Collections.Generic;
    using System.Globalization;
    using ConvGen.Generator.Planning;
    using static ConvGen.Generator.Emitting.CodeWriter;

    /// <summary>ZeroPadding2D: clears the output, then copies each input row (W * C contiguous floats) to its place.</summary>
    internal sealed class ZeroPadding2DEmitter : LayerKernelEmitter
    {
        public override IReadOnlyList<LayerKind> Kinds { get; } = KindList(LayerKind.ZeroPadding2D);

        protected override string Describe(LayerAnalysis l) => string.Format(CultureInfo.InvariantCulture,
            "zeros added: top {0}, bottom {1}, left {2}, right {3}", l.PadTop, l.PadBottom, l.PadLeft, l.PadRight);

        protected override void EmitMembers(CodeWriter w, LayerPlan plan)
        {
            LayerAnalysis layer = plan.Layer;
            TensorShape input = layer.InputShape, output = layer.OutputShape;
            w.Line($"private const int InputHeight = {I(input.Height)}, RowLength = {I(input.Width * input.Channels)}, OutputRowLength = {I(output.Width * output.Channels)};");
            w.Line($"private const int OutputLength = {I(output.Length)}, PadTop = {I(layer.PadTop)}, PadLeft = {I(layer.PadLeft)}, Channels = {I(input.Channels)};");
            w.Line();
            w.Line("/// <summary>Computes the whole layer.</summary>");
            using IDisposable run = w.Block("public static void Run(ref float input, ref float output)");
            w.Line("MemoryMarshal.CreateSpan(ref output, OutputLength).Clear();");
            using (w.For("iy", 0, input.Height, toText: "InputHeight"))
            {
                w.Line("ReadOnlySpan<float> row = MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref input, iy * RowLength), RowLength);");
                w.Line("row.CopyTo(MemoryMarshal.CreateSpan(ref Unsafe.Add(ref output, (iy + PadTop) * OutputRowLength + PadLeft * Channels), RowLength));");
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

    /// <summary>ZeroPadding2D: the input rows copied into a zero image; backward takes the interior of d.</summary>
    internal sealed class ZeroPadding2DTraining : KindTraining
    {
        public override IReadOnlyList<LayerKind> Kinds { get; } = KindList(LayerKind.ZeroPadding2D);

        public override void Forward(CodeWriter w, TrainingStep s)
        {
            int row = s.In.Width * s.In.Channels;
            w.Line("z.Clear();");
            using (w.Block($"for (int iy = 0; iy < {I(s.In.Height)}; iy++)"))
            {
                w.Line($"x.Slice(iy * {I(row)}, {I(row)}).CopyTo(z.Slice({Target(s)}, {I(row)}));");
            }
        }

        public override void Backward(CodeWriter w, TrainingStep s)
        {
            int row = s.In.Width * s.In.Channels;
            using (w.Block("if (!wantX)"))
            {
                w.Line("return;");
            }

            using (w.Block($"for (int iy = 0; iy < {I(s.In.Height)}; iy++)"))
            {
                Add(w, "d", Target(s), "dx", $"iy * {I(row)}", row);
            }
        }

        private static string Target(TrainingStep s) =>
            $"((iy + {I(s.Layer.PadTop)}) * {I(s.Out.Width)} + {I(s.Layer.PadLeft)}) * {I(s.Out.Channels)}";
    }
}
