using System;
using System.Collections.Generic;
using System.Globalization;
using ConvGen.Generator.Planning;
using static ConvGen.Generator.Emitting.CodeWriter;

namespace ConvGen.Generator.Emitting
{
    /// <summary>ZeroPadding2D: clears the output, then copies each input row (W * C contiguous floats) to its place.</summary>
    internal sealed class ZeroPaddingEmitter : LayerKernelEmitter
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
