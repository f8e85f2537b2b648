using System;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ConvGen
{
    /// <summary>
    /// Keras 3 <c>Adam</c> (no amsgrad). With t = iterations + 1:
    /// alpha = lr * sqrt(1 - beta2^t) / (1 - beta1^t), m += (g - m)(1 - beta1), v += (g^2 - v)(1 - beta2),
    /// (beta^t in float, 1 - beta as <see cref="Training.KerasFloat.OneMinus"/>)
    /// w -= m * alpha / (sqrt(v) + epsilon). Computed in float, in Keras' operation order.
    /// </summary>
    public class Adam : Optimizer
    {
        private readonly float _oneMinusBeta1, _oneMinusBeta2;

        /// <summary>Creates the optimizer with Keras' defaults.</summary>
        /// <exception cref="ArgumentOutOfRangeException">A learning rate that is negative or not finite, a beta outside [0, 1), or an epsilon that is not a finite number &gt; 0.</exception>
        public Adam(float learningRate = 0.001f, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-7f)
            : base(learningRate)
        {
            Beta1 = beta1 >= 0 && beta1 < 1 ? beta1 : throw new ArgumentOutOfRangeException(nameof(beta1), beta1, "beta1 must be in [0, 1).");
            Beta2 = beta2 >= 0 && beta2 < 1 ? beta2 : throw new ArgumentOutOfRangeException(nameof(beta2), beta2, "beta2 must be in [0, 1).");
            Epsilon = float.IsFinite(epsilon) && epsilon > 0
                ? epsilon
                : throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "epsilon must be a finite number > 0.");
            _oneMinusBeta1 = Training.KerasFloat.OneMinus(beta1);
            _oneMinusBeta2 = Training.KerasFloat.OneMinus(beta2);
        }

        /// <summary>Decay of the first moment.</summary>
        public float Beta1 { get; }

        /// <summary>Decay of the second moment.</summary>
        public float Beta2 { get; }

        /// <summary>Added to sqrt(v) (Keras' epsilon, 1e-7 by default; PyTorch's is 1e-8).</summary>
        public float Epsilon { get; }

        /// <inheritdoc />
        public override int StateSlots => 2;

        /// <inheritdoc />
        public override void Apply(Training.OptimizerState state, Span<float> parameters, ReadOnlySpan<float> gradients, int start, int length, float learningRate)
        {
            OptimizerChecks.Range(state, this, parameters, gradients, start, length);
            Span<float> w = parameters.Slice(start, length);
            BeforeAdam(w, learningRate);
            ReadOnlySpan<float> g = gradients.Slice(start, length);
            Span<float> m = state.Slots[0].AsSpan(start, length);
            Span<float> v = state.Slots[1].AsSpan(start, length);
            float t = state.Iterations + 1;
            float beta1Power = MathF.Pow(Beta1, t), beta2Power = MathF.Pow(Beta2, t);
            float alpha = learningRate * MathF.Sqrt(1 - beta2Power) / (1 - beta1Power);
            float oneMinusBeta1 = _oneMinusBeta1, oneMinusBeta2 = _oneMinusBeta2, epsilon = Epsilon;
            int k = 0;
            if (Vector256.IsHardwareAccelerated)
            {
                // The same operations in the same order, 8 at a time (no fused multiply-adds): equal to the loop below bit for bit.
                ref float wr = ref MemoryMarshal.GetReference(w);
                ref float gr = ref MemoryMarshal.GetReference(g);
                ref float mr = ref MemoryMarshal.GetReference(m);
                ref float vr = ref MemoryMarshal.GetReference(v);
                Vector256<float> b1 = Vector256.Create(oneMinusBeta1), b2 = Vector256.Create(oneMinusBeta2), a = Vector256.Create(alpha), e = Vector256.Create(epsilon);
                for (; k + 8 <= w.Length; k += 8)
                {
                    Vector256<float> gk = Vector256.LoadUnsafe(ref gr, (nuint)k);
                    Vector256<float> mk = Vector256.LoadUnsafe(ref mr, (nuint)k);
                    Vector256<float> vk = Vector256.LoadUnsafe(ref vr, (nuint)k);
                    mk += (gk - mk) * b1;
                    vk += (gk * gk - vk) * b2;
                    mk.StoreUnsafe(ref mr, (nuint)k);
                    vk.StoreUnsafe(ref vr, (nuint)k);
                    (Vector256.LoadUnsafe(ref wr, (nuint)k) - mk * a / (Vector256.Sqrt(vk) + e)).StoreUnsafe(ref wr, (nuint)k);
                }
            }

            for (; k < w.Length; k++)
            {
                m[k] += (g[k] - m[k]) * oneMinusBeta1;
                v[k] += (g[k] * g[k] - v[k]) * oneMinusBeta2;
                w[k] -= m[k] * alpha / (MathF.Sqrt(v[k]) + epsilon);
            }
        }

        /// <summary>Runs on the parameters before the Adam update (AdamW's decoupled weight decay).</summary>
        private protected virtual void BeforeAdam(Span<float> parameters, float learningRate)
        {
        }
    }
}
