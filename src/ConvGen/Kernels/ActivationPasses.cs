using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace ConvGen.Kernels
{
    /// <summary>
    /// The activations the generated code applies as a pass over a layer's whole output, in place (Sigmoid, Tanh,
    /// Softmax). One copy per assembly instead of one per network. Called by generated code; not meant to be called directly.
    /// Sigmoid and Softmax run on Vector256 (Vector128 where that is not accelerated) with <see cref="FastExp"/>, the floats
    /// no whole vector covers with MathF.Exp; Tanh has no vector form here and stays with MathF.Tanh.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class ActivationPasses
    {
        /// <summary>x = 1 / (1 + e^-x) for <paramref name="length"/> floats from <paramref name="data"/>, in place.</summary>
        public static void Sigmoid(ref float data, int length)
        {
            int i = 0;
            if (Vector256.IsHardwareAccelerated)
            {
                for (; i <= length - Vector256<float>.Count; i += Vector256<float>.Count)
                {
                    Vector256<float> x = Vector256.LoadUnsafe(ref data, (nuint)i);
                    (Vector256<float>.One / (Vector256<float>.One + FastExp.Exp(-x))).StoreUnsafe(ref data, (nuint)i);
                }
            }
            else if (Vector128.IsHardwareAccelerated)
            {
                for (; i <= length - Vector128<float>.Count; i += Vector128<float>.Count)
                {
                    Vector128<float> x = Vector128.LoadUnsafe(ref data, (nuint)i);
                    (Vector128<float>.One / (Vector128<float>.One + FastExp.Exp(-x))).StoreUnsafe(ref data, (nuint)i);
                }
            }

            for (; i < length; i++)
            {
                ref float x = ref Unsafe.Add(ref data, i);
                x = 1f / (1f + MathF.Exp(-x));
            }
        }

        /// <summary>x = tanh(x) for <paramref name="length"/> floats from <paramref name="data"/>, in place.</summary>
        public static void Tanh(ref float data, int length)
        {
            for (int i = 0; i < length; i++)
            {
                ref float x = ref Unsafe.Add(ref data, i);
                x = MathF.Tanh(x);
            }
        }

        /// <summary>
        /// Softmax over the last axis of each of <paramref name="groups"/> rows of <paramref name="channels"/> values, in place
        /// (max subtracted for stability). A NaN in a row makes the whole row NaN, as in the reference.
        /// </summary>
        public static void Softmax(ref float data, int groups, int channels)
        {
            for (int g = 0; g < groups; g++)
            {
                ref float row = ref Unsafe.Add(ref data, g * channels);
                if (Vector256.IsHardwareAccelerated && channels >= Vector256<float>.Count)
                {
                    Softmax256(ref row, channels);
                }
                else if (Vector128.IsHardwareAccelerated && channels >= Vector128<float>.Count)
                {
                    Softmax128(ref row, channels);
                }
                else
                {
                    SoftmaxScalar(ref row, channels);
                }
            }
        }

        private static void Softmax256(ref float row, int channels)
        {
            const int Lanes = 8;
            int whole = channels - (channels % Lanes);

            // Vector256.Max propagates NaN (IEEE maximum), as MathF.Max does.
            Vector256<float> top = Vector256.Create(float.NegativeInfinity);
            for (int c = 0; c < whole; c += Lanes)
            {
                top = Vector256.Max(top, Vector256.LoadUnsafe(ref row, (nuint)c));
            }

            float max = top.ToScalar();
            for (int lane = 1; lane < Lanes; lane++)
            {
                max = MathF.Max(max, top.GetElement(lane));
            }

            for (int c = whole; c < channels; c++)
            {
                max = MathF.Max(max, Unsafe.Add(ref row, c));
            }

            Vector256<float> maxVector = Vector256.Create(max), sums = Vector256<float>.Zero;
            for (int c = 0; c < whole; c += Lanes)
            {
                Vector256<float> e = FastExp.Exp(Vector256.LoadUnsafe(ref row, (nuint)c) - maxVector);
                e.StoreUnsafe(ref row, (nuint)c);
                sums += e;
            }

            float sum = Vector256.Sum(sums);
            for (int c = whole; c < channels; c++)
            {
                ref float x = ref Unsafe.Add(ref row, c);
                x = MathF.Exp(x - max);
                sum += x;
            }

            Vector256<float> sumVector = Vector256.Create(sum);
            for (int c = 0; c < whole; c += Lanes)
            {
                (Vector256.LoadUnsafe(ref row, (nuint)c) / sumVector).StoreUnsafe(ref row, (nuint)c);
            }

            for (int c = whole; c < channels; c++)
            {
                Unsafe.Add(ref row, c) /= sum;
            }
        }

        private static void Softmax128(ref float row, int channels)
        {
            const int Lanes = 4;
            int whole = channels - (channels % Lanes);
            Vector128<float> top = Vector128.Create(float.NegativeInfinity);
            for (int c = 0; c < whole; c += Lanes)
            {
                top = Vector128.Max(top, Vector128.LoadUnsafe(ref row, (nuint)c));
            }

            float max = top.ToScalar();
            for (int lane = 1; lane < Lanes; lane++)
            {
                max = MathF.Max(max, top.GetElement(lane));
            }

            for (int c = whole; c < channels; c++)
            {
                max = MathF.Max(max, Unsafe.Add(ref row, c));
            }

            Vector128<float> maxVector = Vector128.Create(max), sums = Vector128<float>.Zero;
            for (int c = 0; c < whole; c += Lanes)
            {
                Vector128<float> e = FastExp.Exp(Vector128.LoadUnsafe(ref row, (nuint)c) - maxVector);
                e.StoreUnsafe(ref row, (nuint)c);
                sums += e;
            }

            float sum = Vector128.Sum(sums);
            for (int c = whole; c < channels; c++)
            {
                ref float x = ref Unsafe.Add(ref row, c);
                x = MathF.Exp(x - max);
                sum += x;
            }

            Vector128<float> sumVector = Vector128.Create(sum);
            for (int c = 0; c < whole; c += Lanes)
            {
                (Vector128.LoadUnsafe(ref row, (nuint)c) / sumVector).StoreUnsafe(ref row, (nuint)c);
            }

            for (int c = whole; c < channels; c++)
            {
                Unsafe.Add(ref row, c) /= sum;
            }
        }

        private static void SoftmaxScalar(ref float row, int channels)
        {
            float max = float.NegativeInfinity;
            for (int c = 0; c < channels; c++)
            {
                max = MathF.Max(max, Unsafe.Add(ref row, c));
            }

            float sum = 0f;
            for (int c = 0; c < channels; c++)
            {
                ref float x = ref Unsafe.Add(ref row, c);
                x = MathF.Exp(x - max);
                sum += x;
            }

            for (int c = 0; c < channels; c++)
            {
                Unsafe.Add(ref row, c) /= sum;
            }
        }
    }
}
