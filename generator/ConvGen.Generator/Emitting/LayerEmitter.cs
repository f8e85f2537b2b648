using System;
using System.Globalization;
using static ConvGen.Generator.Emitting.CodeWriter;

namespace ConvGen.Generator.Emitting
{
    /// <summary>Dispatches a layer to its emitter and writes the standalone activation layer and the one-line descriptions.</summary>
    internal static class LayerEmitter
    {
        public static void Emit(CodeWriter w, LayerPlan plan)
        {
            switch (plan.Layer.Spec.Kind)
            {
                case LayerKind.Conv2D:
                    ConvolutionEmitter.Emit(w, plan);
                    break;
                case LayerKind.MaxPool2D:
                case LayerKind.AvgPool2D:
                    PoolingEmitter.Emit(w, plan);
                    break;
                case LayerKind.Dense:
                    DenseEmitter.Emit(w, plan);
                    break;
                case LayerKind.Activation:
                    EmitActivationLayer(w, plan);
                    break;
            }
        }

        /// <summary>The arguments Run passes to the layer's method (after input and output).</summary>
        public static string WeightArguments(LayerPlan plan)
        {
            if (plan.PackedKernelOffset < 0)
            {
                return string.Empty;
            }

            string bias = plan.PackedBiasOffset < 0 ? "ref w" : $"ref Unsafe.Add(ref w, {I(plan.PackedBiasOffset)})";
            return $", ref Unsafe.Add(ref w, {I(plan.PackedKernelOffset)}), {bias}";
        }

        /// <summary>One line that says what the layer computes, e.g. "conv2d: 16 filters 3x3, stride 1, same padding (1, 1, 1, 1), ReLU; [28, 28, 3] -> [28, 28, 16]".</summary>
        public static string Describe(LayerPlan plan)
        {
            LayerAnalysis l = plan.Layer;
            LayerSpec s = l.Spec;
            string what = s.Kind switch
            {
                LayerKind.Conv2D => string.Format(CultureInfo.InvariantCulture,
                    "{0} filters {1}x{2}, stride {3}x{4}, dilation {5}x{6}, {7} padding (top {8}, bottom {9}, left {10}, right {11}){12}, {13}",
                    s.Units, s.KernelHeight, s.KernelWidth, s.StrideHeight, s.StrideWidth, s.DilationHeight, s.DilationWidth,
                    s.Padding == Padding.Same ? "same" : "valid", l.PadTop, l.PadBottom, l.PadLeft, l.PadRight,
                    s.UseBias ? " + bias" : string.Empty, ActivationText(s)),
                LayerKind.MaxPool2D or LayerKind.AvgPool2D => string.Format(CultureInfo.InvariantCulture,
                    "{0} of each {1}x{2} window, stride {3}x{4}, {5} padding (top {6}, bottom {7}, left {8}, right {9})",
                    s.Kind == LayerKind.MaxPool2D ? "maximum" : "mean of the in-bounds cells", s.KernelHeight, s.KernelWidth,
                    s.StrideHeight, s.StrideWidth, s.Padding == Padding.Same ? "same" : "valid", l.PadTop, l.PadBottom, l.PadLeft, l.PadRight),
                LayerKind.Dense => string.Format(CultureInfo.InvariantCulture, "{0} units{1}, {2}", s.Units, s.UseBias ? " + bias" : string.Empty, ActivationText(s)),
                LayerKind.Activation => ActivationText(s),
                _ => LayerText.TypeName(s.Kind),
            };
            return $"{l.Name} ({LayerText.TypeName(s.Kind)}): {what}; {l.InputShape} -> {l.OutputShape}.";
        }

        private static string ActivationText(LayerSpec s) => s.Activation == Activation.LeakyReLU
            ? "LeakyReLU (slope " + s.NegativeSlope.ToString("R", CultureInfo.InvariantCulture) + ")"
            : s.Activation.ToString();

        private static void EmitActivationLayer(CodeWriter w, LayerPlan plan)
        {
            LayerSpec s = plan.Layer.Spec;
            TensorShape shape = plan.Layer.OutputShape;
            w.Line($"/// <summary>{Describe(plan)}</summary>");
            using (w.Block($"private static class {plan.Method}"))
            {
                w.Line($"private const int Length = {I(shape.Length)};");
                w.Line();
                w.Line("/// <summary>Computes the whole layer.</summary>");
                using IDisposable run = w.Block("public static void Run(ref float input, ref float output)");
                string? vector = ActivationEmitter.InRegister(s.Activation, s.NegativeSlope, "v");
                string? scalar = ActivationEmitter.InRegisterScalar(s.Activation, s.NegativeSlope, "v");
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
}
