using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace ConvGen.Kernels
{
    /// <summary>
    /// e^x for vectors of floats, as Cephes' expf (S. L. Moshier): x = n·ln 2 + r with n = round(x / ln 2) and |r| ≤ ln 2 / 2
    /// (ln 2 in two parts, so r is exact), e^r = 1 + r + r²·p(r) with a degree-5 polynomial p (relative error about 1e-7,
    /// 1-2 ulp), and 2^n written into the exponent bits: about 15 vector instructions. .NET 10's Vector128/256/512.Exp took
    /// 1.5-2x the time of a scalar MathF.Exp per float on the benchmark machine (docs/benchmarks.md), so the activations use this.
    /// x is first clamped to [-87.34, 88]: below, e^x would leave the normal floats (it gives 1.2e-38 instead of a smaller
    /// or zero value); above, 2^n would overflow the exponent (it gives 1.7e38 instead of a larger value or infinity). Where
    /// the activations and passes call it, the result there is a sigmoid's or swish's saturated end or an ELU's -1, the
    /// same to float precision. NaN stays NaN. Internal: the inlined activation helpers call it.
    /// </summary>
    internal static class FastExp
    {
        private const float Lowest = -87.33654f, Highest = 88f;
        private const float Log2E = 1.44269504088896341f;
        private const float Ln2High = 0.693359375f, Ln2Low = 2.12194440e-4f; // ln 2 = Ln2High - Ln2Low, Ln2High exact in 9 bits
        private const float P0 = 1.9875691500e-4f, P1 = 1.3981999507e-3f, P2 = 8.3334519073e-3f, P3 = 4.1665795894e-2f, P4 = 1.6666665459e-1f, P5 = 5.0000001201e-1f;

        /// <summary>e^x for each lane of <paramref name="x"/> (see the class).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> Exp(Vector128<float> x)
        {
            Vector128<float> c = Vector128.MinNative(Vector128.MaxNative(x, Vector128.Create(Lowest)), Vector128.Create(Highest));
            Vector128<float> n = Vector128.Round(c * Log2E);
            Vector128<float> r = Vector128.MultiplyAddEstimate(n, Vector128.Create(-Ln2High), c);
            r = Vector128.MultiplyAddEstimate(n, Vector128.Create(Ln2Low), r);
            Vector128<float> p = Vector128.MultiplyAddEstimate(Vector128.Create(P0), r, Vector128.Create(P1));
            p = Vector128.MultiplyAddEstimate(p, r, Vector128.Create(P2));
            p = Vector128.MultiplyAddEstimate(p, r, Vector128.Create(P3));
            p = Vector128.MultiplyAddEstimate(p, r, Vector128.Create(P4));
            p = Vector128.MultiplyAddEstimate(p, r, Vector128.Create(P5));
            p = Vector128.MultiplyAddEstimate(p, r * r, r) + Vector128<float>.One;
            Vector128<int> scale = Vector128.ShiftLeft(Vector128.ConvertToInt32Native(n) + Vector128.Create(127), 23); // 2^n as float bits
            return Vector128.ConditionalSelect(Vector128.Equals(x, x), p * scale.AsSingle(), x); // NaN in, NaN out
        }

        /// <summary>e^x for each lane of <paramref name="x"/> (see the class).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Exp(Vector256<float> x)
        {
            Vector256<float> c = Vector256.MinNative(Vector256.MaxNative(x, Vector256.Create(Lowest)), Vector256.Create(Highest));
            Vector256<float> n = Vector256.Round(c * Log2E);
            Vector256<float> r = Vector256.MultiplyAddEstimate(n, Vector256.Create(-Ln2High), c);
            r = Vector256.MultiplyAddEstimate(n, Vector256.Create(Ln2Low), r);
            Vector256<float> p = Vector256.MultiplyAddEstimate(Vector256.Create(P0), r, Vector256.Create(P1));
            p = Vector256.MultiplyAddEstimate(p, r, Vector256.Create(P2));
            p = Vector256.MultiplyAddEstimate(p, r, Vector256.Create(P3));
            p = Vector256.MultiplyAddEstimate(p, r, Vector256.Create(P4));
            p = Vector256.MultiplyAddEstimate(p, r, Vector256.Create(P5));
            p = Vector256.MultiplyAddEstimate(p, r * r, r) + Vector256<float>.One;
            Vector256<int> scale = Vector256.ShiftLeft(Vector256.ConvertToInt32Native(n) + Vector256.Create(127), 23); // 2^n as float bits
            return Vector256.ConditionalSelect(Vector256.Equals(x, x), p * scale.AsSingle(), x); // NaN in, NaN out
        }

        /// <summary>e^x for each lane of <paramref name="x"/> (see the class).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Exp(Vector512<float> x)
        {
            Vector512<float> c = Vector512.MinNative(Vector512.MaxNative(x, Vector512.Create(Lowest)), Vector512.Create(Highest));
            Vector512<float> n = Vector512.Round(c * Log2E);
            Vector512<float> r = Vector512.MultiplyAddEstimate(n, Vector512.Create(-Ln2High), c);
            r = Vector512.MultiplyAddEstimate(n, Vector512.Create(Ln2Low), r);
            Vector512<float> p = Vector512.MultiplyAddEstimate(Vector512.Create(P0), r, Vector512.Create(P1));
            p = Vector512.MultiplyAddEstimate(p, r, Vector512.Create(P2));
            p = Vector512.MultiplyAddEstimate(p, r, Vector512.Create(P3));
            p = Vector512.MultiplyAddEstimate(p, r, Vector512.Create(P4));
            p = Vector512.MultiplyAddEstimate(p, r, Vector512.Create(P5));
            p = Vector512.MultiplyAddEstimate(p, r * r, r) + Vector512<float>.One;
            Vector512<int> scale = Vector512.ShiftLeft(Vector512.ConvertToInt32Native(n) + Vector512.Create(127), 23); // 2^n as float bits
            return Vector512.ConditionalSelect(Vector512.Equals(x, x), p * scale.AsSingle(), x); // NaN in, NaN out
        }
    }
}
