using System;
using System.Collections.Generic;
using ConvGen.Generator.Planning;
using static ConvGen.Generator.Emitting.CodeWriter;

namespace ConvGen.Generator.Emitting
{
    /// <summary>GlobalAveragePooling2D and GlobalMaxPooling2D: [H, W, C] to [C], vectorized over channels, pixels in order.</summary>
    internal sealed class GlobalPoolingEmitter : LayerKernelEmitter
    {
        public override IReadOnlyList<LayerKind> Kinds { get; } = KindList(LayerKind.GlobalAveragePooling2D, LayerKind.GlobalMaxPooling2D);

        protected override string Describe(LayerAnalysis l) =>
            (l.Spec.Kind == LayerKind.GlobalMaxPooling2D ? "maximum" : "mean") + " of each channel over all pixels";

        protected override void EmitMembers(CodeWriter w, LayerPlan plan)
        {
            bool max = plan.Layer.Spec.Kind == LayerKind.GlobalMaxPooling2D;
            TensorShape input = plan.Layer.InputShape;
            w.Line($"private const int Pixels = {I(input.Height * input.Width)}, Channels = {I(input.Channels)};");
            w.Line();
            w.Line("/// <summary>Computes the whole layer.</summary>");
            using IDisposable run = w.Block("public static void Run(ref float input, ref float output)");
            w.Line("int c = 0;");
            if (input.Channels >= 4)
            {
                using (w.Block("for (; c <= Channels - 4; c += 4)"))
                {
                    w.Line(max ? "Vector128<float> acc = Vector128.Create(float.NegativeInfinity);" : "Vector128<float> acc = Vector128<float>.Zero;");
                    using (w.For("p", 0, input.Height * input.Width, toText: "Pixels"))
                    {
                        w.Line("Vector128<float> v = Vector128.LoadUnsafe(ref input, (nuint)(p * Channels + c));");
                        w.Line(max ? "acc = Vector128.Max(acc, v);" : "acc += v;");
                    }

                    w.Line(max ? "acc.StoreUnsafe(ref output, (nuint)c);" : "(acc / Vector128.Create((float)Pixels)).StoreUnsafe(ref output, (nuint)c);");
                }
            }

            if (input.Channels % 4 != 0)
            {
                using (w.Block("for (; c < Channels; c++)"))
                {
                    w.Line(max ? "float acc = float.NegativeInfinity;" : "float acc = 0f;");
                    using (w.For("p", 0, input.Height * input.Width, toText: "Pixels"))
                    {
                        w.Line("float v = Unsafe.Add(ref input, p * Channels + c);");
                        w.Line(max ? "acc = MathF.Max(acc, v);" : "acc += v;");
                    }

                    w.Line(max ? "Unsafe.Add(ref output, c) = acc;" : "Unsafe.Add(ref output, c) = acc / Pixels;");
                }
            }
        }
    }
}
