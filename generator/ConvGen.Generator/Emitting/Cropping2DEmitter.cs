// Cropping2D's generator code, in one file: the inference kernel (Cropping2DEmitter, namespace Emitting) and the
// training passes (Cropping2DTraining, namespace Training). Both are found by the kinds they declare.

namespace ConvGen.Generator.Emitting
{
    using System;
    using System.Collections.Generic;
    using System.Globalization;
    using ConvGen.Generator.Planning;
    using static ConvGen.Generator.Emitting.CodeWriter;

    /// <summary>Cropping2D: copies the kept part of each kept input row (output W * C contiguous floats) to its output row; one block copy when whole rows are kept.</summary>
    internal sealed class Cropping2DEmitter : LayerKernelEmitter
    {
        public override IReadOnlyList<LayerKind> Kinds { get; } = KindList(LayerKind.Cropping2D);

        protected override string Describe(LayerAnalysis l) => string.Format(CultureInfo.InvariantCulture,
            "rows and columns removed: top {0}, bottom {1}, left {2}, right {3}", l.PadTop, l.PadBottom, l.PadLeft, l.PadRight);

        protected override void EmitMembers(CodeWriter w, LayerPlan plan)
        {
            LayerAnalysis layer = plan.Layer;
            TensorShape input = layer.InputShape, output = layer.OutputShape;
            if (layer.PadLeft == 0 && layer.PadRight == 0)
            {
                w.Line("/// <summary>Computes the whole layer.</summary>");
                // Whole rows kept: the output is one contiguous block of the input.
                w.Line($"public static void Run(ref float input, ref float output) => MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref input, {I(layer.PadTop * input.Width * input.Channels)}), {I(output.Length)}).CopyTo(MemoryMarshal.CreateSpan(ref output, {I(output.Length)}));");
                return;
            }

            w.Line($"private const int OutputHeight = {I(output.Height)}, InputRowLength = {I(input.Width * input.Channels)}, RowLength = {I(output.Width * output.Channels)};");
            w.Line($"private const int CropTop = {I(layer.PadTop)}, CropLeft = {I(layer.PadLeft)}, Channels = {I(input.Channels)};");
            w.Line();
            w.Line("/// <summary>Computes the whole layer.</summary>");
            using IDisposable run = w.Block("public static void Run(ref float input, ref float output)");
            using (w.For("oy", 0, output.Height, toText: "OutputHeight"))
            {
                w.Line("ReadOnlySpan<float> row = MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref input, (oy + CropTop) * InputRowLength + CropLeft * Channels), RowLength);");
                w.Line("row.CopyTo(MemoryMarshal.CreateSpan(ref Unsafe.Add(ref output, oy * RowLength), RowLength));");
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

    /// <summary>Cropping2D: the kept part of each kept input row copied out; backward adds d into that window of dx (zero elsewhere).</summary>
    internal sealed class Cropping2DTraining : KindTraining
    {
        public override IReadOnlyList<LayerKind> Kinds { get; } = KindList(LayerKind.Cropping2D);

        public override void Forward(CodeWriter w, TrainingStep s)
        {
            int row = s.Out.Width * s.Out.Channels;
            using (w.Block($"for (int oy = 0; oy < {I(s.Out.Height)}; oy++)"))
            {
                w.Line($"x.Slice({Source(s)}, {I(row)}).CopyTo(z.Slice(oy * {I(row)}, {I(row)}));");
            }
        }

        public override void Backward(CodeWriter w, TrainingStep s)
        {
            int row = s.Out.Width * s.Out.Channels;
            using (w.Block("if (!wantX)"))
            {
                w.Line("return;");
            }

            // dx is cleared before the backward pass, so the cropped cells keep their zero gradient.
            using (w.Block($"for (int oy = 0; oy < {I(s.Out.Height)}; oy++)"))
            {
                Add(w, "d", $"oy * {I(row)}", "dx", Source(s), row);
            }
        }

        private static string Source(TrainingStep s) =>
            $"((oy + {I(s.Layer.PadTop)}) * {I(s.In.Width)} + {I(s.Layer.PadLeft)}) * {I(s.In.Channels)}";
    }
}
