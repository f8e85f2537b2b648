using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace ConvGen.Benchmarks.Experiments
{
    /// <summary>
    /// An experiment kept for its measurement (`--fast-inner-product`, docs/benchmarks.md), not part of ConvGen: a 1x1
    /// convolution by Winograd's fast inner product (1968), half the multiplications of the direct product:
    /// <c>Σ_j a[2j]·b[2j] + a[2j+1]·b[2j+1] = Σ_j (a[2j] + b[2j+1])·(a[2j+1] + b[2j]) − α − β</c> with
    /// α = Σ_j a[2j]·a[2j+1] per pixel and β = Σ_j b[2j]·b[2j+1] per output channel (folded into the bias once). Each
    /// product costs two additions, which could run on the FADD pipes beside the FMA pipes. Vector256, tiles of 4 pixels x
    /// 16 output channels (16 registers: 8 accumulators, 4 weight vectors, 2 broadcasts, 2 sums). It loses on N4's 1x1 layer
    /// (64 -> 128): the additions do not run for free beside the FMAs on this machine.
    /// </summary>
    internal static class FastInnerProduct
    {
        private const int Block = 16;

        /// <summary>
        /// Packs the kernel <c>[inC, outC]</c> as blocks of 16 output channels, each with rows j of b[2j+1] then b[2j] (32
        /// floats), and writes β into <paramref name="biasMinusBeta"/> as bias − β.
        /// </summary>
        public static void Pack(ReadOnlySpan<float> kernel, ReadOnlySpan<float> bias, int inC, int outC, Span<float> packed, Span<float> biasMinusBeta)
        {
            for (int cb = 0; cb < outC; cb += Block)
            {
                for (int j = 0; j < inC / 2; j++)
                {
                    for (int c = 0; c < Block; c++)
                    {
                        packed[(cb * inC) + (j * 2 * Block) + c] = kernel[((2 * j) + 1) * outC + cb + c];
                        packed[(cb * inC) + (j * 2 * Block) + Block + c] = kernel[(2 * j * outC) + cb + c];
                    }
                }
            }

            for (int c = 0; c < outC; c++)
            {
                double beta = 0;
                for (int j = 0; j < inC / 2; j++)
                {
                    beta += (double)kernel[2 * j * outC + c] * kernel[((2 * j) + 1) * outC + c];
                }

                biasMinusBeta[c] = (float)(bias[c] - beta);
            }
        }

        /// <summary>ReLU6(input · kernel + bias) for <paramref name="pixels"/> pixels; <paramref name="alpha"/> holds one float per pixel.</summary>
        public static void Run(ReadOnlySpan<float> input, int pixels, int inC, ReadOnlySpan<float> packed, ReadOnlySpan<float> biasMinusBeta, Span<float> output, int outC, Span<float> alpha)
        {
            for (int p = 0; p < pixels; p++)
            {
                float a = 0;
                for (int j = 0; j < inC / 2; j++)
                {
                    a += input[(p * inC) + (2 * j)] * input[(p * inC) + (2 * j) + 1];
                }

                alpha[p] = a;
            }

            ref float x = ref Unsafe.AsRef(in input[0]);
            ref float w = ref Unsafe.AsRef(in packed[0]);
            ref float o = ref output[0];
            for (int cb = 0; cb < outC; cb += Block)
            {
                var b0 = Vector256.LoadUnsafe(ref Unsafe.AsRef(in biasMinusBeta[cb]));
                var b1 = Vector256.LoadUnsafe(ref Unsafe.AsRef(in biasMinusBeta[cb + 8]));
                ref float wb = ref Unsafe.Add(ref w, cb * inC);
                int p = 0;
                for (; p + 4 <= pixels; p += 4)
                {
                    Tile4(ref Unsafe.Add(ref x, p * inC), inC, ref wb, ref Unsafe.Add(ref o, (p * outC) + cb), outC, b0, b1, ref alpha[p]);
                }

                for (; p < pixels; p++)
                {
                    Tile1(ref Unsafe.Add(ref x, p * inC), inC, ref wb, ref Unsafe.Add(ref o, (p * outC) + cb), b0, b1, alpha[p]);
                }
            }
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void Tile4(ref float x, int inC, ref float w, ref float o, int outC, Vector256<float> b0, Vector256<float> b1, ref float alpha)
        {
            Vector256<float> a00 = default, a01 = default, a10 = default, a11 = default, a20 = default, a21 = default, a30 = default, a31 = default;
            for (int j = 0; j < inC / 2; j++)
            {
                ref float wj = ref Unsafe.Add(ref w, j * 2 * Block);
                var w10 = Vector256.LoadUnsafe(ref wj);
                var w11 = Vector256.LoadUnsafe(ref wj, 8);
                var w00 = Vector256.LoadUnsafe(ref wj, 16);
                var w01 = Vector256.LoadUnsafe(ref wj, 24);
                var xa = Vector256.Create(Unsafe.Add(ref x, 2 * j));
                var xb = Vector256.Create(Unsafe.Add(ref x, (2 * j) + 1));
                a00 = Vector256.MultiplyAddEstimate(xa + w10, xb + w00, a00);
                a01 = Vector256.MultiplyAddEstimate(xa + w11, xb + w01, a01);
                xa = Vector256.Create(Unsafe.Add(ref x, inC + (2 * j)));
                xb = Vector256.Create(Unsafe.Add(ref x, inC + (2 * j) + 1));
                a10 = Vector256.MultiplyAddEstimate(xa + w10, xb + w00, a10);
                a11 = Vector256.MultiplyAddEstimate(xa + w11, xb + w01, a11);
                xa = Vector256.Create(Unsafe.Add(ref x, (2 * inC) + (2 * j)));
                xb = Vector256.Create(Unsafe.Add(ref x, (2 * inC) + (2 * j) + 1));
                a20 = Vector256.MultiplyAddEstimate(xa + w10, xb + w00, a20);
                a21 = Vector256.MultiplyAddEstimate(xa + w11, xb + w01, a21);
                xa = Vector256.Create(Unsafe.Add(ref x, (3 * inC) + (2 * j)));
                xb = Vector256.Create(Unsafe.Add(ref x, (3 * inC) + (2 * j) + 1));
                a30 = Vector256.MultiplyAddEstimate(xa + w10, xb + w00, a30);
                a31 = Vector256.MultiplyAddEstimate(xa + w11, xb + w01, a31);
            }

            Store(a00, a01, ref o, b0, b1, alpha);
            Store(a10, a11, ref Unsafe.Add(ref o, outC), b0, b1, Unsafe.Add(ref alpha, 1));
            Store(a20, a21, ref Unsafe.Add(ref o, 2 * outC), b0, b1, Unsafe.Add(ref alpha, 2));
            Store(a30, a31, ref Unsafe.Add(ref o, 3 * outC), b0, b1, Unsafe.Add(ref alpha, 3));
        }

        private static void Tile1(ref float x, int inC, ref float w, ref float o, Vector256<float> b0, Vector256<float> b1, float alpha)
        {
            Vector256<float> a0 = default, a1 = default;
            for (int j = 0; j < inC / 2; j++)
            {
                ref float wj = ref Unsafe.Add(ref w, j * 2 * Block);
                var xa = Vector256.Create(Unsafe.Add(ref x, 2 * j));
                var xb = Vector256.Create(Unsafe.Add(ref x, (2 * j) + 1));
                a0 = Vector256.MultiplyAddEstimate(xa + Vector256.LoadUnsafe(ref wj), xb + Vector256.LoadUnsafe(ref wj, 16), a0);
                a1 = Vector256.MultiplyAddEstimate(xa + Vector256.LoadUnsafe(ref wj, 8), xb + Vector256.LoadUnsafe(ref wj, 24), a1);
            }

            Store(a0, a1, ref o, b0, b1, alpha);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Store(Vector256<float> a0, Vector256<float> a1, ref float o, Vector256<float> b0, Vector256<float> b1, float alpha)
        {
            var al = Vector256.Create(alpha);
            var six = Vector256.Create(6f);
            Vector256.Min(six, Vector256.Max(Vector256<float>.Zero, a0 + b0 - al)).StoreUnsafe(ref o);
            Vector256.Min(six, Vector256.Max(Vector256<float>.Zero, a1 + b1 - al)).StoreUnsafe(ref o, 8);
        }
    }
}
