using System;
using ConvGen.Generator.Planning;
using static ConvGen.Generator.Emitting.CodeWriter;

namespace ConvGen.Generator.Emitting
{
    /// <summary>An Activation layer that could not run inside the layer before it: one pass over the tensor, in registers where possible.</summary>
    internal sealed class ActivationLayerEmitter : LayerKernelEmitter
    {
        public override System.Collections.Generic.IReadOnlyList<LayerKind> Kinds { get; } = KindList(LayerKind.Activation);

        protected override string Describe(LayerAnalysis l) => ActivationText(l.Spec);

        protected override void EmitMembers(CodeWriter w, LayerPlan plan)
        {
            LayerSpec s = plan.Layer.Spec;
            TensorShape shape = plan.Layer.OutputShape;
            w.Line($"private const int Length = {I(shape.Length)};");
            w.Line();
            w.Line("/// <summary>Computes the whole layer.</summary>");
            using IDisposable run = w.Block("public static void Run(ref float input, ref float output)");
            string? vector = ActivationEmitter.InRegister(s.Activation, s.ActivationCoefficient, "v");
            string? scalar = ActivationEmitter.InRegisterScalar(s.Activation, s.ActivationCoefficient, "v");
            if (vector is null || scalar is null)
            {
                w.Line("MemoryMarshal.CreateReadOnlySpan(ref input, Length).CopyTo(MemoryMarshal.CreateSpan(ref output, Length));");
                w.Line(ActivationEmitter.Pass(s.Activation, "output", shape)!);
                return;
            }

            w.Line("int i = 0;");
            using (w.Block("for (; i <= Length - 4; i += 4)"))
            {
                w.Line("Vector128<float> v = Vector128.LoadUnsafe(ref input, (nuint)i);");
                w.Line($"{vector}.StoreUnsafe(ref output, (nuint)i);");
            }

            using (w.Block("for (; i < Length; i++)"))
            {
                w.Line("float v = Unsafe.Add(ref input, i);");
                w.Line($"Unsafe.Add(ref output, i) = {scalar};");
            }
        }
    }
}
