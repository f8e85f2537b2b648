using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ConvGen.Inference
{
    public static partial class WinogradConvolution
    {
        // F(2x2, 5x5): each 2x2 output tile from a 6x6 input tile with 36 multiplications per channel pair instead of 100
        // (2.78x fewer). With the interpolation points of F(4x4, 3x3) (0, 1, -1, 1/2, -2, ∞) its Bᵀ is F(4x4, 3x3)'s: Bᵀ
        // depends only on the points, not on how the input tile's 6 splits into outputs and taps. So the input transform
        // (InputTile4, Input6) and the products are shared; only G (6x5: G[j][k] = a_jᵏ / Π_{l≠j}(a_j - a_l), ∞'s row
        // takes the last tap) and Aᵀ (2x6: the first two rows of F(4x4)'s) are its own. The tests check the 2D identity in
        // double.
        internal static readonly double[,] G25 =
        {
            { 1, 0, 0, 0, 0 },
            { 1.0 / 3, 1.0 / 3, 1.0 / 3, 1.0 / 3, 1.0 / 3 },
            { -1.0 / 3, 1.0 / 3, -1.0 / 3, 1.0 / 3, -1.0 / 3 },
            { -16.0 / 15, -8.0 / 15, -4.0 / 15, -2.0 / 15, -1.0 / 15 },
            { 1.0 / 15, -2.0 / 15, 4.0 / 15, -8.0 / 15, 16.0 / 15 },
            { 0, 0, 0, 0, 1 },
        };

        internal static readonly double[,] AT25 =
        {
            { 1, 1, 1, 1, 1, 0 },
            { 0, 1, -1, 0.5, -2, 1 },
        };

        /// <summary>Y = Aᵀ M A for tile b (2x2 outputs of a 5x5 kernel at (y0, x0)), plus bias and activation, stored where inside the output.</summary>
        private static void OutputTile2Of5(Span<float> mm, int b, in Geometry g, int y0, int x0, ReadOnlySpan<float> bias, Activation activation, Span<float> output, Span<Vector256<float>> t, int firstChannel)
        {
            const int A = 6;
            int plane = BlockTiles * g.OutStride;
            ref Vector256<float> tr = ref MemoryMarshal.GetReference(t);
            ref float mb = ref Unsafe.Add(ref MemoryMarshal.GetReference(mm), b * g.OutStride);
            for (int c = firstChannel; c < g.OutChannels; c += Lanes)
            {
                for (int col = 0; col < A; col++)
                {
                    Output6To2(Vector256.LoadUnsafe(ref mb, (nuint)(col * plane + c)),
                        Vector256.LoadUnsafe(ref mb, (nuint)((A + col) * plane + c)),
                        Vector256.LoadUnsafe(ref mb, (nuint)((2 * A + col) * plane + c)),
                        Vector256.LoadUnsafe(ref mb, (nuint)((3 * A + col) * plane + c)),
                        Vector256.LoadUnsafe(ref mb, (nuint)((4 * A + col) * plane + c)),
                        Vector256.LoadUnsafe(ref mb, (nuint)((5 * A + col) * plane + c)),
                        out Unsafe.Add(ref tr, col), out Unsafe.Add(ref tr, A + col));
                }

                Vector256<float> bv = Bias(bias, c, g.OutChannels);
                for (int r = 0; r < 2; r++)
                {
                    int o = r * A;
                    Output6To2(Unsafe.Add(ref tr, o), Unsafe.Add(ref tr, o + 1), Unsafe.Add(ref tr, o + 2), Unsafe.Add(ref tr, o + 3), Unsafe.Add(ref tr, o + 4), Unsafe.Add(ref tr, o + 5),
                        out Vector256<float> y0v, out Vector256<float> y1v);
                    Store(output, in g, y0 + r, x0, c, Activate(y0v + bv, activation));
                    Store(output, in g, y0 + r, x0 + 1, c, Activate(y1v + bv, activation));
                }
            }
        }

        /// <summary>Aᵀ of F(2x2, 5x5) (<see cref="AT25"/>) applied to one column (or row) of six vectors.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static void Output6To2(Vector256<float> m0, Vector256<float> m1, Vector256<float> m2, Vector256<float> m3, Vector256<float> m4, Vector256<float> m5,
            out Vector256<float> y0, out Vector256<float> y1)
        {
            y0 = m0 + (m1 + m2) + (m3 + m4);
            y1 = Vector256.FusedMultiplyAdd(Vector256.Create(0.5f), m3, Vector256.FusedMultiplyAdd(Vector256.Create(-2f), m4, (m1 - m2) + m5));
        }

        /// <summary>
        /// <see cref="OutputTile2Of5"/> for 16 channels at a time (Vector512), over the channels that fill whole vectors;
        /// returns the first channel it left to the Vector256 code.
        /// </summary>
        private static int OutputTile2Of5Wide(Span<float> mm, int b, in Geometry g, int y0, int x0, ReadOnlySpan<float> bias, Activation activation, Span<float> output, Span<Vector512<float>> t)
        {
            const int A = 6, W = 16;
            int plane = BlockTiles * g.OutStride;
            ref Vector512<float> tr = ref MemoryMarshal.GetReference(t);
            ref float mb = ref Unsafe.Add(ref MemoryMarshal.GetReference(mm), b * g.OutStride);
            int rows = Math.Min(2, g.OutHeight - y0), cols = Math.Min(2, g.OutWidth - x0);
            int c = 0;
            for (; c + W <= g.OutChannels; c += W)
            {
                for (int col = 0; col < A; col++)
                {
                    Output6To2(Vector512.LoadUnsafe(ref mb, (nuint)(col * plane + c)),
                        Vector512.LoadUnsafe(ref mb, (nuint)((A + col) * plane + c)),
                        Vector512.LoadUnsafe(ref mb, (nuint)((2 * A + col) * plane + c)),
                        Vector512.LoadUnsafe(ref mb, (nuint)((3 * A + col) * plane + c)),
                        Vector512.LoadUnsafe(ref mb, (nuint)((4 * A + col) * plane + c)),
                        Vector512.LoadUnsafe(ref mb, (nuint)((5 * A + col) * plane + c)),
                        out Unsafe.Add(ref tr, col), out Unsafe.Add(ref tr, A + col));
                }

                Vector512<float> bv = bias.IsEmpty ? Vector512<float>.Zero : Vector512.Create(bias.Slice(c, W));
                ref float ob = ref Unsafe.Add(ref MemoryMarshal.GetReference(output), (y0 * g.OutWidth + x0) * g.OutChannels + c);
                for (int r = 0; r < rows; r++)
                {
                    int o = r * A;
                    Output6To2(Unsafe.Add(ref tr, o), Unsafe.Add(ref tr, o + 1), Unsafe.Add(ref tr, o + 2), Unsafe.Add(ref tr, o + 3), Unsafe.Add(ref tr, o + 4), Unsafe.Add(ref tr, o + 5),
                        out Vector512<float> y0v, out Vector512<float> y1v);
                    ref float orow = ref Unsafe.Add(ref ob, r * g.OutWidth * g.OutChannels);
                    Activate(y0v + bv, activation).StoreUnsafe(ref orow);
                    if (cols > 1)
                    {
                        Activate(y1v + bv, activation).StoreUnsafe(ref orow, (nuint)g.OutChannels);
                    }
                }
            }

            return c;
        }

        /// <summary>Aᵀ of F(2x2, 5x5) (<see cref="AT25"/>) on 16 lanes.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static void Output6To2(Vector512<float> m0, Vector512<float> m1, Vector512<float> m2, Vector512<float> m3, Vector512<float> m4, Vector512<float> m5,
            out Vector512<float> y0, out Vector512<float> y1)
        {
            y0 = m0 + (m1 + m2) + (m3 + m4);
            y1 = Vector512.FusedMultiplyAdd(Vector512.Create(0.5f), m3, Vector512.FusedMultiplyAdd(Vector512.Create(-2f), m4, (m1 - m2) + m5));
        }
    }
}
