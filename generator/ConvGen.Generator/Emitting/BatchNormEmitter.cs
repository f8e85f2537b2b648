using System;
using System.Collections.Generic;
using ConvGen.Generator.Planning;
using static ConvGen.Generator.Emitting.CodeWriter;

namespace ConvGen.Generator.Emitting
{
    /// <summary>
    /// A BatchNormalization that could not be folded into the layer before it: y = x * scale + shift per channel, with
    /// scale and shift precomputed by the constructor (packed as the step's "kernel" and "bias").
    /// </summary>
    internal sealed class BatchNormEmitter : LayerKernelEmitter
    {
        public override IReadOnlyList<LayerKind> Kinds { get; } = KindList(LayerKind.BatchNormalization);

        protected override string Describe(LayerAnalysis l) => "per-channel scale and shift (gamma / sqrt(variance + epsilon), beta - mean * scale)";

        protected override void EmitMembers(CodeWriter w, LayerPlan plan)
        {
            TensorShape shape = plan.Layer.OutputShape;
            w.Line($"private const int Pixels = {I(shape.Length / shape.Channels)}, Channels = {I(shape.Channels)};");
            w.Line();
            w.Line("/// <summary>Computes the whole layer.</summary>");
            using IDisposable run = w.Block("public static void Run(ref float input, ref float output, ref float scale, ref float shift)");
            using (w.For("p", 0, (int)(shape.Length / shape.Channels), toText: "Pixels"))
            {
                w.Line("int at = p * Channels, c = 0;");
                if (shape.Channels >= 4)
                {
                    using (w.Block("for (; c <= Channels - 4; c += 4)"))
                    {
                        w.Line("Vector128<float> x = Vector128.LoadUnsafe(ref input, (nuint)(at + c));");
                        w.Line("Vector128.MultiplyAddEstimate(x, Vector128.LoadUnsafe(ref scale, (nuint)c), Vector128.LoadUnsafe(ref shift, (nuint)c)).StoreUnsafe(ref output, (nuint)(at + c));");
                    }
                }

                if (shape.Channels % 4 != 0)
                {
                    using (w.Block("for (; c < Channels; c++)"))
                    {
                        w.Line("Unsafe.Add(ref output, at + c) = MathF.FusedMultiplyAdd(Unsafe.Add(ref input, at + c), Unsafe.Add(ref scale, c), Unsafe.Add(ref shift, c));");
                    }
                }
            }
        }
    }
}
