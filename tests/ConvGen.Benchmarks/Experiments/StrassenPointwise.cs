using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace ConvGen.Benchmarks.Experiments
{
    /// <summary>
    /// An experiment kept for its measurement (`--strassen`, docs/benchmarks.md), not part of ConvGen: a 1x1 convolution
    /// (C = A·B, A the pixels x input channels, B the packed weights) by one level of Strassen's algorithm with Vector256,
    /// 7 products of quarter size instead of 8. B's seven combinations are made once (<see cref="TransformKernel"/>); per
    /// group of 12 pixels (6 pairs: top and bottom halves of A's rows), A's combinations go to a workspace, and each product
    /// (6 pixels x 16 channels in 12 accumulators, as the generated tiles) is added into the one or two output blocks it
    /// belongs to, the last addition to each block with the bias and the clamp. It loses on N4's 1x1 layer (64 -> 128):
    /// the 12.5% of multiplications it saves cost as much in the output blocks' loads and stores and the sums of A.
    /// </summary>
    internal static class StrassenPointwise
    {
        const int Lanes = 8, Block = 16, MaxPairs = 6;

        public static void TransformKernel(ReadOnlySpan<float> kernel, int inC, int outC, Span<float> y, int rowLength)
        {
            int h = inC / 2, n = outC / 2;
            for (int k = 0; k < h; k++)
                for (int c = 0; c < n; c++)
                {
                    float b11 = kernel[k * rowLength + c], b12 = kernel[k * rowLength + n + c];
                    float b21 = kernel[(h + k) * rowLength + c], b22 = kernel[(h + k) * rowLength + n + c];
                    int at = k * n + c, s = h * n;
                    y[at] = b11 + b22;
                    y[s + at] = b11;
                    y[2 * s + at] = b12 - b22;
                    y[3 * s + at] = b21 - b11;
                    y[4 * s + at] = b22;
                    y[5 * s + at] = b11 + b12;
                    y[6 * s + at] = b21 + b22;
                }
        }

        public static void Run(ref float input, int pixels, int inC, ref float y, ref float bias, ref float output, int outC, float lo, float hi, ref float ws)
        {
            int h = inC / 2;
            var c = new Clamp(lo, hi);
            for (int g = 0; g < pixels; g += 2 * MaxPairs)
            {
                int r = Math.Min(MaxPairs, (pixels - g) / 2);
                ref float inG = ref Unsafe.Add(ref input, g * inC);
                ref float outG = ref Unsafe.Add(ref output, g * outC);
                switch (r)
                {
                    case 6: Group<Six>(ref inG, inC, ref y, ref bias, ref outG, outC, c, ref ws); break;
                    case 5: Group<Five>(ref inG, inC, ref y, ref bias, ref outG, outC, c, ref ws); break;
                    case 4: Group<Four>(ref inG, inC, ref y, ref bias, ref outG, outC, c, ref ws); break;
                    case 3: Group<Three>(ref inG, inC, ref y, ref bias, ref outG, outC, c, ref ws); break;
                    case 2: Group<Two>(ref inG, inC, ref y, ref bias, ref outG, outC, c, ref ws); break;
                    default: Group<One>(ref inG, inC, ref y, ref bias, ref outG, outC, c, ref ws); break;
                }
            }
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        static void Group<TR>(ref float input, int inC, ref float y, ref float bias, ref float output, int outC, Clamp c, ref float ws) where TR : struct, IRows
        {
            int R = TR.Count, h = inC / 2, n = outC / 2;
            Sums(ref input, inC, R, ref ws);
            int xs = R * h, ys = h * n;
            ref float top = ref output;
            ref float bot = ref Unsafe.Add(ref output, R * outC);
            for (int j = 0; j < n; j += Block)
            {
                ref float o11 = ref Unsafe.Add(ref top, j);
                ref float o12 = ref Unsafe.Add(ref top, n + j);
                ref float o21 = ref Unsafe.Add(ref bot, j);
                ref float o22 = ref Unsafe.Add(ref bot, n + j);
                ref float yj = ref Unsafe.Add(ref y, j);
                ref float bj = ref Unsafe.Add(ref bias, j);
                ref float bjn = ref Unsafe.Add(ref bias, n + j);
                Product<TR, StoreStore>(ref ws, h, ref yj, n, ref o11, ref o22, outC, ref bj, c);
                Product<TR, StoreSub>(ref Unsafe.Add(ref ws, xs), h, ref Unsafe.Add(ref yj, ys), n, ref o21, ref o22, outC, ref bj, c);
                Product<TR, FinalAdd>(ref Unsafe.Add(ref ws, 3 * xs), h, ref Unsafe.Add(ref yj, 3 * ys), n, ref o21, ref o11, outC, ref bj, c);
                Product<TR, StoreAdd>(ref Unsafe.Add(ref ws, 2 * xs), h, ref Unsafe.Add(ref yj, 2 * ys), n, ref o12, ref o22, outC, ref bjn, c);
                Product<TR, Final>(ref Unsafe.Add(ref ws, 5 * xs), h, ref Unsafe.Add(ref yj, 5 * ys), n, ref o22, ref o22, outC, ref bjn, c);
                Product<TR, FinalSub>(ref Unsafe.Add(ref ws, 4 * xs), h, ref Unsafe.Add(ref yj, 4 * ys), n, ref o12, ref o11, outC, ref bjn, c);
                Product<TR, Final>(ref Unsafe.Add(ref ws, 6 * xs), h, ref Unsafe.Add(ref yj, 6 * ys), n, ref o11, ref o11, outC, ref bj, c);
            }
        }

        static void Sums(ref float input, int inC, int R, ref float ws)
        {
            int h = inC / 2, xs = R * h;
            for (int r = 0; r < R; r++)
            {
                ref float t = ref Unsafe.Add(ref input, r * inC);
                ref float b = ref Unsafe.Add(ref input, (R + r) * inC);
                ref float x = ref Unsafe.Add(ref ws, r * h);
                int k = 0;
                for (; k <= h - Lanes; k += Lanes)
                {
                    var t1 = Vector256.LoadUnsafe(ref t, (nuint)k); var t2 = Vector256.LoadUnsafe(ref t, (nuint)(h + k));
                    var b1 = Vector256.LoadUnsafe(ref b, (nuint)k); var b2 = Vector256.LoadUnsafe(ref b, (nuint)(h + k));
                    (t1 + b2).StoreUnsafe(ref x, (nuint)k);
                    (b1 + b2).StoreUnsafe(ref x, (nuint)(xs + k));
                    t1.StoreUnsafe(ref x, (nuint)(2 * xs + k));
                    b2.StoreUnsafe(ref x, (nuint)(3 * xs + k));
                    (t1 + t2).StoreUnsafe(ref x, (nuint)(4 * xs + k));
                    (b1 - t1).StoreUnsafe(ref x, (nuint)(5 * xs + k));
                    (t2 - b2).StoreUnsafe(ref x, (nuint)(6 * xs + k));
                }
                for (; k < h; k++)
                {
                    float t1 = Unsafe.Add(ref t, k), t2 = Unsafe.Add(ref t, h + k), b1 = Unsafe.Add(ref b, k), b2 = Unsafe.Add(ref b, h + k);
                    Unsafe.Add(ref x, k) = t1 + b2;
                    Unsafe.Add(ref x, xs + k) = b1 + b2;
                    Unsafe.Add(ref x, 2 * xs + k) = t1;
                    Unsafe.Add(ref x, 3 * xs + k) = b2;
                    Unsafe.Add(ref x, 4 * xs + k) = t1 + t2;
                    Unsafe.Add(ref x, 5 * xs + k) = b1 - t1;
                    Unsafe.Add(ref x, 6 * xs + k) = t2 - b2;
                }
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static void Product<TR, TOp>(ref float x, int h, ref float y, int n, ref float a, ref float b, int stride, ref float bias, Clamp c)
            where TR : struct, IRows where TOp : struct, IOp
        {
            Vector256<float> a00 = default, a01 = default, a10 = default, a11 = default, a20 = default, a21 = default;
            Vector256<float> a30 = default, a31 = default, a40 = default, a41 = default, a50 = default, a51 = default;
            ref float x1 = ref Unsafe.Add(ref x, h), x2 = ref Unsafe.Add(ref x, 2 * h);
            for (int k = 0; k < h; k++)
            {
                ref float yk = ref Unsafe.Add(ref y, k * n);
                var w0 = Vector256.LoadUnsafe(ref yk);
                var w1 = Vector256.LoadUnsafe(ref yk, 8);
                var v = Vector256.Create(Unsafe.Add(ref x, k));
                a00 = Vector256.MultiplyAddEstimate(v, w0, a00); a01 = Vector256.MultiplyAddEstimate(v, w1, a01);
                if (TR.Count > 1) { v = Vector256.Create(Unsafe.Add(ref x, h + k)); a10 = Vector256.MultiplyAddEstimate(v, w0, a10); a11 = Vector256.MultiplyAddEstimate(v, w1, a11); }
                if (TR.Count > 2) { v = Vector256.Create(Unsafe.Add(ref x, 2 * h + k)); a20 = Vector256.MultiplyAddEstimate(v, w0, a20); a21 = Vector256.MultiplyAddEstimate(v, w1, a21); }
                if (TR.Count > 3) { v = Vector256.Create(Unsafe.Add(ref x, 3 * h + k)); a30 = Vector256.MultiplyAddEstimate(v, w0, a30); a31 = Vector256.MultiplyAddEstimate(v, w1, a31); }
                if (TR.Count > 4) { v = Vector256.Create(Unsafe.Add(ref x, 4 * h + k)); a40 = Vector256.MultiplyAddEstimate(v, w0, a40); a41 = Vector256.MultiplyAddEstimate(v, w1, a41); }
                if (TR.Count > 5) { v = Vector256.Create(Unsafe.Add(ref x, 5 * h + k)); a50 = Vector256.MultiplyAddEstimate(v, w0, a50); a51 = Vector256.MultiplyAddEstimate(v, w1, a51); }
            }
            var bias0 = Vector256.LoadUnsafe(ref bias); var bias1 = Vector256.LoadUnsafe(ref bias, 8);
            TOp.Apply(a00, ref a, ref b, bias0, c); TOp.Apply(a01, ref Unsafe.Add(ref a, 8), ref Unsafe.Add(ref b, 8), bias1, c);
            if (TR.Count > 1) { TOp.Apply(a10, ref Unsafe.Add(ref a, stride), ref Unsafe.Add(ref b, stride), bias0, c); TOp.Apply(a11, ref Unsafe.Add(ref a, stride + 8), ref Unsafe.Add(ref b, stride + 8), bias1, c); }
            if (TR.Count > 2) { TOp.Apply(a20, ref Unsafe.Add(ref a, 2 * stride), ref Unsafe.Add(ref b, 2 * stride), bias0, c); TOp.Apply(a21, ref Unsafe.Add(ref a, 2 * stride + 8), ref Unsafe.Add(ref b, 2 * stride + 8), bias1, c); }
            if (TR.Count > 3) { TOp.Apply(a30, ref Unsafe.Add(ref a, 3 * stride), ref Unsafe.Add(ref b, 3 * stride), bias0, c); TOp.Apply(a31, ref Unsafe.Add(ref a, 3 * stride + 8), ref Unsafe.Add(ref b, 3 * stride + 8), bias1, c); }
            if (TR.Count > 4) { TOp.Apply(a40, ref Unsafe.Add(ref a, 4 * stride), ref Unsafe.Add(ref b, 4 * stride), bias0, c); TOp.Apply(a41, ref Unsafe.Add(ref a, 4 * stride + 8), ref Unsafe.Add(ref b, 4 * stride + 8), bias1, c); }
            if (TR.Count > 5) { TOp.Apply(a50, ref Unsafe.Add(ref a, 5 * stride), ref Unsafe.Add(ref b, 5 * stride), bias0, c); TOp.Apply(a51, ref Unsafe.Add(ref a, 5 * stride + 8), ref Unsafe.Add(ref b, 5 * stride + 8), bias1, c); }
        }

        readonly struct Clamp
        {
            readonly Vector256<float> _lo, _hi;
            public Clamp(float lo, float hi) { _lo = Vector256.Create(lo); _hi = Vector256.Create(hi); }
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public Vector256<float> Apply(Vector256<float> x) => Vector256.MinNative(_hi, Vector256.MaxNative(_lo, x));
        }

        interface IOp { static abstract void Apply(Vector256<float> m, ref float a, ref float b, Vector256<float> bias, Clamp c); }
        struct StoreStore : IOp { [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Apply(Vector256<float> m, ref float a, ref float b, Vector256<float> bias, Clamp c) { m.StoreUnsafe(ref a); m.StoreUnsafe(ref b); } }
        struct StoreSub : IOp { [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Apply(Vector256<float> m, ref float a, ref float b, Vector256<float> bias, Clamp c) { m.StoreUnsafe(ref a); (Vector256.LoadUnsafe(ref b) - m).StoreUnsafe(ref b); } }
        struct StoreAdd : IOp { [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Apply(Vector256<float> m, ref float a, ref float b, Vector256<float> bias, Clamp c) { m.StoreUnsafe(ref a); (Vector256.LoadUnsafe(ref b) + m).StoreUnsafe(ref b); } }
        struct FinalAdd : IOp { [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Apply(Vector256<float> m, ref float a, ref float b, Vector256<float> bias, Clamp c) { c.Apply(Vector256.LoadUnsafe(ref a) + m + bias).StoreUnsafe(ref a); (Vector256.LoadUnsafe(ref b) + m).StoreUnsafe(ref b); } }
        struct FinalSub : IOp { [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Apply(Vector256<float> m, ref float a, ref float b, Vector256<float> bias, Clamp c) { c.Apply(Vector256.LoadUnsafe(ref a) + m + bias).StoreUnsafe(ref a); (Vector256.LoadUnsafe(ref b) - m).StoreUnsafe(ref b); } }
        struct Final : IOp { [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Apply(Vector256<float> m, ref float a, ref float b, Vector256<float> bias, Clamp c) { c.Apply(Vector256.LoadUnsafe(ref a) + m + bias).StoreUnsafe(ref a); } }

        interface IRows { static abstract int Count { get; } }
        struct One : IRows { public static int Count => 1; }
        struct Two : IRows { public static int Count => 2; }
        struct Three : IRows { public static int Count => 3; }
        struct Four : IRows { public static int Count => 4; }
        struct Five : IRows { public static int Count => 5; }
        struct Six : IRows { public static int Count => 6; }
    }
}
