using System.Collections.Generic;
using static ConvGen.Generator.Emitting.CodeWriter;

namespace ConvGen.Generator.Emitting
{
    /// <summary>
    /// Activations: cheap ones are fused into the producing layer's registers; the transcendental ones
    /// (Sigmoid, Tanh, Softmax) run as a pass over the layer's output through a shared helper, emitted once per class.
    /// </summary>
    internal static class ActivationEmitter
    {
        /// <summary>The activation applied to a Vector128&lt;float&gt; expression, or null when it needs a separate pass.</summary>
        public static string? InRegister(Activation activation, float slope, string v) => activation switch
        {
            Activation.Linear => v,
            Activation.ReLU => $"Vector128.Max({v}, Vector128<float>.Zero)",
            Activation.LeakyReLU => $"Vector128.ConditionalSelect(Vector128.GreaterThanOrEqual({v}, Vector128<float>.Zero), {v}, {v} * {F(slope)})",
            _ => null,
        };

        /// <summary>The activation applied to a float expression, or null when it needs a separate pass.</summary>
        public static string? InRegisterScalar(Activation activation, float slope, string v) => activation switch
        {
            Activation.Linear => v,
            Activation.ReLU => $"MathF.Max({v}, 0f)",
            Activation.LeakyReLU => $"({v} >= 0f ? {v} : {v} * {F(slope)})",
            _ => null,
        };

        /// <summary>The statement that applies a pass activation in place over a whole tensor, or null.</summary>
        public static string? Pass(Activation activation, string target, TensorShape shape) => activation switch
        {
            Activation.Sigmoid => $"ApplySigmoid(ref {target}, {I(shape.Length)});",
            Activation.Tanh => $"ApplyTanh(ref {target}, {I(shape.Length)});",
            Activation.Softmax => $"ApplySoftmax(ref {target}, {I(shape.Length / shape.Channels)}, {I(shape.Channels)});",
            _ => null,
        };

        /// <summary>Writes the pass helpers the network uses, in a fixed order so output is deterministic.</summary>
        public static void EmitHelpers(CodeWriter w, ICollection<Activation> used)
        {
            if (used.Contains(Activation.Sigmoid))
            {
                w.Line();
                w.Line("/// <summary>x = 1 / (1 + e^-x), in place.</summary>");
                using (w.Block("private static void ApplySigmoid(ref float data, int length)"))
                using (w.Block("for (int i = 0; i < length; i++)"))
                {
                    w.Line("ref float x = ref Unsafe.Add(ref data, i);");
                    w.Line("x = 1f / (1f + MathF.Exp(-x));");
                }
            }

            if (used.Contains(Activation.Tanh))
            {
                w.Line();
                w.Line("/// <summary>x = tanh(x), in place.</summary>");
                using (w.Block("private static void ApplyTanh(ref float data, int length)"))
                using (w.Block("for (int i = 0; i < length; i++)"))
                {
                    w.Line("ref float x = ref Unsafe.Add(ref data, i);");
                    w.Line("x = MathF.Tanh(x);");
                }
            }

            if (used.Contains(Activation.Softmax))
            {
                w.Line();
                w.Line("/// <summary>Softmax over the last axis of each of <paramref name=\"groups\"/> rows of <paramref name=\"channels\"/> values, in place (max subtracted for stability).</summary>");
                using (w.Block("private static void ApplySoftmax(ref float data, int groups, int channels)"))
                using (w.Block("for (int g = 0; g < groups; g++)"))
                {
                    w.Line("ref float row = ref Unsafe.Add(ref data, g * channels);");
                    w.Line("float max = float.NegativeInfinity;");
                    using (w.Block("for (int c = 0; c < channels; c++)"))
                    {
                        w.Line("max = MathF.Max(max, Unsafe.Add(ref row, c));");
                    }

                    w.Line("float sum = 0f;");
                    using (w.Block("for (int c = 0; c < channels; c++)"))
                    {
                        w.Line("ref float x = ref Unsafe.Add(ref row, c);");
                        w.Line("x = MathF.Exp(x - max);");
                        w.Line("sum += x;");
                    }

                    using (w.Block("for (int c = 0; c < channels; c++)"))
                    {
                        w.Line("Unsafe.Add(ref row, c) /= sum;");
                    }
                }
            }
        }
    }
}
