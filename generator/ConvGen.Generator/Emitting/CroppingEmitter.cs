using System;
using System.Collections.Generic;
using ConvGen.Generator.Planning;
using static ConvGen.Generator.Emitting.CodeWriter;

namespace ConvGen.Generator.Emitting
{
    /// <summary>Cropping2D: copies the kept part of each kept input row (output W * C contiguous floats) to its output row; one block copy when whole rows are kept.</summary>
    internal sealed class CroppingEmitter : LayerKernelEmitter
    {
        public override IReadOnlyList<LayerKind> Kinds { get; } = KindList(LayerKind.Cropping2D);

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
