using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using ConvGen.Training;

namespace ConvGen.Inference
{
    /// <summary>
    /// 3x3, stride-1, dilation-1 convolution by Winograd's minimal filtering (Lavin and Gray, "Fast Algorithms for
    /// Convolutional Neural Networks", 2015): F(2x2, 3x3) computes each 2x2 output tile from a 4x4 input tile with 16
    /// multiplications per channel pair instead of 36 (2.25x fewer), F(4x4, 3x3) each 4x4 tile from 6x6 with 36 instead
    /// of 144 (4x fewer), at the cost of input and output transforms and some accuracy (see docs/winograd.md).
    /// <para>
    /// NHWC tensors, Keras kernels <c>[3, 3, in, out]</c>. The kernel is transformed once (<see cref="TransformKernel"/>,
    /// into <c>[alpha², in, out]</c>); <see cref="Run"/> then works on blocks of <see cref="BlockTiles"/> tiles: the input
    /// transform writes <c>V[ξ][tile][in]</c> (padding read as zeros, so TF <c>same</c> needs no padded copy), one
    /// <see cref="Gemm.Multiply"/> per ξ forms <c>M[ξ] = V[ξ] · U[ξ]</c>, and the output transform adds the bias, applies
    /// the activation and stores only the pixels inside the output. Transforms run across channels in Vector256 lanes.
    /// Shape-independent, so it lives here once; the generated code calls it with constant sizes. Nothing is allocated.
    /// </para>
    /// </summary>
    public static class WinogradConvolution
    {
        /// <summary>Tiles transformed and multiplied together (keeps V and M of a block in L2 for up to 128 channels).</summary>
        public const int BlockTiles = 32;

        private const int Lanes = 8;

        /// <summary>Floats of the transformed kernel: <c>(outputTile + 2)² × inChannels × outChannels</c>.</summary>
        public static int TransformedKernelLength(int outputTile, int inChannels, int outChannels)
        {
            int alpha = Alpha(outputTile);
            Positive(inChannels, nameof(inChannels));
            Positive(outChannels, nameof(outChannels));
            return alpha * alpha * inChannels * outChannels;
        }

        /// <summary>Floats of workspace <see cref="Run"/> needs for one call.</summary>
        public static int WorkspaceLength(int outputTile, int inChannels, int outChannels)
        {
            int alpha = Alpha(outputTile);
            Positive(inChannels, nameof(inChannels));
            Positive(outChannels, nameof(outChannels));
            return alpha * alpha * BlockTiles * (RoundUp(inChannels) + RoundUp(outChannels));
        }

        /// <summary>
        /// U[ξ = i·alpha + j][in][out] = (G g Gᵀ)[i][j] of each <c>[3, 3]</c> slice g of the Keras kernel, computed in double.
        /// </summary>
        /// <exception cref="ArgumentException">A span has the wrong length.</exception>
        public static void TransformKernel(int outputTile, ReadOnlySpan<float> kernel, int inChannels, int outChannels, Span<float> transformed)
        {
            int length = TransformedKernelLength(outputTile, inChannels, outChannels);
            Length(kernel.Length, 9 * inChannels * outChannels, nameof(kernel));
            Length(transformed.Length, length, nameof(transformed));
            double[,] g = outputTile == 2 ? G2 : G4;
            int alpha = outputTile + 2;
            Span<double> gg = stackalloc double[9];
            Span<double> half = stackalloc double[6 * 3];
            for (int ci = 0; ci < inChannels; ci++)
            {
                for (int co = 0; co < outChannels; co++)
                {
                    for (int t = 0; t < 9; t++)
                    {
                        gg[t] = kernel[(t * inChannels + ci) * outChannels + co];
                    }

                    // half = G · g  ([alpha, 3]); U = half · Gᵀ ([alpha, alpha]).
                    for (int i = 0; i < alpha; i++)
                    {
                        for (int b = 0; b < 3; b++)
                        {
                            half[i * 3 + b] = g[i, 0] * gg[b] + g[i, 1] * gg[3 + b] + g[i, 2] * gg[6 + b];
                        }
                    }

                    for (int i = 0; i < alpha; i++)
                    {
                        for (int j = 0; j < alpha; j++)
                        {
                            double u = half[i * 3] * g[j, 0] + half[i * 3 + 1] * g[j, 1] + half[i * 3 + 2] * g[j, 2];
                            transformed[((i * alpha + j) * inChannels + ci) * outChannels + co] = (float)u;
                        }
                    }
                }
            }
        }

        /// <summary>
        /// output[oy, ox, co] = activation(bias[co] + Σ input[oy + ky - padTop, ox + kx - padLeft, ci] · kernel[ky, kx, ci, co]),
        /// input pixels outside the image read as zero.
        /// </summary>
        /// <param name="outputTile">2 for F(2x2, 3x3), 4 for F(4x4, 3x3).</param>
        /// <param name="input">The input tensor <c>[height, width, inChannels]</c>.</param>
        /// <param name="height">Input height.</param>
        /// <param name="width">Input width.</param>
        /// <param name="inChannels">Input channels.</param>
        /// <param name="padTop">Rows of zeros above the input (1 for TF <c>same</c>, 0 for <c>valid</c>).</param>
        /// <param name="padLeft">Columns of zeros left of the input.</param>
        /// <param name="transformedKernel">The kernel from <see cref="TransformKernel"/>.</param>
        /// <param name="bias"><c>outChannels</c> floats, or empty for no bias.</param>
        /// <param name="output">The output tensor <c>[outHeight, outWidth, outChannels]</c>; must not overlap the input.</param>
        /// <param name="outHeight">Output height (at most <c>height + 2·padTop</c> - 2 + 1 rows are computed from real or padded input).</param>
        /// <param name="outWidth">Output width.</param>
        /// <param name="outChannels">Output channels.</param>
        /// <param name="activation"><see cref="Activation.Linear"/>, <see cref="Activation.ReLU"/> or <see cref="Activation.ReLU6"/>.</param>
        /// <param name="workspace"><see cref="WorkspaceLength"/> floats of scratch.</param>
        /// <exception cref="ArgumentException">A span has the wrong length, or the output overlaps the input.</exception>
        /// <exception cref="ArgumentOutOfRangeException">A size is not positive, or the activation is not one of the three.</exception>
        public static void Run(int outputTile, ReadOnlySpan<float> input, int height, int width, int inChannels, int padTop, int padLeft,
            ReadOnlySpan<float> transformedKernel, ReadOnlySpan<float> bias, Span<float> output, int outHeight, int outWidth, int outChannels,
            Activation activation, Span<float> workspace)
        {
            Positive(height, nameof(height));
            Positive(width, nameof(width));
            Positive(outHeight, nameof(outHeight));
            Positive(outWidth, nameof(outWidth));
            if (padTop < 0 || padLeft < 0)
            {
                throw new ArgumentOutOfRangeException(padTop < 0 ? nameof(padTop) : nameof(padLeft), "Padding must not be negative.");
            }

            if (activation is not (Activation.Linear or Activation.ReLU or Activation.ReLU6))
            {
                throw new ArgumentOutOfRangeException(nameof(activation), activation, "Only Linear, ReLU and ReLU6 are fused into the Winograd output transform.");
            }

            Length(transformedKernel.Length, TransformedKernelLength(outputTile, inChannels, outChannels), nameof(transformedKernel));
            Length(input.Length, height * width * inChannels, nameof(input));
            Length(output.Length, outHeight * outWidth * outChannels, nameof(output));
            if (!bias.IsEmpty)
            {
                Length(bias.Length, outChannels, nameof(bias));
            }

            if (workspace.Length < WorkspaceLength(outputTile, inChannels, outChannels))
            {
                throw new ArgumentException($"workspace holds {workspace.Length} floats; Run needs {WorkspaceLength(outputTile, inChannels, outChannels)}.", nameof(workspace));
            }

            if (input.Overlaps(output) || workspace.Overlaps(output) || workspace.Overlaps(input))
            {
                throw new ArgumentException("input, output and workspace must not overlap.", nameof(output));
            }

            int m = outputTile;
            int alpha = m + 2;
            int tilesWide = (outWidth + m - 1) / m;
            int tiles = (outHeight + m - 1) / m * tilesWide;
            int inStride = RoundUp(inChannels);
            int outStride = RoundUp(outChannels);
            Span<float> v = workspace.Slice(0, alpha * alpha * BlockTiles * inStride);
            Span<float> mm = workspace.Slice(v.Length, alpha * alpha * BlockTiles * outStride);
            var geometry = new Geometry(height, width, inChannels, padTop, padLeft, outHeight, outWidth, outChannels, inStride, outStride);
            for (int first = 0; first < tiles; first += BlockTiles)
            {
                int count = Math.Min(BlockTiles, tiles - first);
                for (int b = 0; b < count; b++)
                {
                    int tile = first + b;
                    int y0 = tile / tilesWide * m, x0 = tile % tilesWide * m;
                    if (m == 2)
                    {
                        InputTile2(input, in geometry, y0 - padTop, x0 - padLeft, v, b);
                    }
                    else
                    {
                        InputTile4(input, in geometry, y0 - padTop, x0 - padLeft, v, b);
                    }
                }

                int kernelSlice = inChannels * outChannels;
                for (int xi = 0; xi < alpha * alpha; xi++)
                {
                    Gemm.Multiply(count, outChannels, inChannels,
                        v.Slice(xi * BlockTiles * inStride), inStride,
                        transformedKernel.Slice(xi * kernelSlice, kernelSlice), outChannels,
                        mm.Slice(xi * BlockTiles * outStride), outStride, accumulate: false);
                }

                for (int b = 0; b < count; b++)
                {
                    int tile = first + b;
                    int y0 = tile / tilesWide * m, x0 = tile % tilesWide * m;
                    if (m == 2)
                    {
                        OutputTile2(mm, b, in geometry, y0, x0, bias, activation, output);
                    }
                    else
                    {
                        OutputTile4(mm, b, in geometry, y0, x0, bias, activation, output);
                    }
                }
            }
        }

        // F(2x2, 3x3): G, and the 1D transforms Bᵀ·d (4 -> 4) and Aᵀ·m (4 -> 2).
        private static readonly double[,] G2 =
        {
            { 1, 0, 0 },
            { 0.5, 0.5, 0.5 },
            { 0.5, -0.5, 0.5 },
            { 0, 0, 1 },
        };

        // F(4x4, 3x3) with the interpolation points 0, ±1, ±2 (Lavin and Gray): G, and the transforms Bᵀ·d (6 -> 6), Aᵀ·m (6 -> 4).
        private static readonly double[,] G4 =
        {
            { 1.0 / 4, 0, 0 },
            { -1.0 / 6, -1.0 / 6, -1.0 / 6 },
            { -1.0 / 6, 1.0 / 6, -1.0 / 6 },
            { 1.0 / 24, 1.0 / 12, 1.0 / 6 },
            { 1.0 / 24, -1.0 / 12, 1.0 / 6 },
            { 0, 0, 1 },
        };

        private readonly struct Geometry
        {
            public readonly int Height, Width, InChannels, PadTop, PadLeft, OutHeight, OutWidth, OutChannels, InStride, OutStride;

            public Geometry(int height, int width, int inChannels, int padTop, int padLeft, int outHeight, int outWidth, int outChannels, int inStride, int outStride)
            {
                Height = height;
                Width = width;
                InChannels = inChannels;
                PadTop = padTop;
                PadLeft = padLeft;
                OutHeight = outHeight;
                OutWidth = outWidth;
                OutChannels = outChannels;
                InStride = inStride;
                OutStride = outStride;
            }
        }

        /// <summary>Writes V[ξ][b][c..c+8] = (Bᵀ d B)[ξ] for the 4x4 input tile whose top-left input pixel is (iy, ix).</summary>
        private static void InputTile2(ReadOnlySpan<float> input, in Geometry g, int iy, int ix, Span<float> v, int b)
        {
            const int A = 4;
            Span<Vector256<float>> d = stackalloc Vector256<float>[A * A];
            int plane = BlockTiles * g.InStride;
            for (int c = 0; c < g.InChannels; c += Lanes)
            {
                LoadTile(input, in g, iy, ix, c, A, d);
                // Columns: t = Bᵀ d (rows combined), in place.
                for (int col = 0; col < A; col++)
                {
                    Vector256<float> d0 = d[col], d1 = d[A + col], d2 = d[2 * A + col], d3 = d[3 * A + col];
                    d[col] = d0 - d2;
                    d[A + col] = d1 + d2;
                    d[2 * A + col] = d2 - d1;
                    d[3 * A + col] = d1 - d3;
                }

                ref float vb = ref Unsafe.Add(ref MemoryMarshal.GetReference(v), b * g.InStride + c);
                for (int row = 0; row < A; row++)
                {
                    Vector256<float> d0 = d[row * A], d1 = d[row * A + 1], d2 = d[row * A + 2], d3 = d[row * A + 3];
                    int xi = row * A;
                    (d0 - d2).StoreUnsafe(ref vb, (nuint)(xi * plane));
                    (d1 + d2).StoreUnsafe(ref vb, (nuint)((xi + 1) * plane));
                    (d2 - d1).StoreUnsafe(ref vb, (nuint)((xi + 2) * plane));
                    (d1 - d3).StoreUnsafe(ref vb, (nuint)((xi + 3) * plane));
                }
            }
        }

        /// <summary>Writes V[ξ][b][c..c+8] = (Bᵀ d B)[ξ] for the 6x6 input tile whose top-left input pixel is (iy, ix).</summary>
        private static void InputTile4(ReadOnlySpan<float> input, in Geometry g, int iy, int ix, Span<float> v, int b)
        {
            const int A = 6;
            Span<Vector256<float>> d = stackalloc Vector256<float>[A * A];
            int plane = BlockTiles * g.InStride;
            for (int c = 0; c < g.InChannels; c += Lanes)
            {
                LoadTile(input, in g, iy, ix, c, A, d);
                for (int col = 0; col < A; col++)
                {
                    Input6(d[col], d[A + col], d[2 * A + col], d[3 * A + col], d[4 * A + col], d[5 * A + col],
                        out d[col], out d[A + col], out d[2 * A + col], out d[3 * A + col], out d[4 * A + col], out d[5 * A + col]);
                }

                ref float vb = ref Unsafe.Add(ref MemoryMarshal.GetReference(v), b * g.InStride + c);
                for (int row = 0; row < A; row++)
                {
                    int r = row * A;
                    Input6(d[r], d[r + 1], d[r + 2], d[r + 3], d[r + 4], d[r + 5],
                        out Vector256<float> t0, out Vector256<float> t1, out Vector256<float> t2, out Vector256<float> t3, out Vector256<float> t4, out Vector256<float> t5);
                    t0.StoreUnsafe(ref vb, (nuint)(r * plane));
                    t1.StoreUnsafe(ref vb, (nuint)((r + 1) * plane));
                    t2.StoreUnsafe(ref vb, (nuint)((r + 2) * plane));
                    t3.StoreUnsafe(ref vb, (nuint)((r + 3) * plane));
                    t4.StoreUnsafe(ref vb, (nuint)((r + 4) * plane));
                    t5.StoreUnsafe(ref vb, (nuint)((r + 5) * plane));
                }
            }
        }

        /// <summary>Bᵀ of F(4x4, 3x3) applied to one column (or row) of six vectors.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Input6(Vector256<float> d0, Vector256<float> d1, Vector256<float> d2, Vector256<float> d3, Vector256<float> d4, Vector256<float> d5,
            out Vector256<float> t0, out Vector256<float> t1, out Vector256<float> t2, out Vector256<float> t3, out Vector256<float> t4, out Vector256<float> t5)
        {
            Vector256<float> four = Vector256.Create(4f), five = Vector256.Create(5f), two = Vector256.Create(2f);
            Vector256<float> a = d4 - d2, bq = d3 - d1;
            t0 = four * d0 - five * d2 + d4;
            // -4d1 - 4d2 + d3 + d4 and 4d1 - 4d2 - d3 + d4 share (d4 - 4d2) and ±(d3 - 4d1).
            Vector256<float> p = d4 - four * d2, q = d3 - four * d1;
            t1 = p + q;
            t2 = p - q;
            // -2d1 - d2 + 2d3 + d4 and 2d1 - d2 - 2d3 + d4 share (d4 - d2) and ±2(d3 - d1).
            t3 = a + two * bq;
            t4 = a - two * bq;
            t5 = four * d1 - five * d3 + d5;
        }

        /// <summary>Loads the <paramref name="size"/>² pixels' channels c..c+8 of the tile at (iy, ix); outside pixels and channels are 0.</summary>
        private static void LoadTile(ReadOnlySpan<float> input, in Geometry g, int iy, int ix, int c, int size, Span<Vector256<float>> d)
        {
            int lanes = Math.Min(Lanes, g.InChannels - c);
            ref float start = ref MemoryMarshal.GetReference(input);
            for (int r = 0; r < size; r++)
            {
                int y = iy + r;
                for (int col = 0; col < size; col++)
                {
                    int x = ix + col;
                    if ((uint)y >= (uint)g.Height || (uint)x >= (uint)g.Width)
                    {
                        d[r * size + col] = Vector256<float>.Zero;
                        continue;
                    }

                    int offset = (y * g.Width + x) * g.InChannels + c;
                    d[r * size + col] = lanes == Lanes
                        ? Vector256.LoadUnsafe(ref start, (nuint)offset)
                        : Partial(input.Slice(offset, lanes));
                }
            }
        }

        private static Vector256<float> Partial(ReadOnlySpan<float> values)
        {
            Span<float> lanes = stackalloc float[Lanes];
            lanes.Clear();
            values.CopyTo(lanes);
            return Vector256.Create((ReadOnlySpan<float>)lanes);
        }

        /// <summary>Y = Aᵀ M A for tile b (2x2 outputs at (y0, x0)), plus bias and activation, stored where inside the output.</summary>
        private static void OutputTile2(Span<float> mm, int b, in Geometry g, int y0, int x0, ReadOnlySpan<float> bias, Activation activation, Span<float> output)
        {
            const int A = 4;
            Span<Vector256<float>> t = stackalloc Vector256<float>[2 * A];
            int plane = BlockTiles * g.OutStride;
            ref float mb = ref Unsafe.Add(ref MemoryMarshal.GetReference(mm), b * g.OutStride);
            for (int c = 0; c < g.OutChannels; c += Lanes)
            {
                // Rows: t[r][col] = (Aᵀ M)[r][col].
                for (int col = 0; col < A; col++)
                {
                    Vector256<float> m0 = Vector256.LoadUnsafe(ref mb, (nuint)(col * plane + c));
                    Vector256<float> m1 = Vector256.LoadUnsafe(ref mb, (nuint)((A + col) * plane + c));
                    Vector256<float> m2 = Vector256.LoadUnsafe(ref mb, (nuint)((2 * A + col) * plane + c));
                    Vector256<float> m3 = Vector256.LoadUnsafe(ref mb, (nuint)((3 * A + col) * plane + c));
                    t[col] = m0 + m1 + m2;
                    t[A + col] = m1 - m2 - m3;
                }

                Vector256<float> bv = Bias(bias, c, g.OutChannels);
                for (int r = 0; r < 2; r++)
                {
                    Vector256<float> t0 = t[r * A], t1 = t[r * A + 1], t2 = t[r * A + 2], t3 = t[r * A + 3];
                    Store(output, in g, y0 + r, x0, c, Activate(t0 + t1 + t2 + bv, activation));
                    Store(output, in g, y0 + r, x0 + 1, c, Activate(t1 - t2 - t3 + bv, activation));
                }
            }
        }

        /// <summary>Y = Aᵀ M A for tile b (4x4 outputs at (y0, x0)), plus bias and activation, stored where inside the output.</summary>
        private static void OutputTile4(Span<float> mm, int b, in Geometry g, int y0, int x0, ReadOnlySpan<float> bias, Activation activation, Span<float> output)
        {
            const int A = 6;
            Span<Vector256<float>> t = stackalloc Vector256<float>[4 * A];
            int plane = BlockTiles * g.OutStride;
            ref float mb = ref Unsafe.Add(ref MemoryMarshal.GetReference(mm), b * g.OutStride);
            for (int c = 0; c < g.OutChannels; c += Lanes)
            {
                for (int col = 0; col < A; col++)
                {
                    Output6(Vector256.LoadUnsafe(ref mb, (nuint)(col * plane + c)),
                        Vector256.LoadUnsafe(ref mb, (nuint)((A + col) * plane + c)),
                        Vector256.LoadUnsafe(ref mb, (nuint)((2 * A + col) * plane + c)),
                        Vector256.LoadUnsafe(ref mb, (nuint)((3 * A + col) * plane + c)),
                        Vector256.LoadUnsafe(ref mb, (nuint)((4 * A + col) * plane + c)),
                        Vector256.LoadUnsafe(ref mb, (nuint)((5 * A + col) * plane + c)),
                        out t[col], out t[A + col], out t[2 * A + col], out t[3 * A + col]);
                }

                Vector256<float> bv = Bias(bias, c, g.OutChannels);
                for (int r = 0; r < 4; r++)
                {
                    int o = r * A;
                    Output6(t[o], t[o + 1], t[o + 2], t[o + 3], t[o + 4], t[o + 5],
                        out Vector256<float> y0v, out Vector256<float> y1v, out Vector256<float> y2v, out Vector256<float> y3v);
                    Store(output, in g, y0 + r, x0, c, Activate(y0v + bv, activation));
                    Store(output, in g, y0 + r, x0 + 1, c, Activate(y1v + bv, activation));
                    Store(output, in g, y0 + r, x0 + 2, c, Activate(y2v + bv, activation));
                    Store(output, in g, y0 + r, x0 + 3, c, Activate(y3v + bv, activation));
                }
            }
        }

        /// <summary>Aᵀ of F(4x4, 3x3) applied to one column (or row) of six vectors.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Output6(Vector256<float> m0, Vector256<float> m1, Vector256<float> m2, Vector256<float> m3, Vector256<float> m4, Vector256<float> m5,
            out Vector256<float> y0, out Vector256<float> y1, out Vector256<float> y2, out Vector256<float> y3)
        {
            Vector256<float> sum12 = m1 + m2, diff12 = m1 - m2, sum34 = m3 + m4, diff34 = m3 - m4;
            y0 = m0 + sum12 + sum34;
            y1 = diff12 + Vector256.Create(2f) * diff34;
            y2 = sum12 + Vector256.Create(4f) * sum34;
            y3 = diff12 + Vector256.Create(8f) * diff34 + m5;
        }

        private static Vector256<float> Bias(ReadOnlySpan<float> bias, int c, int channels)
        {
            if (bias.IsEmpty)
            {
                return Vector256<float>.Zero;
            }

            return c + Lanes <= channels ? Vector256.Create(bias.Slice(c, Lanes)) : Partial(bias.Slice(c, channels - c));
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<float> Activate(Vector256<float> x, Activation activation) => activation switch
        {
            Activation.ReLU => Vector256.Max(x, Vector256<float>.Zero),
            Activation.ReLU6 => Vector256.Min(Vector256.Max(x, Vector256<float>.Zero), Vector256.Create(6f)),
            _ => x,
        };

        /// <summary>Stores channels c..c+8 of output pixel (y, x) when the pixel is inside the output (tiles overhang its edges).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Store(Span<float> output, in Geometry g, int y, int x, int c, Vector256<float> value)
        {
            if (y >= g.OutHeight || x >= g.OutWidth)
            {
                return;
            }

            int offset = (y * g.OutWidth + x) * g.OutChannels + c;
            int lanes = g.OutChannels - c;
            if (lanes >= Lanes)
            {
                value.StoreUnsafe(ref MemoryMarshal.GetReference(output), (nuint)offset);
                return;
            }

            for (int i = 0; i < lanes; i++)
            {
                output[offset + i] = value.GetElement(i);
            }
        }

        private static int Alpha(int outputTile) => outputTile is 2 or 4
            ? outputTile + 2
            : throw new ArgumentOutOfRangeException(nameof(outputTile), outputTile, "The output tile must be 2 (F(2x2, 3x3)) or 4 (F(4x4, 3x3)).");

        private static int RoundUp(int channels) => (channels + Lanes - 1) / Lanes * Lanes;

        private static void Positive(int value, string name)
        {
            if (value <= 0)
            {
                throw new ArgumentOutOfRangeException(name, value, name + " must be positive.");
            }
        }

        private static void Length(int actual, int expected, string name)
        {
            if (actual != expected)
            {
                throw new ArgumentException($"{name} holds {actual} floats; expected {expected}.", name);
            }
        }
    }
}
