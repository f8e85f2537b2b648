using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace ConvGen.Kernels
{
    /// <summary>
    /// The activations the generated code applies as a pass over a layer's whole output, in place (Sigmoid, Tanh,
    /// Softmax). One copy per assembly instead of one per network. Called by generated code; not meant to be called directly.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class ActivationPasses
    {
        /// <summary>x = 1 / (1 + e^-x) for <paramref name="length"/> floats from <paramref name="data"/>, in place.</summary>
        public static void Sigmoid(ref float data, int length)
        {
            for (int i = 0; i < length; i++)
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

        /// <summary>Softmax over the last axis of each of <paramref name="groups"/> rows of <paramref name="channels"/> values, in place (max subtracted for stability).</summary>
        public static void Softmax(ref float data, int groups, int channels)
        {
            for (int g = 0; g < groups; g++)
            {
                ref float row = ref Unsafe.Add(ref data, g * channels);
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
}
