using System.Collections.Generic;
using static ConvGen.Generator.Emitting.CodeWriter;

namespace ConvGen.Generator.Emitting
{
    /// <summary>
    /// Activations: most are fused into the producing layer's registers (the exp-based ReLU6-to-GELU family through small
    /// inlined helpers using Vector128.Exp); Sigmoid, Tanh and Softmax run as a pass over the layer's output through a
    /// shared helper. Helpers are emitted once per class, only for the activations the network uses.
    /// </summary>
    internal static class ActivationEmitter
    {
        /// <summary>The activation applied to a Vector128&lt;float&gt; expression, or null when it needs a separate pass.</summary>
        public static string? InRegister(Activation activation, float slope, string v) => activation switch
        {
            Activation.Linear => v,
            Activation.ReLU => $"Vector128.Max({v}, Vector128<float>.Zero)",
            Activation.LeakyReLU => $"Vector128.ConditionalSelect(Vector128.GreaterThanOrEqual({v}, Vector128<float>.Zero), {v}, {v} * {F(slope)})",
            Activation.ReLU6 => $"Vector128.Min(Vector128.Max({v}, Vector128<float>.Zero), Vector128.Create(6f))",
            _ => Helper(activation, slope, v),
        };

        /// <summary>The activation applied to a float expression, or null when it needs a separate pass.</summary>
        public static string? InRegisterScalar(Activation activation, float slope, string v) => activation switch
        {
            Activation.Linear => v,
            Activation.ReLU => $"MathF.Max({v}, 0f)",
            Activation.LeakyReLU => $"({v} >= 0f ? {v} : {v} * {F(slope)})",
            Activation.ReLU6 => $"Math.Clamp({v}, 0f, 6f)",
            _ => Helper(activation, slope, v),
        };

        /// <summary>A call of the helper (vector and scalar overloads) that computes the activation, or null for the pass activations.</summary>
        private static string? Helper(Activation activation, float slope, string v) => activation switch
        {
            Activation.HardSigmoid => $"HardSigmoid({v})",
            Activation.HardSwish => $"HardSwish({v})",
            Activation.Swish => $"Swish({v})",
            Activation.ELU => $"Elu({v}, {F(slope)})",
            Activation.GELUTanh => $"GeluTanh({v})",
            Activation.GELUErf => $"GeluErf({v})",
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
            EmitInRegisterHelpers(w, used);
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

        /// <summary>The in-register helpers: Vector128/256/512 and float overloads with the same formula.</summary>
        private static void EmitInRegisterHelpers(CodeWriter w, ICollection<Activation> used)
        {
            const string V = "Vector128<float>";
            bool hardSigmoid = used.Contains(Activation.HardSigmoid) || used.Contains(Activation.HardSwish);
            if (hardSigmoid)
            {
                Pair(w, "relu6(x + 3) / 6 (Keras 3 hard_sigmoid).", "HardSigmoid", string.Empty,
                    $"Vector128.Min(Vector128.Max(x + Vector128.Create(3f), {V}.Zero), Vector128.Create(6f)) / Vector128.Create(6f)",
                    "Math.Clamp(x + 3f, 0f, 6f) / 6f");
            }

            if (used.Contains(Activation.HardSwish))
            {
                Pair(w, "x * relu6(x + 3) / 6 (Keras hard_swish).", "HardSwish", string.Empty, "x * HardSigmoid(x)", "x * HardSigmoid(x)");
            }

            if (used.Contains(Activation.Swish))
            {
                Pair(w, "x * sigmoid(x) (Keras swish / silu).", "Swish", string.Empty, $"x / ({V}.One + Vector128.Exp(-x))", "x / (1f + MathF.Exp(-x))");
            }

            if (used.Contains(Activation.ELU))
            {
                Pair(w, "x if x &gt; 0, else alpha * (e^x - 1) (Keras elu).", "Elu", ", float alpha",
                    $"Vector128.ConditionalSelect(Vector128.GreaterThan(x, {V}.Zero), x, (Vector128.Exp(x) - {V}.One) * alpha)",
                    "x > 0f ? x : alpha * (MathF.Exp(x) - 1f)");
            }

            if (used.Contains(Activation.GELUTanh))
            {
                // 0.5x(1 + tanh(u)) = x * sigmoid(2u) = x / (1 + e^(-2u)), u = sqrt(2/pi)(x + 0.044715x^3): no tanh needed, no overflow to NaN.
                Pair(w, "GELU, tanh approximation: 0.5x(1 + tanh(sqrt(2/pi)(x + 0.044715x^3))), computed as x / (1 + e^(-2u)).", "GeluTanh", string.Empty,
                    $"x / ({V}.One + Vector128.Exp((x + x * x * x * 0.044715f) * -1.5957691216057308f))",
                    "x / (1f + MathF.Exp((x + x * x * x * 0.044715f) * -1.5957691216057308f))");
            }

            if (used.Contains(Activation.GELUErf))
            {
                // erf by Abramowitz and Stegun 7.1.26 (|error| <= 1.5e-7): erf(z) = 1 - t(a1 + t(a2 + t(a3 + t(a4 + t a5)))) e^(-z^2), t = 1 / (1 + p z).
                w.Line();
                foreach (string type in VectorTypes)
                {
                    string T = type + "<float>";
                    w.Line("/// <summary>GELU, exact (erf) form: 0.5x(1 + erf(x / sqrt 2)); erf by Abramowitz-Stegun 7.1.26, |error| &lt;= 1.5e-7.</summary>");
                    w.Line("[MethodImpl(MethodImplOptions.AggressiveInlining)]");
                    using (w.Block($"private static {T} GeluErf({T} x)"))
                    {
                        w.Line($"{T} z = {type}.Abs(x) * 0.70710678118654752f;");
                        w.Line($"{T} t = {T}.One / ({T}.One + z * 0.3275911f);");
                        w.Line($"{T} poly = t * ({type}.Create(0.254829592f) + t * ({type}.Create(-0.284496736f) + t * ({type}.Create(1.421413741f) + t * ({type}.Create(-1.453152027f) + t * 1.061405429f))));");
                        w.Line($"{T} erf = {T}.One - poly * {type}.Exp(-(z * z));");
                        w.Line($"return x * 0.5f * ({T}.One + {type}.ConditionalSelect({type}.LessThan(x, {T}.Zero), -erf, erf));");
                    }

                    w.Line();
                }

                w.Line("/// <summary>GELU, exact (erf) form, one value (same formula as the vector overload).</summary>");
                w.Line("[MethodImpl(MethodImplOptions.AggressiveInlining)]");
                using (w.Block("private static float GeluErf(float x)"))
                {
                    w.Line("float z = MathF.Abs(x) * 0.70710678118654752f;");
                    w.Line("float t = 1f / (1f + z * 0.3275911f);");
                    w.Line("float poly = t * (0.254829592f + t * (-0.284496736f + t * (1.421413741f + t * (-1.453152027f + t * 1.061405429f))));");
                    w.Line("float erf = 1f - poly * MathF.Exp(-(z * z));");
                    w.Line("return x * 0.5f * (1f + (x < 0f ? -erf : erf));");
                }
            }
        }

        /// <summary>The vector types the layer kernels use (see <see cref="VectorWidth"/>): every vector helper exists for each.</summary>
        private static readonly string[] VectorTypes = { "Vector128", "Vector256", "Vector512" };

        private static void Pair(CodeWriter w, string doc, string name, string extraParameter, string vector, string scalar)
        {
            foreach (string type in VectorTypes)
            {
                w.Line();
                w.Line($"/// <summary>{doc}</summary>");
                w.Line("[MethodImpl(MethodImplOptions.AggressiveInlining)]");
                w.Line($"private static {type}<float> {name}({type}<float> x{extraParameter}) => {vector.Replace("Vector128", type)};");
            }

            w.Line();
            w.Line($"/// <summary>{doc}</summary>");
            w.Line("[MethodImpl(MethodImplOptions.AggressiveInlining)]");
            w.Line($"private static float {name}(float x{extraParameter}) => {scalar};");
        }
    }
}
