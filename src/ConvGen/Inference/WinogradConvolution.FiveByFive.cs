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
        // takes the last tap) and Aᵀ (2x6: Aᵀ[i][j] = a_jⁱ for i = 0, 1, the ∞ column's 1 in the last row) are its own. The
        // tests check the 2D identity in double.
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

        /// <summary>Aᵀ of F(2x2, 5x5) (<see cref="AT25"/>) applied to one column (or row) of six vectors.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static void Output6To2(Vector256<float> m0, Vector256<float> m1, Vector256<float> m2, Vector256<float> m3, Vector256<float> m4, Vector256<float> m5,
            out Vector256<float> y0, out Vector256<float> y1)
        {
            y0 = m0 + (m1 + m2) + (m3 + m4);
            y1 = Vector256.FusedMultiplyAdd(Vector256.Create(0.5f), m3, Vector256.FusedMultiplyAdd(Vector256.Create(-2f), m4, (m1 - m2) + m5));
        }

        /// <summary>Aᵀ of F(2x2, 5x5) (<see cref="AT25"/>) on 16 lanes.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static void Output6To2(Vector512<float> m0, Vector512<float> m1, Vector512<float> m2, Vector512<float> m3, Vector512<float> m4, Vector512<float> m5,
            out Vector512<float> y0, out Vector512<float> y1)
        {
            y0 = m0 + (m1 + m2) + (m3 + m4);
            y1 = Vector512.FusedMultiplyAdd(Vector512.Create(0.5f), m3, Vector512.FusedMultiplyAdd(Vector512.Create(-2f), m4, (m1 - m2) + m5));
        }

        /// <summary>F(2x2, 5x5)'s Aᵀ (<see cref="AT25"/>): two outputs, the other two zero.</summary>
        private readonly struct Output2Of5 : IOutput6
        {
            public static int Outputs => 2;

            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public static void Apply(Vector256<float> m0, Vector256<float> m1, Vector256<float> m2, Vector256<float> m3, Vector256<float> m4, Vector256<float> m5,
                out Vector256<float> y0, out Vector256<float> y1, out Vector256<float> y2, out Vector256<float> y3)
            {
                Output6To2(m0, m1, m2, m3, m4, m5, out y0, out y1);
                y2 = y3 = Vector256<float>.Zero;
            }

            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public static void Apply(Vector512<float> m0, Vector512<float> m1, Vector512<float> m2, Vector512<float> m3, Vector512<float> m4, Vector512<float> m5,
                out Vector512<float> y0, out Vector512<float> y1, out Vector512<float> y2, out Vector512<float> y3)
            {
                Output6To2(m0, m1, m2, m3, m4, m5, out y0, out y1);
                y2 = y3 = Vector512<float>.Zero;
            }
        }
    }
}
