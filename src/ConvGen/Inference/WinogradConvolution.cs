using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ConvGen.Inference
{
    /// <summary>
    /// 3x3 and 5x5, stride-1 convolution by Winograd's minimal filtering (Lavin and Gray, "Fast Algorithms for
    /// Convolutional Neural Networks", 2015): F(2x2, 3x3) computes each 2x2 output tile from a 4x4 input tile with 16
    /// multiplications per channel pair instead of 36 (2.25x fewer), F(4x4, 3x3) each 4x4 tile from 6x6 with 36 instead
    /// of 144 (4x fewer), F(2x2, 5x5) each 2x2 tile from 6x6 with 36 instead of 100 (2.78x fewer), at the cost of input
    /// and output transforms and some accuracy (see docs/winograd.md; the 6x6 tiles use the interpolation points 0, 1, -1,
    /// 1/2, -2, ∞, better conditioned than Lavin's 0, ±1, ±2, and share their input transform).
    /// <para>
    /// NHWC tensors, Keras kernels <c>[k, k, in, out]</c>. The kernel is transformed once (<c>TransformKernel</c>,
    /// into <c>[alpha², in, out]</c>); <c>Run</c> then works on blocks of <see cref="BlockTiles"/> tiles: the input
    /// transform writes <c>V[ξ][tile][in]</c> (padding read as zeros, so TF <c>same</c> needs no padded copy), one
    /// register-tiled product per ξ (6 tiles x 2 vectors of output channels, Vector512 where accelerated, else Vector256) forms
    /// <c>M[ξ] = V[ξ] · U[ξ]</c>, and the output transform adds the bias, applies
    /// the activation and stores only the pixels inside the output. Transforms run across channels, 16 at a time
    /// (Vector512) for 6x6 tiles where accelerated, else (and for the channels left over) 8 at a time.
    /// Shape-independent, so it lives here once; the generated code calls it with constant sizes. Nothing is allocated.
    /// </para>
    /// </summary>
    public static partial class WinogradConvolution
    {
        /// <summary>Tiles transformed and multiplied together (keeps V and M of a block in L2 for up to 128 channels); a multiple of <see cref="Rows"/>.</summary>
        public const int BlockTiles = WinogradSizes.BlockTiles;

        /// <summary>Lanes of the transforms (Vector256); input channels are padded to a multiple of this in V.</summary>
        private const int Lanes = WinogradSizes.InputChannelPad;

        /// <summary>Tiles (rows of V) per register tile of the product.</summary>
        private const int Rows = 6;

        /// <summary>Output channels are padded to a multiple of this in U and M, so the product's register tiles (two vectors) never need a tail.</summary>
        private const int ChannelPad = WinogradSizes.OutputChannelPad;

        /// <summary>Floats of the transformed kernel of a 3x3 layer: <c>(outputTile + 2)² × inChannels × outChannels</c> rounded up to a multiple of 32.</summary>
        public static int TransformedKernelLength(int outputTile, int inChannels, int outChannels) => TransformedKernelLength(outputTile, 3, inChannels, outChannels);

        /// <summary>Floats of the transformed kernel: <c>alpha² × inChannels × outChannels</c> rounded up to a multiple of 32, alpha = outputTile + kernelSize - 1.</summary>
        /// <param name="outputTile">2 or 4 for a 3x3 kernel, 2 for a 5x5 one.</param>
        /// <param name="kernelSize">3 or 5.</param>
        /// <param name="inChannels">Input channels.</param>
        /// <param name="outChannels">Output channels.</param>
        public static int TransformedKernelLength(int outputTile, int kernelSize, int inChannels, int outChannels)
        {
            _ = Alpha(outputTile, kernelSize); // throws for a variant the kernel does not have
            Positive(inChannels, nameof(inChannels));
            Positive(outChannels, nameof(outChannels));
            return WinogradSizes.TransformedKernelLength(outputTile, inChannels, outChannels, kernelSize); // the generator sizes the packed weights by the same rule
        }

        /// <summary>Floats of workspace <see cref="Run(int, ReadOnlySpan{float}, int, int, int, int, int, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, int, int, int, Activation, Span{float})"/> needs for one call on a 3x3 layer.</summary>
        public static int WorkspaceLength(int outputTile, int inChannels, int outChannels) => WorkspaceLength(outputTile, 3, inChannels, outChannels);

        /// <summary>Floats of workspace <see cref="Run(int, int, ReadOnlySpan{float}, int, int, int, int, int, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, int, int, int, Activation, Span{float})"/> needs for one call.</summary>
        /// <param name="outputTile">2 or 4 for a 3x3 kernel, 2 for a 5x5 one.</param>
        /// <param name="kernelSize">3 or 5.</param>
        /// <param name="inChannels">Input channels.</param>
        /// <param name="outChannels">Output channels.</param>
        public static int WorkspaceLength(int outputTile, int kernelSize, int inChannels, int outChannels)
        {
            _ = Alpha(outputTile, kernelSize); // throws for a variant the kernel does not have
            Positive(inChannels, nameof(inChannels));
            Positive(outChannels, nameof(outChannels));
            return WinogradSizes.WorkspaceLength(outputTile, inChannels, outChannels, kernelSize); // the generator sizes the scratch by the same rule
        }

        /// <summary>The transform of a 3x3 kernel (see the overload with a kernel size).</summary>
        /// <exception cref="ArgumentException">A span has the wrong length.</exception>
        public static void TransformKernel(int outputTile, ReadOnlySpan<float> kernel, int inChannels, int outChannels, Span<float> transformed) =>
            TransformKernel(outputTile, 3, kernel, inChannels, outChannels, transformed);

        /// <summary>
        /// U[ξ = i·alpha + j][in][out] = (G g Gᵀ)[i][j] of each <c>[kernelSize, kernelSize]</c> slice g of the Keras kernel
        /// <c>[kernelSize, kernelSize, in, out]</c>, computed in double; the padding output channels are 0.
        /// </summary>
        /// <param name="outputTile">2 or 4 for a 3x3 kernel, 2 for a 5x5 one.</param>
        /// <param name="kernelSize">3 or 5.</param>
        /// <param name="kernel">The Keras kernel.</param>
        /// <param name="inChannels">Input channels.</param>
        /// <param name="outChannels">Output channels.</param>
        /// <param name="transformed"><see cref="TransformedKernelLength(int, int, int, int)"/> floats.</param>
        /// <exception cref="ArgumentException">A span has the wrong length.</exception>
        public static void TransformKernel(int outputTile, int kernelSize, ReadOnlySpan<float> kernel, int inChannels, int outChannels, Span<float> transformed)
        {
            int length = TransformedKernelLength(outputTile, kernelSize, inChannels, outChannels);
            Length(kernel.Length, kernelSize * kernelSize * inChannels * outChannels, nameof(kernel));
            Length(transformed.Length, length, nameof(transformed));
            TransformKernelInto(outputTile, kernelSize, kernel, inChannels, outChannels, transformed, WinogradSizes.RoundUp(outChannels, ChannelPad));
        }

        /// <summary>
        /// As the public overload (sizes already checked), into <c>U[ξ][in][stride]</c>, or with <paramref name="block"/> &gt; 0 into
        /// <c>U[out / block][ξ][in][block]</c> (each block of output channels contiguous); the kernel's rows are
        /// <paramref name="kernelRowLength"/> floats apart (0: <paramref name="outChannels"/>).
        /// </summary>
        internal static void TransformKernelInto(int outputTile, int kernelSize, ReadOnlySpan<float> kernel, int inChannels, int outChannels, Span<float> transformed, int stride, int block = 0, int kernelRowLength = 0)
        {
            double[,] g = kernelSize == 5 ? G25 : outputTile == 2 ? G2 : G4;
            int r = kernelSize, taps = r * r;
            int alpha = Alpha(outputTile, kernelSize);
            int rowLength = kernelRowLength == 0 ? outChannels : kernelRowLength;
            transformed.Clear();
            Span<double> gg = stackalloc double[taps];
            Span<double> half = stackalloc double[alpha * r];
            for (int ci = 0; ci < inChannels; ci++)
            {
                for (int co = 0; co < outChannels; co++)
                {
                    for (int t = 0; t < taps; t++)
                    {
                        gg[t] = kernel[(t * inChannels + ci) * rowLength + co];
                    }

                    // half = G · g  ([alpha, r]); U = half · Gᵀ ([alpha, alpha]).
                    for (int i = 0; i < alpha; i++)
                    {
                        for (int b = 0; b < r; b++)
                        {
                            double sum = 0;
                            for (int k = 0; k < r; k++)
                            {
                                sum += g[i, k] * gg[k * r + b];
                            }

                            half[i * r + b] = sum;
                        }
                    }

                    for (int i = 0; i < alpha; i++)
                    {
                        for (int j = 0; j < alpha; j++)
                        {
                            double u = 0;
                            for (int k = 0; k < r; k++)
                            {
                                u += half[i * r + k] * g[j, k];
                            }

                            int xi = i * alpha + j;
                            transformed[block == 0 ? (xi * inChannels + ci) * stride + co : (((co / block) * alpha * alpha + xi) * inChannels + ci) * block + co % block] = (float)u;
                        }
                    }
                }
            }
        }

        /// <summary>A 3x3 layer: <see cref="Run(int, int, ReadOnlySpan{float}, int, int, int, int, int, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, int, int, int, Activation, Span{float})"/> with a kernel size of 3.</summary>
        /// <exception cref="ArgumentException">A span has the wrong length, or the output overlaps the input.</exception>
        /// <exception cref="ArgumentOutOfRangeException">A size is not positive, or the activation is not one of the three.</exception>
        public static void Run(int outputTile, ReadOnlySpan<float> input, int height, int width, int inChannels, int padTop, int padLeft,
            ReadOnlySpan<float> transformedKernel, ReadOnlySpan<float> bias, Span<float> output, int outHeight, int outWidth, int outChannels,
            Activation activation, Span<float> workspace) =>
            Run(outputTile, 3, input, height, width, inChannels, padTop, padLeft, transformedKernel, bias, output, outHeight, outWidth, outChannels, activation, workspace);

        /// <summary>
        /// output[oy, ox, co] = activation(bias[co] + Σ input[oy + ky - padTop, ox + kx - padLeft, ci] · kernel[ky, kx, ci, co]),
        /// input pixels outside the image read as zero.
        /// </summary>
        /// <param name="outputTile">2 for F(2x2, 3x3) or F(2x2, 5x5), 4 for F(4x4, 3x3).</param>
        /// <param name="kernelSize">3 or 5 (the kernel is square).</param>
        /// <param name="input">The input tensor <c>[height, width, inChannels]</c>.</param>
        /// <param name="height">Input height.</param>
        /// <param name="width">Input width.</param>
        /// <param name="inChannels">Input channels.</param>
        /// <param name="padTop">Rows of zeros above the input (TF <c>same</c>: (kernelSize - 1) / 2; <c>valid</c>: 0).</param>
        /// <param name="padLeft">Columns of zeros left of the input.</param>
        /// <param name="transformedKernel">The kernel from <see cref="TransformKernel(int, int, ReadOnlySpan{float}, int, int, Span{float})"/>.</param>
        /// <param name="bias"><c>outChannels</c> floats, or empty for no bias.</param>
        /// <param name="output">The output tensor <c>[outHeight, outWidth, outChannels]</c>; must not overlap the input.</param>
        /// <param name="outHeight">Output height (TF: <c>height</c> for <c>same</c>, <c>height - kernelSize + 1</c> for <c>valid</c>); input rows beyond the image read as zeros.</param>
        /// <param name="outWidth">Output width.</param>
        /// <param name="outChannels">Output channels.</param>
        /// <param name="activation"><see cref="Activation.Linear"/>, <see cref="Activation.ReLU"/> or <see cref="Activation.ReLU6"/>.</param>
        /// <param name="workspace"><see cref="WorkspaceLength(int, int, int, int)"/> floats of scratch.</param>
        /// <exception cref="ArgumentException">A span has the wrong length, or the output overlaps the input.</exception>
        /// <exception cref="ArgumentOutOfRangeException">A size is not positive, the variant is not one the kernel has, or the activation is not one of the three.</exception>
        public static void Run(int outputTile, int kernelSize, ReadOnlySpan<float> input, int height, int width, int inChannels, int padTop, int padLeft,
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

            Length(transformedKernel.Length, TransformedKernelLength(outputTile, kernelSize, inChannels, outChannels), nameof(transformedKernel));
            Length(input.Length, height * width * inChannels, nameof(input));
            Length(output.Length, outHeight * outWidth * outChannels, nameof(output));
            if (!bias.IsEmpty)
            {
                Length(bias.Length, outChannels, nameof(bias));
            }

            if (workspace.Length < WorkspaceLength(outputTile, kernelSize, inChannels, outChannels))
            {
                throw new ArgumentException($"workspace holds {workspace.Length} floats; Run needs {WorkspaceLength(outputTile, kernelSize, inChannels, outChannels)}.", nameof(workspace));
            }

            if (input.Overlaps(output) || workspace.Overlaps(output) || workspace.Overlaps(input))
            {
                throw new ArgumentException("input, output and workspace must not overlap.", nameof(output));
            }

            int m = outputTile;
            int alpha = m + kernelSize - 1;
            int tilesWide = (outWidth + m - 1) / m;
            int tiles = (outHeight + m - 1) / m * tilesWide;
            int inStride = WinogradSizes.RoundUp(inChannels, Lanes);
            int outStride = WinogradSizes.RoundUp(outChannels, ChannelPad);
            Span<float> v = workspace.Slice(0, alpha * alpha * BlockTiles * inStride);
            Span<float> mm = workspace.Slice(v.Length, alpha * alpha * BlockTiles * outStride);
            var geometry = new Geometry(height, width, inChannels, padTop, padLeft, outHeight, outWidth, outChannels, inStride, outStride);
            Span<Vector256<float>> transformScratch = stackalloc Vector256<float>[36];
            // The 6x6 tiles (F(4x4, 3x3), F(2x2, 5x5)) transform 16 channels at a time where Vector512 is accelerated (the
            // Vector256 code takes the rest).
            bool wide = alpha == 6 && Vector512.IsHardwareAccelerated;
            Span<Vector512<float>> wideScratch = wide ? stackalloc Vector512<float>[36] : default;
            for (int first = 0; first < tiles; first += BlockTiles)
            {
                int count = Math.Min(BlockTiles, tiles - first);
                for (int b = 0; b < count; b++)
                {
                    int tile = first + b;
                    int y0 = tile / tilesWide * m, x0 = tile % tilesWide * m;
                    if (alpha == 4)
                    {
                        InputTile2(input, in geometry, y0 - padTop, x0 - padLeft, v, b, transformScratch);
                    }
                    else
                    {
                        int done = wide ? InputTile4Wide(input, in geometry, y0 - padTop, x0 - padLeft, v, b, wideScratch) : 0;
                        if (done < inChannels)
                        {
                            InputTile4(input, in geometry, y0 - padTop, x0 - padLeft, v, b, transformScratch, done);
                        }
                    }
                }

                int kernelSlice = inChannels * outStride;
                for (int xi = 0; xi < alpha * alpha; xi++)
                {
                    Multiply(count, inChannels, outStride, v.Slice(xi * BlockTiles * inStride, BlockTiles * inStride), inStride,
                        transformedKernel.Slice(xi * kernelSlice, kernelSlice), mm.Slice(xi * BlockTiles * outStride, BlockTiles * outStride));
                }

                for (int b = 0; b < count; b++)
                {
                    int tile = first + b;
                    int y0 = tile / tilesWide * m, x0 = tile % tilesWide * m;
                    if (kernelSize == 5)
                    {
                        OutputTile6<Output2Of5>(mm, b, in geometry, y0, x0, bias, activation, output, transformScratch, wideScratch);
                    }
                    else if (m == 2)
                    {
                        OutputTile2(mm, b, in geometry, y0, x0, bias, activation, output, transformScratch);
                    }
                    else
                    {
                        OutputTile6<Output4Of3>(mm, b, in geometry, y0, x0, bias, activation, output, transformScratch, wideScratch);
                    }
                }
            }
        }

        // F(2x2, 3x3) with the interpolation points 0, ±1, ∞: G, and the 1D transforms Bᵀ·d (4 -> 4) and Aᵀ·m (4 -> 2)
        // that InputTile2 and OutputTile2 apply.
        internal static readonly double[,] G2 =
        {
            { 1, 0, 0 },
            { 0.5, 0.5, 0.5 },
            { 0.5, -0.5, 0.5 },
            { 0, 0, 1 },
        };

        internal static readonly double[,] BT2 =
        {
            { 1, 0, -1, 0 },
            { 0, 1, 1, 0 },
            { 0, -1, 1, 0 },
            { 0, 1, 0, -1 },
        };

        internal static readonly double[,] AT2 =
        {
            { 1, 1, 1, 0 },
            { 0, 1, -1, -1 },
        };

        // F(4x4, 3x3) with the interpolation points 0, 1, -1, 1/2, -2, ∞ (Barabasz et al. 2020 found mixing a point and
        // the negated reciprocal of another better conditioned than Lavin's 0, ±1, ±2; measured 2-3x smaller errors,
        // docs/winograd.md). Toom-Cook with all non-dyadic factors in G, which is applied in double: Aᵀ[i][j] = a_jⁱ,
        // G[j][k] = a_jᵏ / Π_{l≠j}(a_j - a_l), Bᵀ solved so that Aᵀ((G g) ⊙ (Bᵀ d)) is the correlation of d and g
        // (the test checks the 2D identity in double). Input6 and Output6 apply Bᵀ and Aᵀ.
        internal static readonly double[,] G4 =
        {
            { 1, 0, 0 },
            { 1.0 / 3, 1.0 / 3, 1.0 / 3 },
            { -1.0 / 3, 1.0 / 3, -1.0 / 3 },
            { -16.0 / 15, -8.0 / 15, -4.0 / 15 },
            { 1.0 / 15, -2.0 / 15, 4.0 / 15 },
            { 0, 0, 1 },
        };

        internal static readonly double[,] BT4 =
        {
            { 1, -1.5, -2, 1.5, 1, 0 },
            { 0, -1, 0.5, 2.5, 1, 0 },
            { 0, 1, -2.5, 0.5, 1, 0 },
            { 0, -2, -1, 2, 1, 0 },
            { 0, 0.5, -1, -0.5, 1, 0 },
            { 0, 1, -1.5, -2, 1.5, 1 },
        };

        internal static readonly double[,] AT4 =
        {
            { 1, 1, 1, 1, 1, 0 },
            { 0, 1, -1, 0.5, -2, 0 },
            { 0, 1, 1, 0.25, 4, 0 },
            { 0, 1, -1, 0.125, -8, 1 },
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
        private static void InputTile2(ReadOnlySpan<float> input, in Geometry g, int iy, int ix, Span<float> v, int b, Span<Vector256<float>> t)
        {
            const int A = 4;
            int plane = BlockTiles * g.InStride;
            int rowStride = g.Width * g.InChannels;
            bool interior = iy >= 0 && ix >= 0 && iy + A <= g.Height && ix + A <= g.Width;
            ref float start = ref MemoryMarshal.GetReference(input);
            ref Vector256<float> tr = ref MemoryMarshal.GetReference(t);
            for (int c = 0; c < g.InChannels; c += Lanes)
            {
                bool direct = interior && c + Lanes <= g.InChannels;
                // Columns: Bᵀ d, one input column of four pixels at a time.
                for (int col = 0; col < A; col++)
                {
                    Vector256<float> d0, d1, d2, d3;
                    if (direct)
                    {
                        ref float p = ref Unsafe.Add(ref start, (iy * g.Width + ix + col) * g.InChannels + c);
                        d0 = Vector256.LoadUnsafe(ref p);
                        d1 = Vector256.LoadUnsafe(ref p, (nuint)rowStride);
                        d2 = Vector256.LoadUnsafe(ref p, (nuint)(2 * rowStride));
                        d3 = Vector256.LoadUnsafe(ref p, (nuint)(3 * rowStride));
                    }
                    else
                    {
                        d0 = Pixel(input, in g, iy, ix + col, c);
                        d1 = Pixel(input, in g, iy + 1, ix + col, c);
                        d2 = Pixel(input, in g, iy + 2, ix + col, c);
                        d3 = Pixel(input, in g, iy + 3, ix + col, c);
                    }

                    Unsafe.Add(ref tr, col) = d0 - d2;
                    Unsafe.Add(ref tr, A + col) = d1 + d2;
                    Unsafe.Add(ref tr, 2 * A + col) = d2 - d1;
                    Unsafe.Add(ref tr, 3 * A + col) = d1 - d3;
                }

                // Rows: (Bᵀ d) B, stored to V.
                ref float vb = ref Unsafe.Add(ref MemoryMarshal.GetReference(v), b * g.InStride + c);
                for (int row = 0; row < A; row++)
                {
                    int r = row * A;
                    Vector256<float> e0 = Unsafe.Add(ref tr, r), e1 = Unsafe.Add(ref tr, r + 1), e2 = Unsafe.Add(ref tr, r + 2), e3 = Unsafe.Add(ref tr, r + 3);
                    (e0 - e2).StoreUnsafe(ref vb, (nuint)(r * plane));
                    (e1 + e2).StoreUnsafe(ref vb, (nuint)((r + 1) * plane));
                    (e2 - e1).StoreUnsafe(ref vb, (nuint)((r + 2) * plane));
                    (e1 - e3).StoreUnsafe(ref vb, (nuint)((r + 3) * plane));
                }
            }
        }

        /// <summary>Writes V[ξ][b][c..c+8] = (Bᵀ d B)[ξ] for the 6x6 input tile whose top-left input pixel is (iy, ix).</summary>
        private static void InputTile4(ReadOnlySpan<float> input, in Geometry g, int iy, int ix, Span<float> v, int b, Span<Vector256<float>> t, int firstChannel)
        {
            const int A = 6;
            int plane = BlockTiles * g.InStride;
            int rowStride = g.Width * g.InChannels;
            bool interior = iy >= 0 && ix >= 0 && iy + A <= g.Height && ix + A <= g.Width;
            ref float start = ref MemoryMarshal.GetReference(input);
            ref Vector256<float> tr = ref MemoryMarshal.GetReference(t);
            for (int c = firstChannel; c < g.InChannels; c += Lanes)
            {
                bool direct = interior && c + Lanes <= g.InChannels;
                for (int col = 0; col < A; col++)
                {
                    Vector256<float> d0, d1, d2, d3, d4, d5;
                    if (direct)
                    {
                        ref float p = ref Unsafe.Add(ref start, (iy * g.Width + ix + col) * g.InChannels + c);
                        d0 = Vector256.LoadUnsafe(ref p);
                        d1 = Vector256.LoadUnsafe(ref p, (nuint)rowStride);
                        d2 = Vector256.LoadUnsafe(ref p, (nuint)(2 * rowStride));
                        d3 = Vector256.LoadUnsafe(ref p, (nuint)(3 * rowStride));
                        d4 = Vector256.LoadUnsafe(ref p, (nuint)(4 * rowStride));
                        d5 = Vector256.LoadUnsafe(ref p, (nuint)(5 * rowStride));
                    }
                    else
                    {
                        d0 = Pixel(input, in g, iy, ix + col, c);
                        d1 = Pixel(input, in g, iy + 1, ix + col, c);
                        d2 = Pixel(input, in g, iy + 2, ix + col, c);
                        d3 = Pixel(input, in g, iy + 3, ix + col, c);
                        d4 = Pixel(input, in g, iy + 4, ix + col, c);
                        d5 = Pixel(input, in g, iy + 5, ix + col, c);
                    }

                    Input6(d0, d1, d2, d3, d4, d5,
                        out Unsafe.Add(ref tr, col), out Unsafe.Add(ref tr, A + col), out Unsafe.Add(ref tr, 2 * A + col),
                        out Unsafe.Add(ref tr, 3 * A + col), out Unsafe.Add(ref tr, 4 * A + col), out Unsafe.Add(ref tr, 5 * A + col));
                }

                ref float vb = ref Unsafe.Add(ref MemoryMarshal.GetReference(v), b * g.InStride + c);
                for (int row = 0; row < A; row++)
                {
                    int r = row * A;
                    Input6(Unsafe.Add(ref tr, r), Unsafe.Add(ref tr, r + 1), Unsafe.Add(ref tr, r + 2), Unsafe.Add(ref tr, r + 3), Unsafe.Add(ref tr, r + 4), Unsafe.Add(ref tr, r + 5),
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

        /// <summary>Bᵀ of F(4x4, 3x3) (<see cref="BT4"/>) applied to one column (or row) of six vectors.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static void Input6(Vector256<float> d0, Vector256<float> d1, Vector256<float> d2, Vector256<float> d3, Vector256<float> d4, Vector256<float> d5,
            out Vector256<float> t0, out Vector256<float> t1, out Vector256<float> t2, out Vector256<float> t3, out Vector256<float> t4, out Vector256<float> t5)
        {
            Vector256<float> half = Vector256.Create(0.5f), oneHalf = Vector256.Create(1.5f), two = Vector256.Create(2f);
            // a = d3 - d1 and e = d4 - d2 appear in every row but the first.
            Vector256<float> a = d3 - d1, e = d4 - d2;
            t0 = Vector256.FusedMultiplyAdd(oneHalf, a, (d0 - d2) + e);
            t1 = Vector256.FusedMultiplyAdd(oneHalf, d2 + d3, e + a);
            t2 = Vector256.FusedMultiplyAdd(oneHalf, d3 - d2, e - a);
            t3 = Vector256.FusedMultiplyAdd(two, a, e);
            t4 = Vector256.FusedMultiplyAdd(-half, a, e);
            t5 = Vector256.FusedMultiplyAdd(oneHalf, e, (d5 - d3) - a);
        }

        /// <summary>
        /// <see cref="InputTile4"/> for 16 channels at a time (Vector512), over the channels that fill whole vectors;
        /// returns the first channel it left to the Vector256 code.
        /// </summary>
        private static int InputTile4Wide(ReadOnlySpan<float> input, in Geometry g, int iy, int ix, Span<float> v, int b, Span<Vector512<float>> t)
        {
            const int A = 6, W = 16;
            int plane = BlockTiles * g.InStride;
            int rowStride = g.Width * g.InChannels;
            bool interior = iy >= 0 && ix >= 0 && iy + A <= g.Height && ix + A <= g.Width;
            ref float start = ref MemoryMarshal.GetReference(input);
            ref Vector512<float> tr = ref MemoryMarshal.GetReference(t);
            int c = 0;
            for (; c + W <= g.InChannels; c += W)
            {
                for (int col = 0; col < A; col++)
                {
                    Vector512<float> d0, d1, d2, d3, d4, d5;
                    if (interior)
                    {
                        ref float p = ref Unsafe.Add(ref start, (iy * g.Width + ix + col) * g.InChannels + c);
                        d0 = Vector512.LoadUnsafe(ref p);
                        d1 = Vector512.LoadUnsafe(ref p, (nuint)rowStride);
                        d2 = Vector512.LoadUnsafe(ref p, (nuint)(2 * rowStride));
                        d3 = Vector512.LoadUnsafe(ref p, (nuint)(3 * rowStride));
                        d4 = Vector512.LoadUnsafe(ref p, (nuint)(4 * rowStride));
                        d5 = Vector512.LoadUnsafe(ref p, (nuint)(5 * rowStride));
                    }
                    else
                    {
                        d0 = Pixel16(input, in g, iy, ix + col, c);
                        d1 = Pixel16(input, in g, iy + 1, ix + col, c);
                        d2 = Pixel16(input, in g, iy + 2, ix + col, c);
                        d3 = Pixel16(input, in g, iy + 3, ix + col, c);
                        d4 = Pixel16(input, in g, iy + 4, ix + col, c);
                        d5 = Pixel16(input, in g, iy + 5, ix + col, c);
                    }

                    Input6(d0, d1, d2, d3, d4, d5,
                        out Unsafe.Add(ref tr, col), out Unsafe.Add(ref tr, A + col), out Unsafe.Add(ref tr, 2 * A + col),
                        out Unsafe.Add(ref tr, 3 * A + col), out Unsafe.Add(ref tr, 4 * A + col), out Unsafe.Add(ref tr, 5 * A + col));
                }

                ref float vb = ref Unsafe.Add(ref MemoryMarshal.GetReference(v), b * g.InStride + c);
                for (int row = 0; row < A; row++)
                {
                    int r = row * A;
                    Input6(Unsafe.Add(ref tr, r), Unsafe.Add(ref tr, r + 1), Unsafe.Add(ref tr, r + 2), Unsafe.Add(ref tr, r + 3), Unsafe.Add(ref tr, r + 4), Unsafe.Add(ref tr, r + 5),
                        out Vector512<float> t0, out Vector512<float> t1, out Vector512<float> t2, out Vector512<float> t3, out Vector512<float> t4, out Vector512<float> t5);
                    t0.StoreUnsafe(ref vb, (nuint)(r * plane));
                    t1.StoreUnsafe(ref vb, (nuint)((r + 1) * plane));
                    t2.StoreUnsafe(ref vb, (nuint)((r + 2) * plane));
                    t3.StoreUnsafe(ref vb, (nuint)((r + 3) * plane));
                    t4.StoreUnsafe(ref vb, (nuint)((r + 4) * plane));
                    t5.StoreUnsafe(ref vb, (nuint)((r + 5) * plane));
                }
            }

            return c;
        }

        /// <summary>Bᵀ of F(4x4, 3x3) (<see cref="BT4"/>) on 16 lanes.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static void Input6(Vector512<float> d0, Vector512<float> d1, Vector512<float> d2, Vector512<float> d3, Vector512<float> d4, Vector512<float> d5,
            out Vector512<float> t0, out Vector512<float> t1, out Vector512<float> t2, out Vector512<float> t3, out Vector512<float> t4, out Vector512<float> t5)
        {
            Vector512<float> half = Vector512.Create(0.5f), oneHalf = Vector512.Create(1.5f), two = Vector512.Create(2f);
            Vector512<float> a = d3 - d1, e = d4 - d2;
            t0 = Vector512.FusedMultiplyAdd(oneHalf, a, (d0 - d2) + e);
            t1 = Vector512.FusedMultiplyAdd(oneHalf, d2 + d3, e + a);
            t2 = Vector512.FusedMultiplyAdd(oneHalf, d3 - d2, e - a);
            t3 = Vector512.FusedMultiplyAdd(two, a, e);
            t4 = Vector512.FusedMultiplyAdd(-half, a, e);
            t5 = Vector512.FusedMultiplyAdd(oneHalf, e, (d5 - d3) - a);
        }

        /// <summary>Channels c..c+16 (all inside the channel count) of input pixel (y, x); zero outside the image.</summary>
        private static Vector512<float> Pixel16(ReadOnlySpan<float> input, in Geometry g, int y, int x, int c)
        {
            if ((uint)y >= (uint)g.Height || (uint)x >= (uint)g.Width)
            {
                return Vector512<float>.Zero;
            }

            return Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(input), (nuint)((y * g.Width + x) * g.InChannels + c));
        }

        /// <summary>
        /// Y = Aᵀ M A for tile b of a variant with 6x6 tiles (<typeparamref name="T"/>: F(4x4, 3x3)'s 4x4 outputs or F(2x2,
        /// 5x5)'s 2x2 at (y0, x0)), plus bias and activation, stored where inside the output: 16 channels at a time (Vector512)
        /// where <paramref name="wide"/> is given, the rest 8 at a time.
        /// </summary>
        private static void OutputTile6<T>(Span<float> mm, int b, in Geometry g, int y0, int x0, ReadOnlySpan<float> bias, Activation activation, Span<float> output,
            Span<Vector256<float>> t, Span<Vector512<float>> wide)
            where T : struct, IOutput6
        {
            int done = wide.IsEmpty ? 0 : OutputTile6Wide<T>(mm, b, in g, y0, x0, bias, activation, output, wide);
            if (done < g.OutChannels)
            {
                OutputTile6Narrow<T>(mm, b, in g, y0, x0, bias, activation, output, t, done);
            }
        }

        /// <summary>
        /// <see cref="OutputTile6{T}"/> for 16 channels at a time (Vector512), over the channels that fill whole vectors;
        /// returns the first channel it left to the Vector256 code.
        /// </summary>
        private static int OutputTile6Wide<T>(Span<float> mm, int b, in Geometry g, int y0, int x0, ReadOnlySpan<float> bias, Activation activation, Span<float> output, Span<Vector512<float>> t)
            where T : struct, IOutput6
        {
            const int A = 6, W = 16;
            int plane = BlockTiles * g.OutStride;
            ref Vector512<float> tr = ref MemoryMarshal.GetReference(t);
            ref float mb = ref Unsafe.Add(ref MemoryMarshal.GetReference(mm), b * g.OutStride);
            int rows = Math.Min(T.Outputs, g.OutHeight - y0), cols = Math.Min(T.Outputs, g.OutWidth - x0);
            int c = 0;
            for (; c + W <= g.OutChannels; c += W)
            {
                for (int col = 0; col < A; col++)
                {
                    T.Apply(Vector512.LoadUnsafe(ref mb, (nuint)(col * plane + c)),
                        Vector512.LoadUnsafe(ref mb, (nuint)((A + col) * plane + c)),
                        Vector512.LoadUnsafe(ref mb, (nuint)((2 * A + col) * plane + c)),
                        Vector512.LoadUnsafe(ref mb, (nuint)((3 * A + col) * plane + c)),
                        Vector512.LoadUnsafe(ref mb, (nuint)((4 * A + col) * plane + c)),
                        Vector512.LoadUnsafe(ref mb, (nuint)((5 * A + col) * plane + c)),
                        out Vector512<float> t0, out Vector512<float> t1, out Vector512<float> t2, out Vector512<float> t3);
                    Unsafe.Add(ref tr, col) = t0;
                    Unsafe.Add(ref tr, A + col) = t1;
                    if (T.Outputs > 2)
                    {
                        Unsafe.Add(ref tr, 2 * A + col) = t2;
                        Unsafe.Add(ref tr, 3 * A + col) = t3;
                    }
                }

                Vector512<float> bv = bias.IsEmpty ? Vector512<float>.Zero : Vector512.Create(bias.Slice(c, W));
                ref float ob = ref Unsafe.Add(ref MemoryMarshal.GetReference(output), (y0 * g.OutWidth + x0) * g.OutChannels + c);
                for (int r = 0; r < rows; r++)
                {
                    int o = r * A;
                    T.Apply(Unsafe.Add(ref tr, o), Unsafe.Add(ref tr, o + 1), Unsafe.Add(ref tr, o + 2), Unsafe.Add(ref tr, o + 3), Unsafe.Add(ref tr, o + 4), Unsafe.Add(ref tr, o + 5),
                        out Vector512<float> y0v, out Vector512<float> y1v, out Vector512<float> y2v, out Vector512<float> y3v);
                    ref float orow = ref Unsafe.Add(ref ob, r * g.OutWidth * g.OutChannels);
                    Activate(y0v + bv, activation).StoreUnsafe(ref orow);
                    if (cols > 1)
                    {
                        Activate(y1v + bv, activation).StoreUnsafe(ref orow, (nuint)g.OutChannels);
                    }

                    if (cols > 2)
                    {
                        Activate(y2v + bv, activation).StoreUnsafe(ref orow, (nuint)(2 * g.OutChannels));
                    }

                    if (cols > 3)
                    {
                        Activate(y3v + bv, activation).StoreUnsafe(ref orow, (nuint)(3 * g.OutChannels));
                    }
                }
            }

            return c;
        }

        /// <summary>Aᵀ of F(4x4, 3x3) (<see cref="AT4"/>) on 16 lanes.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static void Output6(Vector512<float> m0, Vector512<float> m1, Vector512<float> m2, Vector512<float> m3, Vector512<float> m4, Vector512<float> m5,
            out Vector512<float> y0, out Vector512<float> y1, out Vector512<float> y2, out Vector512<float> y3)
        {
            Vector512<float> sum12 = m1 + m2, diff12 = m1 - m2;
            y0 = m0 + sum12 + (m3 + m4);
            y1 = Vector512.FusedMultiplyAdd(Vector512.Create(0.5f), m3, Vector512.FusedMultiplyAdd(Vector512.Create(-2f), m4, diff12));
            y2 = Vector512.FusedMultiplyAdd(Vector512.Create(0.25f), m3, Vector512.FusedMultiplyAdd(Vector512.Create(4f), m4, sum12));
            y3 = Vector512.FusedMultiplyAdd(Vector512.Create(0.125f), m3, Vector512.FusedMultiplyAdd(Vector512.Create(-8f), m4, diff12 + m5));
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector512<float> Activate(Vector512<float> x, Activation activation) => activation switch
        {
            Activation.ReLU => Vector512.Max(x, Vector512<float>.Zero),
            Activation.ReLU6 => Vector512.Min(Vector512.Max(x, Vector512<float>.Zero), Vector512.Create(6f)),
            _ => x,
        };

        /// <summary>Channels c..c+8 of input pixel (y, x); zero outside the image and beyond the last channel.</summary>
        private static Vector256<float> Pixel(ReadOnlySpan<float> input, in Geometry g, int y, int x, int c)
        {
            if ((uint)y >= (uint)g.Height || (uint)x >= (uint)g.Width)
            {
                return Vector256<float>.Zero;
            }

            int offset = (y * g.Width + x) * g.InChannels + c;
            return c + Lanes <= g.InChannels
                ? Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(input), (nuint)offset)
                : Partial(input.Slice(offset, g.InChannels - c));
        }

        private static Vector256<float> Partial(ReadOnlySpan<float> values)
        {
            Span<float> lanes = stackalloc float[Lanes];
            lanes.Clear();
            values.CopyTo(lanes);
            return Vector256.Create((ReadOnlySpan<float>)lanes);
        }

        /// <summary>Y = Aᵀ M A for tile b (2x2 outputs at (y0, x0)), plus bias and activation, stored where inside the output.</summary>
        private static void OutputTile2(Span<float> mm, int b, in Geometry g, int y0, int x0, ReadOnlySpan<float> bias, Activation activation, Span<float> output, Span<Vector256<float>> t)
        {
            const int A = 4;
            int plane = BlockTiles * g.OutStride;
            ref Vector256<float> tr = ref MemoryMarshal.GetReference(t);
            ref float mb = ref Unsafe.Add(ref MemoryMarshal.GetReference(mm), b * g.OutStride);
            for (int c = 0; c < g.OutChannels; c += Lanes)
            {
                // Rows: Unsafe.Add(ref tr, r)[col] = (Aᵀ M)[r][col].
                for (int col = 0; col < A; col++)
                {
                    Vector256<float> m0 = Vector256.LoadUnsafe(ref mb, (nuint)(col * plane + c));
                    Vector256<float> m1 = Vector256.LoadUnsafe(ref mb, (nuint)((A + col) * plane + c));
                    Vector256<float> m2 = Vector256.LoadUnsafe(ref mb, (nuint)((2 * A + col) * plane + c));
                    Vector256<float> m3 = Vector256.LoadUnsafe(ref mb, (nuint)((3 * A + col) * plane + c));
                    Unsafe.Add(ref tr, col) = m0 + m1 + m2;
                    Unsafe.Add(ref tr, A + col) = m1 - m2 - m3;
                }

                Vector256<float> bv = Bias(bias, c, g.OutChannels);
                for (int r = 0; r < 2; r++)
                {
                    Vector256<float> t0 = Unsafe.Add(ref tr, r * A), t1 = Unsafe.Add(ref tr, r * A + 1), t2 = Unsafe.Add(ref tr, r * A + 2), t3 = Unsafe.Add(ref tr, r * A + 3);
                    Store(output, in g, y0 + r, x0, c, Activate(t0 + t1 + t2 + bv, activation));
                    Store(output, in g, y0 + r, x0 + 1, c, Activate(t1 - t2 - t3 + bv, activation));
                }
            }
        }

        /// <summary><see cref="OutputTile6{T}"/> 8 channels at a time (Vector256), from <paramref name="firstChannel"/> on.</summary>
        private static void OutputTile6Narrow<T>(Span<float> mm, int b, in Geometry g, int y0, int x0, ReadOnlySpan<float> bias, Activation activation, Span<float> output, Span<Vector256<float>> t, int firstChannel)
            where T : struct, IOutput6
        {
            const int A = 6;
            int plane = BlockTiles * g.OutStride;
            ref Vector256<float> tr = ref MemoryMarshal.GetReference(t);
            ref float mb = ref Unsafe.Add(ref MemoryMarshal.GetReference(mm), b * g.OutStride);
            for (int c = firstChannel; c < g.OutChannels; c += Lanes)
            {
                for (int col = 0; col < A; col++)
                {
                    T.Apply(Vector256.LoadUnsafe(ref mb, (nuint)(col * plane + c)),
                        Vector256.LoadUnsafe(ref mb, (nuint)((A + col) * plane + c)),
                        Vector256.LoadUnsafe(ref mb, (nuint)((2 * A + col) * plane + c)),
                        Vector256.LoadUnsafe(ref mb, (nuint)((3 * A + col) * plane + c)),
                        Vector256.LoadUnsafe(ref mb, (nuint)((4 * A + col) * plane + c)),
                        Vector256.LoadUnsafe(ref mb, (nuint)((5 * A + col) * plane + c)),
                        out Vector256<float> t0, out Vector256<float> t1, out Vector256<float> t2, out Vector256<float> t3);
                    Unsafe.Add(ref tr, col) = t0;
                    Unsafe.Add(ref tr, A + col) = t1;
                    if (T.Outputs > 2)
                    {
                        Unsafe.Add(ref tr, 2 * A + col) = t2;
                        Unsafe.Add(ref tr, 3 * A + col) = t3;
                    }
                }

                Vector256<float> bv = Bias(bias, c, g.OutChannels);
                for (int r = 0; r < T.Outputs; r++)
                {
                    int o = r * A;
                    T.Apply(Unsafe.Add(ref tr, o), Unsafe.Add(ref tr, o + 1), Unsafe.Add(ref tr, o + 2), Unsafe.Add(ref tr, o + 3), Unsafe.Add(ref tr, o + 4), Unsafe.Add(ref tr, o + 5),
                        out Vector256<float> y0v, out Vector256<float> y1v, out Vector256<float> y2v, out Vector256<float> y3v);
                    Store(output, in g, y0 + r, x0, c, Activate(y0v + bv, activation));
                    Store(output, in g, y0 + r, x0 + 1, c, Activate(y1v + bv, activation));
                    if (T.Outputs > 2)
                    {
                        Store(output, in g, y0 + r, x0 + 2, c, Activate(y2v + bv, activation));
                        Store(output, in g, y0 + r, x0 + 3, c, Activate(y3v + bv, activation));
                    }
                }
            }
        }

        /// <summary>
        /// Aᵀ of a variant with 6x6 tiles applied to one column (or row) of six vectors: <see cref="Outputs"/> results (the
        /// others are zero), so <see cref="OutputTile6{T}"/> serves F(4x4, 3x3) and F(2x2, 5x5) as one specialized copy each.
        /// </summary>
        private interface IOutput6
        {
            /// <summary>Output pixels per tile side: 4 or 2.</summary>
            static abstract int Outputs { get; }

            static abstract void Apply(Vector256<float> m0, Vector256<float> m1, Vector256<float> m2, Vector256<float> m3, Vector256<float> m4, Vector256<float> m5,
                out Vector256<float> y0, out Vector256<float> y1, out Vector256<float> y2, out Vector256<float> y3);

            static abstract void Apply(Vector512<float> m0, Vector512<float> m1, Vector512<float> m2, Vector512<float> m3, Vector512<float> m4, Vector512<float> m5,
                out Vector512<float> y0, out Vector512<float> y1, out Vector512<float> y2, out Vector512<float> y3);
        }

        /// <summary>F(4x4, 3x3)'s Aᵀ (<see cref="AT4"/>).</summary>
        private readonly struct Output4Of3 : IOutput6
        {
            public static int Outputs => 4;

            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public static void Apply(Vector256<float> m0, Vector256<float> m1, Vector256<float> m2, Vector256<float> m3, Vector256<float> m4, Vector256<float> m5,
                out Vector256<float> y0, out Vector256<float> y1, out Vector256<float> y2, out Vector256<float> y3) => Output6(m0, m1, m2, m3, m4, m5, out y0, out y1, out y2, out y3);

            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public static void Apply(Vector512<float> m0, Vector512<float> m1, Vector512<float> m2, Vector512<float> m3, Vector512<float> m4, Vector512<float> m5,
                out Vector512<float> y0, out Vector512<float> y1, out Vector512<float> y2, out Vector512<float> y3) => Output6(m0, m1, m2, m3, m4, m5, out y0, out y1, out y2, out y3);
        }

        /// <summary>Aᵀ of F(4x4, 3x3) (<see cref="AT4"/>) applied to one column (or row) of six vectors.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static void Output6(Vector256<float> m0, Vector256<float> m1, Vector256<float> m2, Vector256<float> m3, Vector256<float> m4, Vector256<float> m5,
            out Vector256<float> y0, out Vector256<float> y1, out Vector256<float> y2, out Vector256<float> y3)
        {
            Vector256<float> sum12 = m1 + m2, diff12 = m1 - m2;
            y0 = m0 + sum12 + (m3 + m4);
            y1 = Vector256.FusedMultiplyAdd(Vector256.Create(0.5f), m3, Vector256.FusedMultiplyAdd(Vector256.Create(-2f), m4, diff12));
            y2 = Vector256.FusedMultiplyAdd(Vector256.Create(0.25f), m3, Vector256.FusedMultiplyAdd(Vector256.Create(4f), m4, sum12));
            y3 = Vector256.FusedMultiplyAdd(Vector256.Create(0.125f), m3, Vector256.FusedMultiplyAdd(Vector256.Create(-8f), m4, diff12 + m5));
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

        private static int Alpha(int outputTile, int kernelSize) => WinogradSizes.IsVariant(outputTile, kernelSize)
            ? WinogradSizes.Alpha(outputTile, kernelSize)
            : throw new ArgumentOutOfRangeException(nameof(outputTile), outputTile,
                $"F({outputTile}x{outputTile}, {kernelSize}x{kernelSize}) is not a variant of the kernel: the output tile must be 2 (F(2x2, 3x3)) or 4 (F(4x4, 3x3)) for a 3x3 kernel, 2 (F(2x2, 5x5)) for a 5x5 one.");

        /// <summary>
        /// C[rows, n] = A[rows, k] · B[k, n] for one ξ: n a multiple of 32, B and C rows n floats apart, A rows
        /// <paramref name="lda"/> apart. Register tiles of 6 rows x 2 vectors (Vector512 where accelerated, else Vector256);
        /// the last 1-4 rows in tiles of 2 or 4 rows (A has BlockTiles rows, so a tile may read one row more than
        /// <paramref name="count"/>; its results are never read).
        /// </summary>
        private static void Multiply(int count, int k, int n, ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, Span<float> c)
        {
            ref float ar0 = ref MemoryMarshal.GetReference(a);
            ref float br = ref MemoryMarshal.GetReference(b);
            ref float cr0 = ref MemoryMarshal.GetReference(c);
            for (int row = 0; row < count; row += Rows)
            {
                ref float ar = ref Unsafe.Add(ref ar0, row * lda);
                ref float cr = ref Unsafe.Add(ref cr0, row * n);
                int rest = count - row;
                if (Vector512.IsHardwareAccelerated && rest <= 2)
                {
                    // The last rows of a block (small images: one 4x4 tile of a 4x4 image) in smaller register tiles.
                    for (int col = 0; col < n; col += 32)
                    {
                        Tile512Rows2(k, ref ar, lda, ref Unsafe.Add(ref br, col), n, ref Unsafe.Add(ref cr, col));
                    }
                }
                else if (Vector512.IsHardwareAccelerated && rest <= 4)
                {
                    // (an 8x8 image has 4 tiles of 4x4)
                    for (int col = 0; col < n; col += 32)
                    {
                        Tile512Rows4(k, ref ar, lda, ref Unsafe.Add(ref br, col), n, ref Unsafe.Add(ref cr, col));
                    }
                }
                else if (Vector512.IsHardwareAccelerated)
                {
                    for (int col = 0; col < n; col += 32)
                    {
                        Tile512(k, ref ar, lda, ref Unsafe.Add(ref br, col), n, ref Unsafe.Add(ref cr, col));
                    }
                }
                else if (rest <= 2)
                {
                    for (int col = 0; col < n; col += 16)
                    {
                        Tile256Rows2(k, ref ar, lda, ref Unsafe.Add(ref br, col), n, ref Unsafe.Add(ref cr, col));
                    }
                }
                else if (rest <= 4)
                {
                    for (int col = 0; col < n; col += 16)
                    {
                        Tile256Rows4(k, ref ar, lda, ref Unsafe.Add(ref br, col), n, ref Unsafe.Add(ref cr, col));
                    }
                }
                else
                {
                    for (int col = 0; col < n; col += 16)
                    {
                        Tile256(k, ref ar, lda, ref Unsafe.Add(ref br, col), n, ref Unsafe.Add(ref cr, col));
                    }
                }
            }
        }

        /// <summary>6 rows x 16 columns of C in 12 ymm accumulators (with the two B vectors and the broadcast, 15 of the 16 registers).</summary>
        private static void Tile256(int k, ref float a, int lda, ref float b, int n, ref float c)
        {
            Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
            Vector256<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
            for (int p = 0; p < k; p++)
            {
                ref float bp = ref Unsafe.Add(ref b, p * n);
                Vector256<float> b0 = Vector256.LoadUnsafe(ref bp), b1 = Vector256.LoadUnsafe(ref bp, 8);
                ref float ap = ref Unsafe.Add(ref a, p);
                Vector256<float> x = Vector256.Create(ap);
                c00 = Vector256.FusedMultiplyAdd(x, b0, c00);
                c01 = Vector256.FusedMultiplyAdd(x, b1, c01);
                x = Vector256.Create(Unsafe.Add(ref ap, lda));
                c10 = Vector256.FusedMultiplyAdd(x, b0, c10);
                c11 = Vector256.FusedMultiplyAdd(x, b1, c11);
                x = Vector256.Create(Unsafe.Add(ref ap, 2 * lda));
                c20 = Vector256.FusedMultiplyAdd(x, b0, c20);
                c21 = Vector256.FusedMultiplyAdd(x, b1, c21);
                x = Vector256.Create(Unsafe.Add(ref ap, 3 * lda));
                c30 = Vector256.FusedMultiplyAdd(x, b0, c30);
                c31 = Vector256.FusedMultiplyAdd(x, b1, c31);
                x = Vector256.Create(Unsafe.Add(ref ap, 4 * lda));
                c40 = Vector256.FusedMultiplyAdd(x, b0, c40);
                c41 = Vector256.FusedMultiplyAdd(x, b1, c41);
                x = Vector256.Create(Unsafe.Add(ref ap, 5 * lda));
                c50 = Vector256.FusedMultiplyAdd(x, b0, c50);
                c51 = Vector256.FusedMultiplyAdd(x, b1, c51);
            }

            c00.StoreUnsafe(ref c);
            c01.StoreUnsafe(ref c, 8);
            c10.StoreUnsafe(ref c, (nuint)n);
            c11.StoreUnsafe(ref c, (nuint)(n + 8));
            c20.StoreUnsafe(ref c, (nuint)(2 * n));
            c21.StoreUnsafe(ref c, (nuint)(2 * n + 8));
            c30.StoreUnsafe(ref c, (nuint)(3 * n));
            c31.StoreUnsafe(ref c, (nuint)(3 * n + 8));
            c40.StoreUnsafe(ref c, (nuint)(4 * n));
            c41.StoreUnsafe(ref c, (nuint)(4 * n + 8));
            c50.StoreUnsafe(ref c, (nuint)(5 * n));
            c51.StoreUnsafe(ref c, (nuint)(5 * n + 8));
        }

        /// <summary><see cref="Tile512"/> for 4 rows.</summary>
        private static void Tile512Rows4(int k, ref float a, int lda, ref float b, int n, ref float c)
        {
            Vector512<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default, c30 = default, c31 = default;
            for (int p = 0; p < k; p++)
            {
                ref float bp = ref Unsafe.Add(ref b, p * n);
                Vector512<float> b0 = Vector512.LoadUnsafe(ref bp), b1 = Vector512.LoadUnsafe(ref bp, 16);
                ref float ap = ref Unsafe.Add(ref a, p);
                Vector512<float> x = Vector512.Create(ap);
                c00 = Vector512.FusedMultiplyAdd(x, b0, c00);
                c01 = Vector512.FusedMultiplyAdd(x, b1, c01);
                x = Vector512.Create(Unsafe.Add(ref ap, lda));
                c10 = Vector512.FusedMultiplyAdd(x, b0, c10);
                c11 = Vector512.FusedMultiplyAdd(x, b1, c11);
                x = Vector512.Create(Unsafe.Add(ref ap, 2 * lda));
                c20 = Vector512.FusedMultiplyAdd(x, b0, c20);
                c21 = Vector512.FusedMultiplyAdd(x, b1, c21);
                x = Vector512.Create(Unsafe.Add(ref ap, 3 * lda));
                c30 = Vector512.FusedMultiplyAdd(x, b0, c30);
                c31 = Vector512.FusedMultiplyAdd(x, b1, c31);
            }

            c00.StoreUnsafe(ref c);
            c01.StoreUnsafe(ref c, 16);
            c10.StoreUnsafe(ref c, (nuint)n);
            c11.StoreUnsafe(ref c, (nuint)(n + 16));
            c20.StoreUnsafe(ref c, (nuint)(2 * n));
            c21.StoreUnsafe(ref c, (nuint)(2 * n + 16));
            c30.StoreUnsafe(ref c, (nuint)(3 * n));
            c31.StoreUnsafe(ref c, (nuint)(3 * n + 16));
        }

        /// <summary><see cref="Tile512"/> for 2 rows.</summary>
        private static void Tile512Rows2(int k, ref float a, int lda, ref float b, int n, ref float c)
        {
            Vector512<float> c00 = default, c01 = default, c10 = default, c11 = default;
            for (int p = 0; p < k; p++)
            {
                ref float bp = ref Unsafe.Add(ref b, p * n);
                Vector512<float> b0 = Vector512.LoadUnsafe(ref bp), b1 = Vector512.LoadUnsafe(ref bp, 16);
                ref float ap = ref Unsafe.Add(ref a, p);
                Vector512<float> x = Vector512.Create(ap);
                c00 = Vector512.FusedMultiplyAdd(x, b0, c00);
                c01 = Vector512.FusedMultiplyAdd(x, b1, c01);
                x = Vector512.Create(Unsafe.Add(ref ap, lda));
                c10 = Vector512.FusedMultiplyAdd(x, b0, c10);
                c11 = Vector512.FusedMultiplyAdd(x, b1, c11);
            }

            c00.StoreUnsafe(ref c);
            c01.StoreUnsafe(ref c, 16);
            c10.StoreUnsafe(ref c, (nuint)n);
            c11.StoreUnsafe(ref c, (nuint)(n + 16));
        }

        /// <summary><see cref="Tile256"/> for 4 rows.</summary>
        private static void Tile256Rows4(int k, ref float a, int lda, ref float b, int n, ref float c)
        {
            Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default, c30 = default, c31 = default;
            for (int p = 0; p < k; p++)
            {
                ref float bp = ref Unsafe.Add(ref b, p * n);
                Vector256<float> b0 = Vector256.LoadUnsafe(ref bp), b1 = Vector256.LoadUnsafe(ref bp, 8);
                ref float ap = ref Unsafe.Add(ref a, p);
                Vector256<float> x = Vector256.Create(ap);
                c00 = Vector256.FusedMultiplyAdd(x, b0, c00);
                c01 = Vector256.FusedMultiplyAdd(x, b1, c01);
                x = Vector256.Create(Unsafe.Add(ref ap, lda));
                c10 = Vector256.FusedMultiplyAdd(x, b0, c10);
                c11 = Vector256.FusedMultiplyAdd(x, b1, c11);
                x = Vector256.Create(Unsafe.Add(ref ap, 2 * lda));
                c20 = Vector256.FusedMultiplyAdd(x, b0, c20);
                c21 = Vector256.FusedMultiplyAdd(x, b1, c21);
                x = Vector256.Create(Unsafe.Add(ref ap, 3 * lda));
                c30 = Vector256.FusedMultiplyAdd(x, b0, c30);
                c31 = Vector256.FusedMultiplyAdd(x, b1, c31);
            }

            c00.StoreUnsafe(ref c);
            c01.StoreUnsafe(ref c, 8);
            c10.StoreUnsafe(ref c, (nuint)n);
            c11.StoreUnsafe(ref c, (nuint)(n + 8));
            c20.StoreUnsafe(ref c, (nuint)(2 * n));
            c21.StoreUnsafe(ref c, (nuint)(2 * n + 8));
            c30.StoreUnsafe(ref c, (nuint)(3 * n));
            c31.StoreUnsafe(ref c, (nuint)(3 * n + 8));
        }

        /// <summary><see cref="Tile256"/> for 2 rows.</summary>
        private static void Tile256Rows2(int k, ref float a, int lda, ref float b, int n, ref float c)
        {
            Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default;
            for (int p = 0; p < k; p++)
            {
                ref float bp = ref Unsafe.Add(ref b, p * n);
                Vector256<float> b0 = Vector256.LoadUnsafe(ref bp), b1 = Vector256.LoadUnsafe(ref bp, 8);
                ref float ap = ref Unsafe.Add(ref a, p);
                Vector256<float> x = Vector256.Create(ap);
                c00 = Vector256.FusedMultiplyAdd(x, b0, c00);
                c01 = Vector256.FusedMultiplyAdd(x, b1, c01);
                x = Vector256.Create(Unsafe.Add(ref ap, lda));
                c10 = Vector256.FusedMultiplyAdd(x, b0, c10);
                c11 = Vector256.FusedMultiplyAdd(x, b1, c11);
            }

            c00.StoreUnsafe(ref c);
            c01.StoreUnsafe(ref c, 8);
            c10.StoreUnsafe(ref c, (nuint)n);
            c11.StoreUnsafe(ref c, (nuint)(n + 8));
        }

        private static void Tile512(int k, ref float a, int lda, ref float b, int n, ref float c)
        {
            Vector512<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
            Vector512<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
            for (int p = 0; p < k; p++)
            {
                ref float bp = ref Unsafe.Add(ref b, p * n);
                Vector512<float> b0 = Vector512.LoadUnsafe(ref bp), b1 = Vector512.LoadUnsafe(ref bp, 16);
                ref float ap = ref Unsafe.Add(ref a, p);
                Vector512<float> x = Vector512.Create(ap);
                c00 = Vector512.FusedMultiplyAdd(x, b0, c00);
                c01 = Vector512.FusedMultiplyAdd(x, b1, c01);
                x = Vector512.Create(Unsafe.Add(ref ap, lda));
                c10 = Vector512.FusedMultiplyAdd(x, b0, c10);
                c11 = Vector512.FusedMultiplyAdd(x, b1, c11);
                x = Vector512.Create(Unsafe.Add(ref ap, 2 * lda));
                c20 = Vector512.FusedMultiplyAdd(x, b0, c20);
                c21 = Vector512.FusedMultiplyAdd(x, b1, c21);
                x = Vector512.Create(Unsafe.Add(ref ap, 3 * lda));
                c30 = Vector512.FusedMultiplyAdd(x, b0, c30);
                c31 = Vector512.FusedMultiplyAdd(x, b1, c31);
                x = Vector512.Create(Unsafe.Add(ref ap, 4 * lda));
                c40 = Vector512.FusedMultiplyAdd(x, b0, c40);
                c41 = Vector512.FusedMultiplyAdd(x, b1, c41);
                x = Vector512.Create(Unsafe.Add(ref ap, 5 * lda));
                c50 = Vector512.FusedMultiplyAdd(x, b0, c50);
                c51 = Vector512.FusedMultiplyAdd(x, b1, c51);
            }

            c00.StoreUnsafe(ref c);
            c01.StoreUnsafe(ref c, 16);
            c10.StoreUnsafe(ref c, (nuint)n);
            c11.StoreUnsafe(ref c, (nuint)(n + 16));
            c20.StoreUnsafe(ref c, (nuint)(2 * n));
            c21.StoreUnsafe(ref c, (nuint)(2 * n + 16));
            c30.StoreUnsafe(ref c, (nuint)(3 * n));
            c31.StoreUnsafe(ref c, (nuint)(3 * n + 16));
            c40.StoreUnsafe(ref c, (nuint)(4 * n));
            c41.StoreUnsafe(ref c, (nuint)(4 * n + 16));
            c50.StoreUnsafe(ref c, (nuint)(5 * n));
            c51.StoreUnsafe(ref c, (nuint)(5 * n + 16));
        }

        internal static void Positive(int value, string name)
        {
            if (value <= 0)
            {
                throw new ArgumentOutOfRangeException(name, value, name + " must be positive.");
            }
        }

        internal static void Length(int actual, int expected, string name)
        {
            if (actual != expected)
            {
                throw new ArgumentException($"{name} holds {actual} floats; expected {expected}.", name);
            }
        }
    }
}
