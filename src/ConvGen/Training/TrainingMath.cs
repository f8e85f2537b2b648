using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ConvGen.Training
{
    /// <summary>
    /// Shape-independent helpers of the generated trainers, kept here once instead of in every network: vector
    /// primitives for the inner loops and each activation's derivative. Derivatives at kinks follow TensorFlow
    /// (ReLU and ReLU6 pass the gradient only strictly inside; LeakyReLU and ELU use the negative side at 0).
    /// </summary>
    public static partial class TrainingMath
    {
        /// <summary>y[i] += a * x[i].</summary>
        public static void Axpy(float a, ReadOnlySpan<float> x, Span<float> y)
        {
            if (y.Length < x.Length)
            {
                throw new ArgumentException("The destination is shorter than the source.", nameof(y));
            }

            ref float xr = ref MemoryMarshal.GetReference(x);
            ref float yr = ref MemoryMarshal.GetReference(y);
            int i = 0, n = x.Length;
            if (Vector.IsHardwareAccelerated && n >= Vector<float>.Count)
            {
                var va = new Vector<float>(a);
                for (; i <= n - Vector<float>.Count; i += Vector<float>.Count)
                {
                    Vector<float> vy = Vector.LoadUnsafe(ref yr, (nuint)i);
                    Vector<float> vx = Vector.LoadUnsafe(ref xr, (nuint)i);
                    (vy + va * vx).StoreUnsafe(ref yr, (nuint)i);
                }
            }

            for (; i < n; i++)
            {
                Unsafe.Add(ref yr, i) += a * Unsafe.Add(ref xr, i);
            }
        }

        /// <summary>z[i] += x[i] * y[i].</summary>
        public static void MultiplyAdd(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> z)
        {
            if (y.Length < x.Length || z.Length < x.Length)
            {
                throw new ArgumentException("The spans have different lengths.", nameof(z));
            }

            ref float xr = ref MemoryMarshal.GetReference(x);
            ref float yr = ref MemoryMarshal.GetReference(y);
            ref float zr = ref MemoryMarshal.GetReference(z);
            int i = 0, n = x.Length;
            if (Vector.IsHardwareAccelerated && n >= Vector<float>.Count)
            {
                for (; i <= n - Vector<float>.Count; i += Vector<float>.Count)
                {
                    Vector<float> vz = Vector.LoadUnsafe(ref zr, (nuint)i);
                    (vz + Vector.LoadUnsafe(ref xr, (nuint)i) * Vector.LoadUnsafe(ref yr, (nuint)i)).StoreUnsafe(ref zr, (nuint)i);
                }
            }

            for (; i < n; i++)
            {
                Unsafe.Add(ref zr, i) += Unsafe.Add(ref xr, i) * Unsafe.Add(ref yr, i);
            }
        }

        /// <summary>sum x[i] * y[i].</summary>
        public static float Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
        {
            if (y.Length < x.Length)
            {
                throw new ArgumentException("The spans have different lengths.", nameof(y));
            }

            ref float xr = ref MemoryMarshal.GetReference(x);
            ref float yr = ref MemoryMarshal.GetReference(y);
            int i = 0, n = x.Length;
            float sum = 0f;
            if (Vector.IsHardwareAccelerated && n >= Vector<float>.Count)
            {
                Vector<float> acc = Vector<float>.Zero;
                for (; i <= n - Vector<float>.Count; i += Vector<float>.Count)
                {
                    acc += Vector.LoadUnsafe(ref xr, (nuint)i) * Vector.LoadUnsafe(ref yr, (nuint)i);
                }

                sum = Vector.Sum(acc);
            }

            for (; i < n; i++)
            {
                sum += Unsafe.Add(ref xr, i) * Unsafe.Add(ref yr, i);
            }

            return sum;
        }

        /// <summary>y[i] += x[i].</summary>
        public static void Add(ReadOnlySpan<float> x, Span<float> y) => Axpy(1f, x, y);

        /// <summary>Keras' sigmoid.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Sigmoid(float z) => 1f / (1f + MathF.Exp(-z));

        /// <summary>Keras 3's hard sigmoid: relu6(z + 3) / 6.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float HardSigmoid(float z) => Math.Clamp(z + 3f, 0f, 6f) / 6f;

        /// <summary>Swish (SiLU): z * sigmoid(z).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Swish(float z) => z * Sigmoid(z);

        /// <summary>d swish / dz = s + z s (1 - s).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float SwishDerivative(float z)
        {
            float s = Sigmoid(z);
            return s + z * s * (1f - s);
        }

        /// <summary>Hard swish: z * relu6(z + 3) / 6.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float HardSwish(float z) => z * HardSigmoid(z);

        /// <summary>d hard swish / dz: 0 below -3, 1 above 3, (2z + 3) / 6 between.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float HardSwishDerivative(float z) => z <= -3f ? 0f : z >= 3f ? 1f : (2f * z + 3f) / 6f;

        /// <summary>ELU with <paramref name="alpha"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Elu(float z, float alpha) => z > 0f ? z : alpha * (MathF.Exp(z) - 1f);

        private const float SqrtTwoOverPi = 0.7978845608f;

        /// <summary>GELU, tanh approximation.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float GeluTanh(float z) => 0.5f * z * (1f + MathF.Tanh(SqrtTwoOverPi * (z + 0.044715f * z * z * z)));

        /// <summary>d GELU(tanh) / dz.</summary>
        public static float GeluTanhDerivative(float z)
        {
            float t = MathF.Tanh(SqrtTwoOverPi * (z + 0.044715f * z * z * z));
            return 0.5f * (1f + t) + 0.5f * z * (1f - t * t) * SqrtTwoOverPi * (1f + 3f * 0.044715f * z * z);
        }

        /// <summary>GELU, exact: z * Phi(z).</summary>
        public static float GeluErf(float z) => (float)(0.5 * z * (1.0 + Erf(z / Math.Sqrt(2.0))));

        /// <summary>d GELU(erf) / dz = Phi(z) + z phi(z).</summary>
        public static float GeluErfDerivative(float z)
        {
            double x = z;
            return (float)(0.5 * (1.0 + Erf(x / Math.Sqrt(2.0))) + x * Math.Exp(-0.5 * x * x) / Math.Sqrt(2.0 * Math.PI));
        }

        /// <summary>
        /// The error function to about 1e-7 absolute (plenty for float): W. J. Cody's rational approximations would be
        /// overkill; this is the series for small |x| and the continued fraction of erfc for large |x|, as the reference.
        /// </summary>
        public static double Erf(double x)
        {
            double a = Math.Abs(x), result;
            if (a < 2.5)
            {
                double term = a, sum = a;
                for (int n = 1; n < 60 && Math.Abs(term) > 1e-10 * Math.Abs(sum); n++)
                {
                    term *= -a * a / n;
                    sum += term / (2 * n + 1);
                }

                result = 1.1283791670955126 * sum;
            }
            else
            {
                double fraction = a;
                for (int k = 40; k >= 1; k--)
                {
                    fraction = a + k / 2.0 / fraction;
                }

                result = 1.0 - Math.Exp(-a * a) / 1.7724538509055159 / fraction;
            }

            return x < 0 ? -result : result;
        }

        /// <summary>Softmax over one position's channels, from <paramref name="z"/> into <paramref name="y"/>.</summary>
        public static void Softmax(ReadOnlySpan<float> z, Span<float> y)
        {
            float max = float.NegativeInfinity;
            for (int i = 0; i < z.Length; i++)
            {
                max = MathF.Max(max, z[i]);
            }

            float sum = 0f;
            for (int i = 0; i < z.Length; i++)
            {
                float e = MathF.Exp(z[i] - max);
                y[i] = e;
                sum += e;
            }

            float inverse = 1f / sum;
            for (int i = 0; i < z.Length; i++)
            {
                y[i] *= inverse;
            }
        }

        /// <summary>Softmax backward in place: g = y * (g - sum(g * y)) over one position's channels.</summary>
        public static void SoftmaxBackward(ReadOnlySpan<float> y, Span<float> g)
        {
            float dot = Dot(y, g);
            for (int i = 0; i < g.Length; i++)
            {
                g[i] = y[i] * (g[i] - dot);
            }
        }

        /// <summary>TF2's half-pixel source coordinate of output index <paramref name="o"/> (as the inference code and the reference compute it).</summary>
        public static void BilinearSource(int o, int inSize, int outSize, out int lower, out int upper, out float weight)
        {
            float scale = (float)inSize / outSize;
            float coordinate = (o + 0.5f) * scale - 0.5f;
            float floor = MathF.Floor(coordinate);
            lower = Math.Max((int)floor, 0);
            upper = Math.Min((int)MathF.Ceiling(coordinate), inSize - 1);
            weight = coordinate - floor;
        }
    }
}
