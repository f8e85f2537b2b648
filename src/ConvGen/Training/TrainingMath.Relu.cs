using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ConvGen.Training
{
    /// <summary>ReLU over whole tensors in vectors (the generated element loops are not vectorised by the JIT).</summary>
    public static partial class TrainingMath
    {
        /// <summary>y[i] = MathF.Max(z[i], 0) (NaN stays NaN, -0 becomes +0) for i &lt; z.Length.</summary>
        /// <exception cref="ArgumentException"><paramref name="y"/> is shorter than <paramref name="z"/>.</exception>
        public static void Relu(ReadOnlySpan<float> z, Span<float> y)
        {
            if (y.Length < z.Length)
            {
                throw new ArgumentException("The destination is shorter than the source.", nameof(y));
            }

            ref float zr = ref MemoryMarshal.GetReference(z);
            ref float yr = ref MemoryMarshal.GetReference(y);
            int i = 0, n = z.Length;
            if (Vector256.IsHardwareAccelerated)
            {
                // Vector256.Max has MathF.Max's semantics (NaN propagates, +0 above -0).
                for (; i + 8 <= n; i += 8)
                {
                    Vector256.Max(Vector256.LoadUnsafe(ref zr, (nuint)i), Vector256<float>.Zero).StoreUnsafe(ref yr, (nuint)i);
                }
            }

            for (; i < n; i++)
            {
                Unsafe.Add(ref yr, i) = MathF.Max(Unsafe.Add(ref zr, i), 0f);
            }
        }

        /// <summary>d[i] *= (z[i] &gt; 0 ? 1 : 0) for i &lt; z.Length (ReLU's gradient; 0 at the kink, as TensorFlow).</summary>
        /// <exception cref="ArgumentException"><paramref name="d"/> is shorter than <paramref name="z"/>.</exception>
        public static void ReluBackward(ReadOnlySpan<float> z, Span<float> d)
        {
            if (d.Length < z.Length)
            {
                throw new ArgumentException("The gradient is shorter than the values.", nameof(d));
            }

            ref float zr = ref MemoryMarshal.GetReference(z);
            ref float dr = ref MemoryMarshal.GetReference(d);
            int i = 0, n = z.Length;
            if (Vector256.IsHardwareAccelerated)
            {
                // A multiply by 1 or 0, not a select: NaN and infinite gradients times 0 stay NaN as in the scalar loop.
                Vector256<float> one = Vector256.Create(1f);
                for (; i + 8 <= n; i += 8)
                {
                    Vector256<float> mask = Vector256.GreaterThan(Vector256.LoadUnsafe(ref zr, (nuint)i), Vector256<float>.Zero) & one;
                    (Vector256.LoadUnsafe(ref dr, (nuint)i) * mask).StoreUnsafe(ref dr, (nuint)i);
                }
            }

            for (; i < n; i++)
            {
                Unsafe.Add(ref dr, i) *= Unsafe.Add(ref zr, i) > 0f ? 1f : 0f;
            }
        }
    }
}
