using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace ConvGen.Kernels
{
    /// <summary>
    /// The activations the generated kernels apply in registers through a helper (the exp-based family and the hard
    /// sigmoid), each for Vector128, Vector256, Vector512 and one float with the same formula, inlined into the caller.
    /// One copy per assembly instead of one per network. Called by generated code; not meant to be called directly.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class Activations
    {
        /// <summary>relu6(x + 3) / 6 (Keras 3 hard_sigmoid).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> HardSigmoid(Vector128<float> x) => Vector128.Min(Vector128.Max(x + Vector128.Create(3f), Vector128<float>.Zero), Vector128.Create(6f)) / Vector128.Create(6f);

        /// <summary>relu6(x + 3) / 6 (Keras 3 hard_sigmoid).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> HardSigmoid(Vector256<float> x) => Vector256.Min(Vector256.Max(x + Vector256.Create(3f), Vector256<float>.Zero), Vector256.Create(6f)) / Vector256.Create(6f);

        /// <summary>relu6(x + 3) / 6 (Keras 3 hard_sigmoid).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> HardSigmoid(Vector512<float> x) => Vector512.Min(Vector512.Max(x + Vector512.Create(3f), Vector512<float>.Zero), Vector512.Create(6f)) / Vector512.Create(6f);

        /// <summary>relu6(x + 3) / 6 (Keras 3 hard_sigmoid).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float HardSigmoid(float x) => Math.Clamp(x + 3f, 0f, 6f) / 6f;

        /// <summary>x * relu6(x + 3) / 6 (Keras hard_swish).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> HardSwish(Vector128<float> x) => x * HardSigmoid(x);

        /// <summary>x * relu6(x + 3) / 6 (Keras hard_swish).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> HardSwish(Vector256<float> x) => x * HardSigmoid(x);

        /// <summary>x * relu6(x + 3) / 6 (Keras hard_swish).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> HardSwish(Vector512<float> x) => x * HardSigmoid(x);

        /// <summary>x * relu6(x + 3) / 6 (Keras hard_swish).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float HardSwish(float x) => x * HardSigmoid(x);

        /// <summary>x * sigmoid(x) (Keras swish / silu).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> Swish(Vector128<float> x) => x / (Vector128<float>.One + FastExp.Exp(-x));

        /// <summary>x * sigmoid(x) (Keras swish / silu).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Swish(Vector256<float> x) => x / (Vector256<float>.One + FastExp.Exp(-x));

        /// <summary>x * sigmoid(x) (Keras swish / silu).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Swish(Vector512<float> x) => x / (Vector512<float>.One + FastExp.Exp(-x));

        /// <summary>x * sigmoid(x) (Keras swish / silu).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Swish(float x) => x / (1f + MathF.Exp(-x));

        /// <summary>x if x &gt; 0, else alpha * (e^x - 1) (Keras elu).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> Elu(Vector128<float> x, float alpha) => Vector128.ConditionalSelect(Vector128.GreaterThan(x, Vector128<float>.Zero), x, (FastExp.Exp(x) - Vector128<float>.One) * alpha);

        /// <summary>x if x &gt; 0, else alpha * (e^x - 1) (Keras elu).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Elu(Vector256<float> x, float alpha) => Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<float>.Zero), x, (FastExp.Exp(x) - Vector256<float>.One) * alpha);

        /// <summary>x if x &gt; 0, else alpha * (e^x - 1) (Keras elu).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Elu(Vector512<float> x, float alpha) => Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512<float>.Zero), x, (FastExp.Exp(x) - Vector512<float>.One) * alpha);

        /// <summary>x if x &gt; 0, else alpha * (e^x - 1) (Keras elu).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Elu(float x, float alpha) => x > 0f ? x : alpha * (MathF.Exp(x) - 1f);

        // GELU, tanh form: 0.5x(1 + tanh(u)) = x * sigmoid(2u) = x / (1 + e^(-2u)), u = sqrt(2/pi)(x + 0.044715x^3): no tanh needed, no overflow to NaN.

        /// <summary>GELU, tanh approximation: 0.5x(1 + tanh(sqrt(2/pi)(x + 0.044715x^3))), computed as x / (1 + e^(-2u)).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> GeluTanh(Vector128<float> x) => x / (Vector128<float>.One + FastExp.Exp((x + x * x * x * 0.044715f) * -1.5957691216057308f));

        /// <summary>GELU, tanh approximation: 0.5x(1 + tanh(sqrt(2/pi)(x + 0.044715x^3))), computed as x / (1 + e^(-2u)).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> GeluTanh(Vector256<float> x) => x / (Vector256<float>.One + FastExp.Exp((x + x * x * x * 0.044715f) * -1.5957691216057308f));

        /// <summary>GELU, tanh approximation: 0.5x(1 + tanh(sqrt(2/pi)(x + 0.044715x^3))), computed as x / (1 + e^(-2u)).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> GeluTanh(Vector512<float> x) => x / (Vector512<float>.One + FastExp.Exp((x + x * x * x * 0.044715f) * -1.5957691216057308f));

        /// <summary>GELU, tanh approximation: 0.5x(1 + tanh(sqrt(2/pi)(x + 0.044715x^3))), computed as x / (1 + e^(-2u)).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float GeluTanh(float x) => x / (1f + MathF.Exp((x + x * x * x * 0.044715f) * -1.5957691216057308f));

        // GELU, erf form: erf by Abramowitz and Stegun 7.1.26 (|error| <= 1.5e-7):
        // erf(z) = 1 - t(a1 + t(a2 + t(a3 + t(a4 + t a5)))) e^(-z^2), t = 1 / (1 + p z).

        /// <summary>GELU, exact (erf) form: 0.5x(1 + erf(x / sqrt 2)); erf by Abramowitz-Stegun 7.1.26, |error| &lt;= 1.5e-7.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> GeluErf(Vector128<float> x)
        {
            Vector128<float> z = Vector128.Abs(x) * 0.70710678118654752f;
            Vector128<float> t = Vector128<float>.One / (Vector128<float>.One + z * 0.3275911f);
            Vector128<float> poly = t * (Vector128.Create(0.254829592f) + t * (Vector128.Create(-0.284496736f) + t * (Vector128.Create(1.421413741f) + t * (Vector128.Create(-1.453152027f) + t * 1.061405429f))));
            Vector128<float> erf = Vector128<float>.One - poly * FastExp.Exp(-(z * z));
            return x * 0.5f * (Vector128<float>.One + Vector128.ConditionalSelect(Vector128.LessThan(x, Vector128<float>.Zero), -erf, erf));
        }

        /// <summary>GELU, exact (erf) form: 0.5x(1 + erf(x / sqrt 2)); erf by Abramowitz-Stegun 7.1.26, |error| &lt;= 1.5e-7.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> GeluErf(Vector256<float> x)
        {
            Vector256<float> z = Vector256.Abs(x) * 0.70710678118654752f;
            Vector256<float> t = Vector256<float>.One / (Vector256<float>.One + z * 0.3275911f);
            Vector256<float> poly = t * (Vector256.Create(0.254829592f) + t * (Vector256.Create(-0.284496736f) + t * (Vector256.Create(1.421413741f) + t * (Vector256.Create(-1.453152027f) + t * 1.061405429f))));
            Vector256<float> erf = Vector256<float>.One - poly * FastExp.Exp(-(z * z));
            return x * 0.5f * (Vector256<float>.One + Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256<float>.Zero), -erf, erf));
        }

        /// <summary>GELU, exact (erf) form: 0.5x(1 + erf(x / sqrt 2)); erf by Abramowitz-Stegun 7.1.26, |error| &lt;= 1.5e-7.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> GeluErf(Vector512<float> x)
        {
            Vector512<float> z = Vector512.Abs(x) * 0.70710678118654752f;
            Vector512<float> t = Vector512<float>.One / (Vector512<float>.One + z * 0.3275911f);
            Vector512<float> poly = t * (Vector512.Create(0.254829592f) + t * (Vector512.Create(-0.284496736f) + t * (Vector512.Create(1.421413741f) + t * (Vector512.Create(-1.453152027f) + t * 1.061405429f))));
            Vector512<float> erf = Vector512<float>.One - poly * FastExp.Exp(-(z * z));
            return x * 0.5f * (Vector512<float>.One + Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512<float>.Zero), -erf, erf));
        }

        /// <summary>GELU, exact (erf) form, one value (same formula as the vector overloads).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float GeluErf(float x)
        {
            float z = MathF.Abs(x) * 0.70710678118654752f;
            float t = 1f / (1f + z * 0.3275911f);
            float poly = t * (0.254829592f + t * (-0.284496736f + t * (1.421413741f + t * (-1.453152027f + t * 1.061405429f))));
            float erf = 1f - poly * MathF.Exp(-(z * z));
            return x * 0.5f * (1f + (x < 0f ? -erf : erf));
        }
    }
}
