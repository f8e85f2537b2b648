using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ConvGen.Inference
{
    /// <summary>
    /// Winograd F(4x4, 3x3) for 3x3, stride-1 convolutions with few input channels (1-4), such as a network's first
    /// layer on an image's colour channels. <see cref="WinogradConvolution"/> transforms 8 input channels at a time and
    /// multiplies 32 output channels at a time, so on an RGB image most of its transform work would be padding; this
    /// kernel is built around the few channels instead (docs/winograd.md):
    /// <list type="bullet">
    /// <item>The input transform runs along whole rows. For each row of tiles, Bᵀ combines the six input rows under it,
    /// one vector over all pixels and channels of a row at a time. Each transformed row is then split into four planes
    /// by pixel mod 4, so that B combines, for every tile at once, the six pixels under it with contiguous vectors.</item>
    /// <item>The product runs point by point over a chunk of tiles: the weights of one point and one block of
    /// <see cref="WinogradSizes.NarrowChannelBlock"/> output channels (two Vector256, or one Vector512 where
    /// accelerated) stay in registers while each tile's few channels are broadcast against them.</item>
    /// <item>The output transform adds the bias and applies the activation; a following 2x2 pool
    /// (<see cref="WinogradPooling"/>) is computed from the tile's 4x4 output in registers, so only pooled pixels are stored.</item>
    /// </list>
    /// The kernel is transformed once (<see cref="TransformKernel"/>, into <c>U[out / 16][36, in, 16]</c>), with the
    /// interpolation points of <see cref="WinogradConvolution"/>'s F(4x4, 3x3). The input channel count is a type
    /// argument inside, so each count runs with its channel loop unrolled. Shape-independent, so it lives here once; the
    /// generated code calls it with constant sizes. Nothing is allocated.
    /// </summary>
    public static class NarrowWinogradConvolution
    {
        /// <summary>Most input channels this kernel takes.</summary>
        public const int MaxInputChannels = WinogradSizes.NarrowMaxInputChannels;

        private const int Block = WinogradSizes.NarrowChannelBlock;
        private const int Lanes = 8;
        private const int Points = 36;

        /// <summary>Tiles whose products are formed together before their output transforms: M of a chunk stays in L1.</summary>
        private const int ChunkTiles = WinogradSizes.NarrowChunkTiles;

        /// <summary>Floats of M per tile: 36 points x one block of output channels.</summary>
        private const int TileFloats = Points * Block;

        /// <summary>Floats of the transformed kernel: <c>36 × inChannels × outChannels</c>, output channels rounded up to a multiple of 16.</summary>
        /// <exception cref="ArgumentOutOfRangeException">A count is not positive, or there are more than <see cref="MaxInputChannels"/> input channels.</exception>
        public static int TransformedKernelLength(int inChannels, int outChannels)
        {
            Channels(inChannels);
            WinogradConvolution.Positive(outChannels, nameof(outChannels));
            return WinogradSizes.NarrowTransformedKernelLength(inChannels, outChannels); // the generator sizes the packed weights by the same rule
        }

        /// <summary>Floats of workspace <see cref="Run"/> needs for one call (it depends on the output width, not the height).</summary>
        /// <exception cref="ArgumentOutOfRangeException">A count is not positive, or there are more than <see cref="MaxInputChannels"/> input channels.</exception>
        public static int WorkspaceLength(int inChannels, int outWidth)
        {
            Channels(inChannels);
            WinogradConvolution.Positive(outWidth, nameof(outWidth));
            return WinogradSizes.NarrowWorkspaceLength(inChannels, outWidth); // the generator sizes the scratch by the same rule
        }

        /// <summary>
        /// U[ξ][in][out] = (G g Gᵀ)[ξ] of each <c>[3, 3]</c> slice g of the kernel (computed in double), in blocks of 16 output
        /// channels; padding channels are 0.
        /// </summary>
        /// <param name="kernel">The kernel <c>[3, 3, in, out]</c> (Keras order), each row of output channels <paramref name="kernelRowLength"/> floats long.</param>
        /// <param name="inChannels">Input channels, 1 to <see cref="MaxInputChannels"/>.</param>
        /// <param name="outChannels">Output channels.</param>
        /// <param name="transformed"><see cref="TransformedKernelLength"/> floats.</param>
        /// <param name="kernelRowLength">
        /// Floats from one (ky, kx, in) row of the kernel to the next: <paramref name="outChannels"/> (the default, 0) for a Keras
        /// kernel, or more for a kernel whose rows are padded (the generated code transforms its packed, BatchNorm-folded kernel).
        /// </param>
        /// <exception cref="ArgumentException">A span has the wrong length.</exception>
        public static void TransformKernel(ReadOnlySpan<float> kernel, int inChannels, int outChannels, Span<float> transformed, int kernelRowLength = 0)
        {
            WinogradConvolution.Length(transformed.Length, TransformedKernelLength(inChannels, outChannels), nameof(transformed));
            int rowLength = kernelRowLength == 0 ? outChannels : kernelRowLength;
            if (rowLength < outChannels)
            {
                throw new ArgumentOutOfRangeException(nameof(kernelRowLength), kernelRowLength, "A kernel row holds at least the output channels.");
            }

            WinogradConvolution.Length(kernel.Length, 9 * inChannels * rowLength, nameof(kernel));
            WinogradConvolution.TransformKernelInto(4, 3, kernel, inChannels, outChannels, transformed, 0, Block, rowLength);
        }

        /// <summary>
        /// Whether the generated code runs this kernel for the layers it was chosen for: where Vector256 is the widest
        /// accelerated vector (AVX2 without AVX-512), where it beats the direct kernel; with Vector512 the direct kernel is faster
        /// (docs/winograd.md). A constant for the JIT, so the generated dispatch costs nothing.
        /// </summary>
        public static bool Preferred => PreferredOverride ?? (Vector256.IsHardwareAccelerated && !Vector512.IsHardwareAccelerated);

        /// <summary>Tests set this to run the generated layers through this kernel (true) or the direct one (false) on any machine; null in use.</summary>
        internal static bool? PreferredOverride { get; set; }

        /// <summary>
        /// output = pool(activation(bias[co] + Σ input[oy + ky - padTop, ox + kx - padLeft, ci] · kernel[ky, kx, ci, co])),
        /// input pixels outside the image read as zero.
        /// </summary>
        /// <param name="input">The input tensor <c>[height, width, inChannels]</c>.</param>
        /// <param name="height">Input height.</param>
        /// <param name="width">Input width.</param>
        /// <param name="inChannels">Input channels, 1 to <see cref="MaxInputChannels"/>.</param>
        /// <param name="padTop">Rows of zeros above the input (1 for TF <c>same</c>, 0 for <c>valid</c>).</param>
        /// <param name="padLeft">Columns of zeros left of the input.</param>
        /// <param name="transformedKernel">The kernel from <see cref="TransformKernel"/>.</param>
        /// <param name="bias"><c>outChannels</c> floats, or empty for no bias.</param>
        /// <param name="output">
        /// The output tensor: <c>[outHeight, outWidth, outChannels]</c>, or with a pool <c>[outHeight / 2, outWidth / 2, outChannels]</c>
        /// (Keras' valid pooling drops an odd last row or column). Must not overlap the input or the workspace.
        /// </param>
        /// <param name="outHeight">The convolution's output height (before any pool); input rows beyond the image read as zeros.</param>
        /// <param name="outWidth">The convolution's output width.</param>
        /// <param name="outChannels">Output channels.</param>
        /// <param name="activation"><see cref="Activation.Linear"/>, <see cref="Activation.ReLU"/> or <see cref="Activation.ReLU6"/>.</param>
        /// <param name="pooling">The 2x2 pool applied to the activated output, or <see cref="WinogradPooling.None"/>.</param>
        /// <param name="workspace">At least <see cref="WorkspaceLength"/> floats of scratch.</param>
        /// <exception cref="ArgumentException">A span has the wrong length, or two of them overlap.</exception>
        /// <exception cref="ArgumentOutOfRangeException">A size is not positive, or the activation or pooling is not one this kernel applies.</exception>
        public static void Run(ReadOnlySpan<float> input, int height, int width, int inChannels, int padTop, int padLeft,
            ReadOnlySpan<float> transformedKernel, ReadOnlySpan<float> bias, Span<float> output, int outHeight, int outWidth, int outChannels,
            Activation activation, WinogradPooling pooling, Span<float> workspace) =>
            RunWith(input, height, width, inChannels, padTop, padLeft, transformedKernel, bias, output, outHeight, outWidth, outChannels, activation, pooling, workspace,
                Vector512.IsHardwareAccelerated);

        /// <summary>As the public Run; <paramref name="wide"/> picks the Vector512 product (tests run both on one machine).</summary>
        internal static void RunWith(ReadOnlySpan<float> input, int height, int width, int inChannels, int padTop, int padLeft,
            ReadOnlySpan<float> transformedKernel, ReadOnlySpan<float> bias, Span<float> output, int outHeight, int outWidth, int outChannels,
            Activation activation, WinogradPooling pooling, Span<float> workspace, bool wide)
        {
            WinogradConvolution.Positive(height, nameof(height));
            WinogradConvolution.Positive(width, nameof(width));
            WinogradConvolution.Positive(outHeight, nameof(outHeight));
            WinogradConvolution.Positive(outWidth, nameof(outWidth));
            if (padTop < 0 || padLeft < 0)
            {
                throw new ArgumentOutOfRangeException(padTop < 0 ? nameof(padTop) : nameof(padLeft), "Padding must not be negative.");
            }

            if (activation is not (Activation.Linear or Activation.ReLU or Activation.ReLU6))
            {
                throw new ArgumentOutOfRangeException(nameof(activation), activation, "Only Linear, ReLU and ReLU6 are applied by the Winograd output transform.");
            }

            if (pooling is not (WinogradPooling.None or WinogradPooling.Max2x2 or WinogradPooling.Average2x2))
            {
                throw new ArgumentOutOfRangeException(nameof(pooling), pooling, "Not a WinogradPooling value.");
            }

            bool pooled = pooling != WinogradPooling.None;
            int storedHeight = pooled ? outHeight / 2 : outHeight, storedWidth = pooled ? outWidth / 2 : outWidth;
            WinogradConvolution.Length(transformedKernel.Length, TransformedKernelLength(inChannels, outChannels), nameof(transformedKernel));
            WinogradConvolution.Length(input.Length, height * width * inChannels, nameof(input));
            WinogradConvolution.Length(output.Length, storedHeight * storedWidth * outChannels, nameof(output));
            if (!bias.IsEmpty)
            {
                WinogradConvolution.Length(bias.Length, outChannels, nameof(bias));
            }

            int workspaceLength = WorkspaceLength(inChannels, outWidth);
            if (workspace.Length < workspaceLength)
            {
                throw new ArgumentException($"workspace holds {workspace.Length} floats; Run needs {workspaceLength}.", nameof(workspace));
            }

            if (input.Overlaps(output) || workspace.Overlaps(output) || workspace.Overlaps(input))
            {
                throw new ArgumentException("input, output and workspace must not overlap.", input.Overlaps(output) ? nameof(output) : nameof(workspace));
            }

            if (storedHeight == 0 || storedWidth == 0)
            {
                return;
            }

            // A tile is 4x4 output pixels, or with a pool the 2x2 pooled pixels computed from them.
            int tileSide = pooled ? 2 : 4;
            int tilesHigh = (storedHeight + tileSide - 1) / tileSide, tilesWide = (storedWidth + tileSide - 1) / tileSide;
            var g = new Geometry(height, width, inChannels, padLeft, tilesWide, outHeight, outWidth, outChannels, storedHeight, storedWidth);
            Span<float> rows = workspace.Slice(0, 6 * g.RowLength);
            Span<float> quads = workspace.Slice(rows.Length, 24 * g.QuadLength);
            Span<float> v = workspace.Slice(rows.Length + quads.Length, Points * g.PlaneLength);
            Span<float> m = workspace.Slice(rows.Length + quads.Length + v.Length, Math.Min(ChunkTiles, tilesWide) * TileFloats);

            // The transformed rows hold the input at padLeft·C; what lies left and right of it is padding and stays zero.
            // The quarter planes are cleared once, so the lanes past the last tile hold zeros, not whatever the workspace held.
            int pixels = Math.Max(0, Math.Min(width, 4 * tilesWide + 2 - padLeft));
            int interior = pixels * inChannels;
            int interiorStart = Math.Min(padLeft * inChannels, g.RowLength);
            for (int r = 0; r < 6; r++)
            {
                Span<float> row = rows.Slice(r * g.RowLength, g.RowLength);
                row.Slice(0, interiorStart).Clear();
                row.Slice(Math.Min(interiorStart + interior, g.RowLength)).Clear();
            }

            quads.Clear();
            var work = new Work(padTop, interior, activation, pooling, tilesHigh, wide);
            switch (inChannels)
            {
                case 1:
                    Rows<One>(input, in g, in work, transformedKernel, bias, output, rows, quads, v, m);
                    break;
                case 2:
                    Rows<Two>(input, in g, in work, transformedKernel, bias, output, rows, quads, v, m);
                    break;
                case 3:
                    Rows<Three>(input, in g, in work, transformedKernel, bias, output, rows, quads, v, m);
                    break;
                default:
                    Rows<Four>(input, in g, in work, transformedKernel, bias, output, rows, quads, v, m);
                    break;
            }
        }

        private static void Channels(int inChannels)
        {
            WinogradConvolution.Positive(inChannels, nameof(inChannels));
            if (inChannels > MaxInputChannels)
            {
                throw new ArgumentOutOfRangeException(nameof(inChannels), inChannels, $"The narrow Winograd kernel takes 1-{MaxInputChannels} input channels; WinogradConvolution takes more.");
            }
        }

        /// <summary>Every row of tiles: its input transform, then per chunk of tiles and block of output channels the products and the output transform.</summary>
        private static void Rows<TC>(ReadOnlySpan<float> input, in Geometry g, in Work work, ReadOnlySpan<float> transformedKernel, ReadOnlySpan<float> bias,
            Span<float> output, Span<float> rows, Span<float> quads, Span<float> v, Span<float> m)
            where TC : struct, IChannelCount
        {
            bool wide = work.Wide;
            ref float u = ref MemoryMarshal.GetReference(transformedKernel);
            ref float vr = ref MemoryMarshal.GetReference(v);
            ref float mr = ref MemoryMarshal.GetReference(m);
            for (int ty = 0; ty < work.TilesHigh; ty++)
            {
                TransformRows(input, in g, 4 * ty - work.PadTop, work.Interior, rows);
                SplitQuads<TC>(rows, in g, quads);
                TransformColumns(quads, in g, v);
                for (int first = 0; first < g.TilesWide; first += ChunkTiles)
                {
                    int tiles = Math.Min(ChunkTiles, g.TilesWide - first);
                    ref float vt = ref Unsafe.Add(ref vr, first * TC.Count);
                    for (int c0 = 0; c0 < g.OutChannels; c0 += Block)
                    {
                        ref float ub = ref Unsafe.Add(ref u, Points * TC.Count * c0); // block c0 / 16 of U[block][ξ][c][16]
                        if (wide)
                        {
                            Products512<TC>(ref vt, g.PlaneLength, ref ub, tiles, ref mr);
                        }
                        else
                        {
                            Products256<TC>(ref vt, g.PlaneLength, ref ub, tiles, ref mr);
                        }

                        Outputs(ref mr, tiles, in g, ty, first, c0, bias, work.Activation, work.Pooling, output);
                    }
                }
            }
        }

        /// <summary>The per-call values <see cref="Rows{TC}"/> passes down.</summary>
        private readonly struct Work
        {
            public readonly int PadTop, Interior, TilesHigh;
            public readonly Activation Activation;
            public readonly WinogradPooling Pooling;
            public readonly bool Wide;

            public Work(int padTop, int interior, Activation activation, WinogradPooling pooling, int tilesHigh, bool wide)
            {
                Wide = wide;
                PadTop = padTop;
                Interior = interior;
                Activation = activation;
                Pooling = pooling;
                TilesHigh = tilesHigh;
            }
        }

        private readonly struct Geometry
        {
            public readonly int Height, Width, InChannels, PadLeft, TilesWide, OutHeight, OutWidth, OutChannels, StoredHeight, StoredWidth, RowLength, QuadLength, PlaneLength;

            public Geometry(int height, int width, int inChannels, int padLeft, int tilesWide, int outHeight, int outWidth, int outChannels, int storedHeight, int storedWidth)
            {
                Height = height;
                Width = width;
                InChannels = inChannels;
                PadLeft = padLeft;
                TilesWide = tilesWide;
                OutHeight = outHeight;
                OutWidth = outWidth;
                OutChannels = outChannels;
                StoredHeight = storedHeight;
                StoredWidth = storedWidth;
                // Sized for the tiles of the unpooled width, which the workspace was sized for.
                int sized = WinogradSizes.NarrowTilesWide(outWidth);
                RowLength = WinogradSizes.NarrowRowLength(inChannels, sized);
                QuadLength = WinogradSizes.NarrowQuadLength(inChannels, sized);
                PlaneLength = WinogradSizes.NarrowPlaneLength(inChannels, tilesWide);
            }
        }

        /// <summary>
        /// Bᵀ d for the six input rows from <paramref name="iy"/> (rows outside the image read as zeros): row i of
        /// <paramref name="rows"/> = Σ_k Bᵀ[i][k] · input row iy + k, over the <paramref name="interior"/> floats of each row
        /// that lie under the tiles (the last vector from a zero-padded copy).
        /// </summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void TransformRows(ReadOnlySpan<float> input, in Geometry g, int iy, int interior, Span<float> rows)
        {
            int rowFloats = g.Width * g.InChannels;
            ref float start = ref MemoryMarshal.GetReference(input);
            bool h0 = Inside(iy, g.Height), h1 = Inside(iy + 1, g.Height), h2 = Inside(iy + 2, g.Height);
            bool h3 = Inside(iy + 3, g.Height), h4 = Inside(iy + 4, g.Height), h5 = Inside(iy + 5, g.Height);
            ref float d0 = ref h0 ? ref Unsafe.Add(ref start, iy * rowFloats) : ref start;
            ref float d1 = ref h1 ? ref Unsafe.Add(ref start, (iy + 1) * rowFloats) : ref start;
            ref float d2 = ref h2 ? ref Unsafe.Add(ref start, (iy + 2) * rowFloats) : ref start;
            ref float d3 = ref h3 ? ref Unsafe.Add(ref start, (iy + 3) * rowFloats) : ref start;
            ref float d4 = ref h4 ? ref Unsafe.Add(ref start, (iy + 4) * rowFloats) : ref start;
            ref float d5 = ref h5 ? ref Unsafe.Add(ref start, (iy + 5) * rowFloats) : ref start;
            ref float t0 = ref Unsafe.Add(ref MemoryMarshal.GetReference(rows), g.PadLeft * g.InChannels);
            nuint stride = (nuint)g.RowLength;
            int f = 0;
            for (; f + Lanes <= interior; f += Lanes)
            {
                WinogradConvolution.Input6(Load(ref d0, h0, f), Load(ref d1, h1, f), Load(ref d2, h2, f), Load(ref d3, h3, f), Load(ref d4, h4, f), Load(ref d5, h5, f),
                    out Vector256<float> r0, out Vector256<float> r1, out Vector256<float> r2, out Vector256<float> r3, out Vector256<float> r4, out Vector256<float> r5);
                Store6(ref Unsafe.Add(ref t0, f), stride, r0, r1, r2, r3, r4, r5);
            }

            if (f < interior)
            {
                // The last floats of each row, zero-padded to a vector; the zeros transform to zeros in the padding after them.
                int count = interior - f;
                WinogradConvolution.Input6(Tail(ref d0, h0, f, count), Tail(ref d1, h1, f, count), Tail(ref d2, h2, f, count), Tail(ref d3, h3, f, count), Tail(ref d4, h4, f, count), Tail(ref d5, h5, f, count),
                    out Vector256<float> r0, out Vector256<float> r1, out Vector256<float> r2, out Vector256<float> r3, out Vector256<float> r4, out Vector256<float> r5);
                Store6(ref Unsafe.Add(ref t0, f), stride, r0, r1, r2, r3, r4, r5);
            }
        }

        /// <summary>The six transformed rows' vectors at one position, rows <paramref name="stride"/> floats apart.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Store6(ref float t, nuint stride, Vector256<float> r0, Vector256<float> r1, Vector256<float> r2, Vector256<float> r3, Vector256<float> r4, Vector256<float> r5)
        {
            r0.StoreUnsafe(ref t);
            r1.StoreUnsafe(ref t, stride);
            r2.StoreUnsafe(ref t, 2 * stride);
            r3.StoreUnsafe(ref t, 3 * stride);
            r4.StoreUnsafe(ref t, 4 * stride);
            r5.StoreUnsafe(ref t, 5 * stride);
        }

        private static bool Inside(int y, int height) => (uint)y < (uint)height;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<float> Load(ref float row, bool inside, int f) => inside ? Vector256.LoadUnsafe(ref row, (nuint)f) : Vector256<float>.Zero;

        /// <summary>
        /// The last <paramref name="count"/> floats of a row from <paramref name="f"/>, then zeros. From the row's last whole
        /// vector, shifted down (Shuffle gives 0 for an index past the vector); from a copy when the row is shorter than a vector.
        /// </summary>
        private static Vector256<float> Tail(ref float row, bool inside, int f, int count)
        {
            if (!inside)
            {
                return Vector256<float>.Zero;
            }

            if (f + count >= Lanes)
            {
                Vector256<float> last = Vector256.LoadUnsafe(ref row, (nuint)(f + count - Lanes));
                return Vector256.Shuffle(last, Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7) + Vector256.Create(Lanes - count));
            }

            Span<float> lanes = stackalloc float[Lanes];
            lanes.Clear();
            MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref row, f), count).CopyTo(lanes);
            return Vector256.Create((ReadOnlySpan<float>)lanes);
        }

        /// <summary>
        /// Splits each transformed row into four planes by pixel mod 4: plane k holds pixel 4t + k of each tile t at t·C
        /// (and, for k = 0, 1, the pixels 4t + 4, 4t + 5 a tile's window reaches, as those of tile t + 1).
        /// One Vector128 per pixel: C ≤ 4, and the floats it writes past the pixel are overwritten by the next.
        /// </summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void SplitQuads<TC>(Span<float> rows, in Geometry g, Span<float> quads)
            where TC : struct, IChannelCount
        {
            ref float r0 = ref MemoryMarshal.GetReference(rows);
            ref float q0 = ref MemoryMarshal.GetReference(quads);
            int tiles = g.TilesWide;
            for (int i = 0; i < 6; i++)
            {
                ref float row = ref Unsafe.Add(ref r0, i * g.RowLength);
                ref float p0 = ref Unsafe.Add(ref q0, 4 * i * g.QuadLength);
                ref float p1 = ref Unsafe.Add(ref p0, g.QuadLength);
                ref float p2 = ref Unsafe.Add(ref p0, 2 * g.QuadLength);
                ref float p3 = ref Unsafe.Add(ref p0, 3 * g.QuadLength);
                for (int t = 0; t < tiles; t++)
                {
                    ref float pixel = ref Unsafe.Add(ref row, 4 * t * TC.Count);
                    nuint at = (nuint)(t * TC.Count);
                    Vector128.LoadUnsafe(ref pixel).StoreUnsafe(ref p0, at);
                    Vector128.LoadUnsafe(ref pixel, (nuint)TC.Count).StoreUnsafe(ref p1, at);
                    Vector128.LoadUnsafe(ref pixel, (nuint)(2 * TC.Count)).StoreUnsafe(ref p2, at);
                    Vector128.LoadUnsafe(ref pixel, (nuint)(3 * TC.Count)).StoreUnsafe(ref p3, at);
                }

                ref float last = ref Unsafe.Add(ref row, 4 * tiles * TC.Count);
                Vector128.LoadUnsafe(ref last).StoreUnsafe(ref p0, (nuint)(tiles * TC.Count));
                Vector128.LoadUnsafe(ref last, (nuint)TC.Count).StoreUnsafe(ref p1, (nuint)(tiles * TC.Count));
            }
        }

        /// <summary>(Bᵀ d) B: plane 6i + j of V at tile t is Σ_k Bᵀ[j][k] · pixel 4t + k of transformed row i, for every tile at once.</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void TransformColumns(Span<float> quads, in Geometry g, Span<float> v)
        {
            int c = g.InChannels;
            nuint plane = (nuint)g.PlaneLength;
            ref float v0 = ref MemoryMarshal.GetReference(v);
            for (int i = 0; i < 6; i++)
            {
                ref float p0 = ref Unsafe.Add(ref MemoryMarshal.GetReference(quads), 4 * i * g.QuadLength);
                ref float p1 = ref Unsafe.Add(ref p0, g.QuadLength);
                ref float p2 = ref Unsafe.Add(ref p0, 2 * g.QuadLength);
                ref float p3 = ref Unsafe.Add(ref p0, 3 * g.QuadLength);
                ref float out0 = ref Unsafe.Add(ref v0, 6 * i * g.PlaneLength);
                for (int f = 0; f < g.PlaneLength; f += Lanes)
                {
                    WinogradConvolution.Input6(Vector256.LoadUnsafe(ref p0, (nuint)f), Vector256.LoadUnsafe(ref p1, (nuint)f), Vector256.LoadUnsafe(ref p2, (nuint)f),
                        Vector256.LoadUnsafe(ref p3, (nuint)f), Vector256.LoadUnsafe(ref p0, (nuint)(f + c)), Vector256.LoadUnsafe(ref p1, (nuint)(f + c)),
                        out Vector256<float> a0, out Vector256<float> a1, out Vector256<float> a2, out Vector256<float> a3, out Vector256<float> a4, out Vector256<float> a5);
                    ref float o = ref Unsafe.Add(ref out0, f);
                    a0.StoreUnsafe(ref o);
                    a1.StoreUnsafe(ref o, plane);
                    a2.StoreUnsafe(ref o, 2 * plane);
                    a3.StoreUnsafe(ref o, 3 * plane);
                    a4.StoreUnsafe(ref o, 4 * plane);
                    a5.StoreUnsafe(ref o, 5 * plane);
                }
            }
        }

        /// <summary>
        /// M[t][ξ] = Σ_c V[ξ][c at tile t] · U[ξ][c] for <paramref name="tiles"/> tiles and one block of 16 output channels (two
        /// Vector256), into <paramref name="m"/> (<c>M[tile][ξ][16]</c>). The weights of a point stay in registers while it runs
        /// along the tiles, so each multiply-add loads only half a broadcast.
        /// </summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void Products256<TC>(ref float v, int plane, ref float u, int tiles, ref float m)
            where TC : struct, IChannelCount
        {
            for (int xi = 0; xi < Points; xi++)
            {
                ref float w = ref Unsafe.Add(ref u, xi * TC.Count * Block);
                Vector256<float> w0a = Vector256.LoadUnsafe(ref w), w0b = Vector256.LoadUnsafe(ref w, Lanes);
                Vector256<float> w1a = TC.Count > 1 ? Vector256.LoadUnsafe(ref w, Block) : default, w1b = TC.Count > 1 ? Vector256.LoadUnsafe(ref w, Block + Lanes) : default;
                Vector256<float> w2a = TC.Count > 2 ? Vector256.LoadUnsafe(ref w, 2 * Block) : default, w2b = TC.Count > 2 ? Vector256.LoadUnsafe(ref w, 2 * Block + Lanes) : default;
                Vector256<float> w3a = TC.Count > 3 ? Vector256.LoadUnsafe(ref w, 3 * Block) : default, w3b = TC.Count > 3 ? Vector256.LoadUnsafe(ref w, 3 * Block + Lanes) : default;
                ref float x = ref Unsafe.Add(ref v, xi * plane);
                ref float mp = ref Unsafe.Add(ref m, xi * Block);
                int t = 0;
                for (; t + 2 <= tiles; t += 2)
                {
                    // Two tiles per step: two independent chains, and half the loop overhead.
                    Tile256<TC>(ref x, ref mp, w0a, w0b, w1a, w1b, w2a, w2b, w3a, w3b);
                    Tile256<TC>(ref Unsafe.Add(ref x, TC.Count), ref Unsafe.Add(ref mp, TileFloats), w0a, w0b, w1a, w1b, w2a, w2b, w3a, w3b);
                    x = ref Unsafe.Add(ref x, 2 * TC.Count); // the next tile's channels follow this one's in V
                    mp = ref Unsafe.Add(ref mp, 2 * TileFloats);
                }

                if (t < tiles)
                {
                    Tile256<TC>(ref x, ref mp, w0a, w0b, w1a, w1b, w2a, w2b, w3a, w3b);
                }
            }
        }

        /// <summary>M of one tile and point, 16 output channels: its 1-4 channel values broadcast against the point's weights.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Tile256<TC>(ref float x, ref float m, Vector256<float> w0a, Vector256<float> w0b, Vector256<float> w1a, Vector256<float> w1b,
            Vector256<float> w2a, Vector256<float> w2b, Vector256<float> w3a, Vector256<float> w3b)
            where TC : struct, IChannelCount
        {
            Vector256<float> b = Vector256.Create(x);
            Vector256<float> ma = b * w0a, mb = b * w0b;
            if (TC.Count > 1)
            {
                b = Vector256.Create(Unsafe.Add(ref x, 1));
                ma = Vector256.FusedMultiplyAdd(b, w1a, ma);
                mb = Vector256.FusedMultiplyAdd(b, w1b, mb);
            }

            if (TC.Count > 2)
            {
                b = Vector256.Create(Unsafe.Add(ref x, 2));
                ma = Vector256.FusedMultiplyAdd(b, w2a, ma);
                mb = Vector256.FusedMultiplyAdd(b, w2b, mb);
            }

            if (TC.Count > 3)
            {
                b = Vector256.Create(Unsafe.Add(ref x, 3));
                ma = Vector256.FusedMultiplyAdd(b, w3a, ma);
                mb = Vector256.FusedMultiplyAdd(b, w3b, mb);
            }

            ma.StoreUnsafe(ref m);
            mb.StoreUnsafe(ref m, Lanes);
        }

        /// <summary>As <see cref="Products256{TC}"/>, with the 16 output channels in one Vector512.</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void Products512<TC>(ref float v, int plane, ref float u, int tiles, ref float m)
            where TC : struct, IChannelCount
        {
            for (int xi = 0; xi < Points; xi++)
            {
                ref float w = ref Unsafe.Add(ref u, xi * TC.Count * Block);
                Vector512<float> w0 = Vector512.LoadUnsafe(ref w);
                Vector512<float> w1 = TC.Count > 1 ? Vector512.LoadUnsafe(ref w, Block) : default;
                Vector512<float> w2 = TC.Count > 2 ? Vector512.LoadUnsafe(ref w, 2 * Block) : default;
                Vector512<float> w3 = TC.Count > 3 ? Vector512.LoadUnsafe(ref w, 3 * Block) : default;
                ref float x = ref Unsafe.Add(ref v, xi * plane);
                ref float mp = ref Unsafe.Add(ref m, xi * Block);
                for (int t = 0; t < tiles; t++)
                {
                    Vector512<float> acc = Vector512.Create(x) * w0;
                    if (TC.Count > 1)
                    {
                        acc = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref x, 1)), w1, acc);
                    }

                    if (TC.Count > 2)
                    {
                        acc = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref x, 2)), w2, acc);
                    }

                    if (TC.Count > 3)
                    {
                        acc = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref x, 3)), w3, acc);
                    }

                    acc.StoreUnsafe(ref mp);
                    x = ref Unsafe.Add(ref x, TC.Count);
                    mp = ref Unsafe.Add(ref mp, TileFloats);
                }
            }
        }

        /// <summary>
        /// The output transform Y = Aᵀ M A, bias, activation (a clamp to [low, high], −∞/∞ for Linear) and pool of
        /// <paramref name="tiles"/> tiles from tile <paramref name="first"/> of row <paramref name="ty"/>, output channels
        /// c0..c0+16, 8 at a time; only pixels inside the (pooled) output are stored.
        /// </summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void Outputs(ref float m, int tiles, in Geometry g, int ty, int first, int c0, ReadOnlySpan<float> bias, Activation activation, WinogradPooling pooling, Span<float> output)
        {
            var clamp = new Clamp(activation);
            Span<Vector256<float>> columns = stackalloc Vector256<float>[24];
            ref Vector256<float> cr = ref MemoryMarshal.GetReference(columns);
            ref float o = ref MemoryMarshal.GetReference(output);
            for (int half = 0; half < 2; half++)
            {
                int c = c0 + half * Lanes;
                int lanes = Math.Min(Lanes, g.OutChannels - c);
                if (lanes <= 0)
                {
                    break;
                }

                Vector256<float> b = Bias(bias, c, lanes);
                for (int t = 0; t < tiles; t++)
                {
                    Columns(ref Unsafe.Add(ref m, t * TileFloats + half * Lanes), ref cr);
                    int tx = first + t;
                    if (pooling == WinogradPooling.None)
                    {
                        int rowFloats = g.OutWidth * g.OutChannels;
                        int rows = Math.Min(4, g.OutHeight - 4 * ty), pixels = Math.Min(4, g.OutWidth - 4 * tx);
                        ref float at = ref Unsafe.Add(ref o, (4 * ty * g.OutWidth + 4 * tx) * g.OutChannels + c);
                        for (int r = 0; r < rows; r++)
                        {
                            Row(ref cr, r, out Vector256<float> y0, out Vector256<float> y1, out Vector256<float> y2, out Vector256<float> y3);
                            ref float line = ref Unsafe.Add(ref at, r * rowFloats);
                            if (pixels == 4 && lanes == Lanes)
                            {
                                clamp.Apply(y0 + b).StoreUnsafe(ref line);
                                clamp.Apply(y1 + b).StoreUnsafe(ref line, (nuint)g.OutChannels);
                                clamp.Apply(y2 + b).StoreUnsafe(ref line, (nuint)(2 * g.OutChannels));
                                clamp.Apply(y3 + b).StoreUnsafe(ref line, (nuint)(3 * g.OutChannels));
                                continue;
                            }

                            Store(ref line, 0, lanes, clamp.Apply(y0 + b));
                            if (pixels > 1)
                            {
                                Store(ref line, g.OutChannels, lanes, clamp.Apply(y1 + b));
                            }

                            if (pixels > 2)
                            {
                                Store(ref line, 2 * g.OutChannels, lanes, clamp.Apply(y2 + b));
                            }

                            if (pixels > 3)
                            {
                                Store(ref line, 3 * g.OutChannels, lanes, clamp.Apply(y3 + b));
                            }
                        }

                        continue;
                    }

                    // Pooled: rows 0-1 of the tile give pooled row 2·ty, rows 2-3 pooled row 2·ty + 1; columns likewise.
                    bool max = pooling == WinogradPooling.Max2x2;
                    int pooledRows = Math.Min(2, g.StoredHeight - 2 * ty), pooledPixels = Math.Min(2, g.StoredWidth - 2 * tx);
                    ref float pooled = ref Unsafe.Add(ref o, (2 * ty * g.StoredWidth + 2 * tx) * g.OutChannels + c);
                    for (int a = 0; a < pooledRows; a++)
                    {
                        Row(ref cr, 2 * a, out Vector256<float> y00, out Vector256<float> y01, out Vector256<float> y02, out Vector256<float> y03);
                        Row(ref cr, 2 * a + 1, out Vector256<float> y10, out Vector256<float> y11, out Vector256<float> y12, out Vector256<float> y13);
                        ref float line = ref Unsafe.Add(ref pooled, a * g.StoredWidth * g.OutChannels);
                        Store(ref line, 0, lanes, max ? clamp.Max(y00, y01, y10, y11, b) : clamp.Average(y00, y01, y10, y11, b));
                        if (pooledPixels > 1)
                        {
                            Store(ref line, g.OutChannels, lanes, max ? clamp.Max(y02, y03, y12, y13, b) : clamp.Average(y02, y03, y12, y13, b));
                        }
                    }
                }
            }
        }

        /// <summary>Aᵀ applied down the six columns of one tile's M (8 output channels; points <see cref="Block"/> floats apart): columns[6r + j] = (Aᵀ M)[r][j].</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Columns(ref float m, ref Vector256<float> columns)
        {
            WinogradConvolution.Output6(Load(ref m, 0), Load(ref m, 6), Load(ref m, 12), Load(ref m, 18), Load(ref m, 24), Load(ref m, 30),
                out Unsafe.Add(ref columns, 0), out Unsafe.Add(ref columns, 6), out Unsafe.Add(ref columns, 12), out Unsafe.Add(ref columns, 18));
            WinogradConvolution.Output6(Load(ref m, 1), Load(ref m, 7), Load(ref m, 13), Load(ref m, 19), Load(ref m, 25), Load(ref m, 31),
                out Unsafe.Add(ref columns, 1), out Unsafe.Add(ref columns, 7), out Unsafe.Add(ref columns, 13), out Unsafe.Add(ref columns, 19));
            WinogradConvolution.Output6(Load(ref m, 2), Load(ref m, 8), Load(ref m, 14), Load(ref m, 20), Load(ref m, 26), Load(ref m, 32),
                out Unsafe.Add(ref columns, 2), out Unsafe.Add(ref columns, 8), out Unsafe.Add(ref columns, 14), out Unsafe.Add(ref columns, 20));
            WinogradConvolution.Output6(Load(ref m, 3), Load(ref m, 9), Load(ref m, 15), Load(ref m, 21), Load(ref m, 27), Load(ref m, 33),
                out Unsafe.Add(ref columns, 3), out Unsafe.Add(ref columns, 9), out Unsafe.Add(ref columns, 15), out Unsafe.Add(ref columns, 21));
            WinogradConvolution.Output6(Load(ref m, 4), Load(ref m, 10), Load(ref m, 16), Load(ref m, 22), Load(ref m, 28), Load(ref m, 34),
                out Unsafe.Add(ref columns, 4), out Unsafe.Add(ref columns, 10), out Unsafe.Add(ref columns, 16), out Unsafe.Add(ref columns, 22));
            WinogradConvolution.Output6(Load(ref m, 5), Load(ref m, 11), Load(ref m, 17), Load(ref m, 23), Load(ref m, 29), Load(ref m, 35),
                out Unsafe.Add(ref columns, 5), out Unsafe.Add(ref columns, 11), out Unsafe.Add(ref columns, 17), out Unsafe.Add(ref columns, 23));
        }

        /// <summary>Output row r of the tile: Aᵀ applied along row r of <see cref="Columns"/>' result.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Row(ref Vector256<float> columns, int r, out Vector256<float> y0, out Vector256<float> y1, out Vector256<float> y2, out Vector256<float> y3)
        {
            ref Vector256<float> row = ref Unsafe.Add(ref columns, 6 * r);
            WinogradConvolution.Output6(row, Unsafe.Add(ref row, 1), Unsafe.Add(ref row, 2), Unsafe.Add(ref row, 3), Unsafe.Add(ref row, 4), Unsafe.Add(ref row, 5), out y0, out y1, out y2, out y3);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<float> Load(ref float m, int point) => Vector256.LoadUnsafe(ref m, (nuint)(point * Block));

        /// <summary>The activation as a clamp to [low, high] (−∞/∞ for Linear, 0/∞ for ReLU, 0/6 for ReLU6); NaN passes through, as in the generated kernels.</summary>
        private readonly struct Clamp
        {
            private readonly Vector256<float> _low, _high;

            public Clamp(Activation activation)
            {
                _low = Vector256.Create(activation == Activation.Linear ? float.NegativeInfinity : 0f);
                _high = Vector256.Create(activation == Activation.ReLU6 ? 6f : float.PositiveInfinity);
            }

            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public Vector256<float> Apply(Vector256<float> x) => Vector256.MinNative(_high, Vector256.MaxNative(_low, x));

            /// <summary>Max pooling: bias and the activation are monotonic per channel, so the max of the window comes first.</summary>
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public Vector256<float> Max(Vector256<float> a, Vector256<float> b, Vector256<float> c, Vector256<float> d, Vector256<float> bias) =>
                Apply(Vector256.MaxNative(Vector256.MaxNative(a, b), Vector256.MaxNative(c, d)) + bias);

            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public Vector256<float> Average(Vector256<float> a, Vector256<float> b, Vector256<float> c, Vector256<float> d, Vector256<float> bias) =>
                (Apply(a + bias) + Apply(b + bias) + (Apply(c + bias) + Apply(d + bias))) * Vector256.Create(0.25f);
        }

        private static Vector256<float> Bias(ReadOnlySpan<float> bias, int c, int lanes)
        {
            if (bias.IsEmpty)
            {
                return Vector256<float>.Zero;
            }

            Span<float> values = stackalloc float[Lanes];
            values.Clear();
            bias.Slice(c, lanes).CopyTo(values);
            return Vector256.Create((ReadOnlySpan<float>)values);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Store(ref float output, int offset, int lanes, Vector256<float> value)
        {
            if (lanes == Lanes)
            {
                value.StoreUnsafe(ref output, (nuint)offset);
                return;
            }

            for (int i = 0; i < lanes; i++)
            {
                Unsafe.Add(ref output, offset + i) = value.GetElement(i);
            }
        }

        /// <summary>The input channel count as a type, so the JIT compiles each kernel with its channel loops unrolled.</summary>
        private interface IChannelCount
        {
            static abstract int Count { get; }
        }

        private struct One : IChannelCount
        {
            public static int Count => 1;
        }

        private struct Two : IChannelCount
        {
            public static int Count => 2;
        }

        private struct Three : IChannelCount
        {
            public static int Count => 3;
        }

        private struct Four : IChannelCount
        {
            public static int Count => 4;
        }
    }
}
