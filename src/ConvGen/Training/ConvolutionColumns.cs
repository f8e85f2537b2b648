using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ConvGen.Training
{
    /// <summary>
    /// The im2col view of a 2-D convolution over one NHWC image, for the generated trainers' matrix products
    /// (<see cref="Gemm"/>): row r of the column matrix holds output pixel (first + r)'s window in kernel order
    /// (ky, kx, channel), <see cref="Depth"/> floats, with zeros for taps in the padding (TensorFlow's rules: the
    /// caller passes the top and left padding). <see cref="Gather"/> builds rows; <see cref="Scatter"/> adds rows of
    /// column gradients back into the input gradient (col2im). A small struct the generated code creates with
    /// constant sizes; nothing is allocated.
    /// </summary>
    public readonly struct ConvolutionColumns
    {
        private readonly int _inHeight, _inWidth, _channels, _kernelHeight, _kernelWidth;
        private readonly int _strideHeight, _strideWidth, _dilationHeight, _dilationWidth, _padTop, _padLeft, _outHeight, _outWidth;

        /// <summary>Describes the convolution; every size must be positive (the paddings not negative).</summary>
        /// <exception cref="ArgumentOutOfRangeException">A size is not positive or a padding is negative.</exception>
        public ConvolutionColumns(int inHeight, int inWidth, int channels, int kernelHeight, int kernelWidth, int strideHeight, int strideWidth,
            int dilationHeight, int dilationWidth, int padTop, int padLeft, int outHeight, int outWidth)
        {
            Positive(inHeight, nameof(inHeight));
            Positive(inWidth, nameof(inWidth));
            Positive(channels, nameof(channels));
            Positive(kernelHeight, nameof(kernelHeight));
            Positive(kernelWidth, nameof(kernelWidth));
            Positive(strideHeight, nameof(strideHeight));
            Positive(strideWidth, nameof(strideWidth));
            Positive(dilationHeight, nameof(dilationHeight));
            Positive(dilationWidth, nameof(dilationWidth));
            Positive(outHeight, nameof(outHeight));
            Positive(outWidth, nameof(outWidth));
            if (padTop < 0 || padLeft < 0)
            {
                throw new ArgumentOutOfRangeException(padTop < 0 ? nameof(padTop) : nameof(padLeft), "Padding must not be negative.");
            }

            (_inHeight, _inWidth, _channels, _kernelHeight, _kernelWidth) = (inHeight, inWidth, channels, kernelHeight, kernelWidth);
            (_strideHeight, _strideWidth, _dilationHeight, _dilationWidth) = (strideHeight, strideWidth, dilationHeight, dilationWidth);
            (_padTop, _padLeft, _outHeight, _outWidth) = (padTop, padLeft, outHeight, outWidth);
        }

        /// <summary>Floats per row: kernel height * kernel width * channels.</summary>
        public int Depth => _kernelHeight * _kernelWidth * _channels;

        /// <summary>Height of the image with its padding: every window of every output pixel lies inside it.</summary>
        public int PaddedHeight => Math.Max(_inHeight + _padTop, (_outHeight - 1) * _strideHeight + (_kernelHeight - 1) * _dilationHeight + 1);

        /// <summary>Width of the image with its padding.</summary>
        public int PaddedWidth => Math.Max(_inWidth + _padLeft, (_outWidth - 1) * _strideWidth + (_kernelWidth - 1) * _dilationWidth + 1);

        /// <summary>Floats of the padded image (<see cref="Pad"/>).</summary>
        public int PaddedLength => PaddedHeight * PaddedWidth * _channels;

        /// <summary>
        /// The same convolution over the padded image: no window reaches outside, so <see cref="Gather"/> and
        /// <see cref="Scatter"/> copy whole kernel rows without checks (windows at the borders otherwise cost more
        /// than all the others when there are few channels).
        /// </summary>
        public ConvolutionColumns Padded => new ConvolutionColumns(PaddedHeight, PaddedWidth, _channels, _kernelHeight, _kernelWidth,
            _strideHeight, _strideWidth, _dilationHeight, _dilationWidth, 0, 0, _outHeight, _outWidth);

        /// <summary>padded = x with zeros around it (top and left as given, bottom and right as the windows need).</summary>
        /// <exception cref="ArgumentException">A span is too short.</exception>
        public void Pad(ReadOnlySpan<float> x, Span<float> padded)
        {
            CheckPadded(x.Length, padded.Length);
            padded.Slice(0, PaddedLength).Clear();
            int row = _inWidth * _channels, paddedRow = PaddedWidth * _channels;
            for (int y = 0; y < _inHeight; y++)
            {
                x.Slice(y * row, row).CopyTo(padded.Slice((y + _padTop) * paddedRow + _padLeft * _channels, row));
            }
        }

        /// <summary>dx += the part of <paramref name="padded"/> (a gradient with respect to the padded image) that covers the image.</summary>
        /// <exception cref="ArgumentException">A span is too short.</exception>
        public void AddUnpadded(ReadOnlySpan<float> padded, Span<float> dx)
        {
            CheckPadded(dx.Length, padded.Length);
            int row = _inWidth * _channels, paddedRow = PaddedWidth * _channels;
            for (int y = 0; y < _inHeight; y++)
            {
                TrainingMath.Add(padded.Slice((y + _padTop) * paddedRow + _padLeft * _channels, row), dx.Slice(y * row, row));
            }
        }

        private void CheckPadded(int imageLength, int paddedLength)
        {
            if (imageLength < _inHeight * _inWidth * _channels || paddedLength < PaddedLength)
            {
                throw new ArgumentException($"Spans of {imageLength} and {paddedLength} floats are too short for a {_inHeight}x{_inWidth}x{_channels} image and its {PaddedHeight}x{PaddedWidth} padding.");
            }
        }

        /// <summary>col[r, ..] = the window of output pixel <paramref name="first"/> + r, for r &lt; <paramref name="rows"/>.</summary>
        /// <exception cref="ArgumentException">A span is too short or the pixels run past the output.</exception>
        public void Gather(ReadOnlySpan<float> x, int first, int rows, Span<float> col)
        {
            Check(x.Length, first, rows, col.Length);
            Walk(ref MemoryMarshal.GetReference(x), first, rows, ref MemoryMarshal.GetReference(col), gather: true);
        }

        /// <summary>dx += the rows of <paramref name="dcol"/> put back where <see cref="Gather"/> took them (padding taps dropped).</summary>
        /// <exception cref="ArgumentException">A span is too short or the pixels run past the output.</exception>
        public void Scatter(ReadOnlySpan<float> dcol, int first, int rows, Span<float> dx)
        {
            Check(dx.Length, first, rows, dcol.Length);
            Walk(ref MemoryMarshal.GetReference(dx), first, rows, ref MemoryMarshal.GetReference(dcol), gather: false);
        }

        /// <summary>Throws unless a convolution size is at least 1 (shared with SingleChannelConvolution).</summary>
        internal static void Positive(int value, string name)
        {
            if (value < 1)
            {
                throw new ArgumentOutOfRangeException(name, value, "Convolution sizes must be positive.");
            }
        }

        private void Check(int imageLength, int first, int rows, int columnLength)
        {
            if (_channels == 0)
            {
                throw new InvalidOperationException("The convolution is not described (default ConvolutionColumns).");
            }

            if (imageLength < _inHeight * _inWidth * _channels)
            {
                throw new ArgumentException($"The image holds {imageLength} floats, fewer than {_inHeight}x{_inWidth}x{_channels}.");
            }

            if (first < 0 || rows < 0 || first + rows > _outHeight * _outWidth)
            {
                throw new ArgumentException($"Pixels {first} .. {first + rows} are not within the {_outHeight}x{_outWidth} output.");
            }

            if (columnLength < rows * Depth)
            {
                throw new ArgumentException($"The column block holds {columnLength} floats, fewer than {rows} rows of {Depth}.");
            }
        }

        /// <summary>Visits every (pixel, kernel row) run; gather copies image → columns (zeros outside), scatter adds columns → image.</summary>
        private void Walk(ref float image, int first, int rows, ref float col, bool gather)
        {
            // Locals, not fields: stores through the refs would otherwise make the JIT reload every field.
            int c = _channels, kw = _kernelWidth, kh = _kernelHeight, run = kw * c, depth = kh * run;
            int inHeight = _inHeight, inWidth = _inWidth, outWidth = _outWidth;
            int strideHeight = _strideHeight, strideWidth = _strideWidth, dilationHeight = _dilationHeight, dilationWidth = _dilationWidth;
            bool contiguous = dilationWidth == 1;
            int oy = first / outWidth, ox = first - oy * outWidth;
            for (int r = 0; r < rows; r++)
            {
                int ix0 = ox * strideWidth - _padLeft;
                int iy0 = oy * strideHeight - _padTop;
                bool inside = contiguous && ix0 >= 0 && ix0 + kw <= inWidth;
                if (inside && iy0 >= 0 && iy0 + (kh - 1) * dilationHeight < inHeight)
                {
                    // The whole window lies inside (every pixel once the image is padded): one run per kernel row.
                    nint at = ((nint)iy0 * inWidth + ix0) * c, step = (nint)dilationHeight * inWidth * c, to = (nint)r * depth;
                    for (int ky = 0; ky < kh; ky++, at += step, to += run)
                    {
                        Move(ref Unsafe.Add(ref image, at), ref Unsafe.Add(ref col, to), run, gather);
                    }

                    if (++ox == outWidth)
                    {
                        ox = 0;
                        oy++;
                    }

                    continue;
                }

                for (int ky = 0; ky < kh; ky++)
                {
                    int iy = iy0 + ky * dilationHeight;
                    nint to = (nint)r * depth + ky * run;
                    if ((uint)iy >= (uint)inHeight)
                    {
                        if (gather)
                        {
                            Zero(ref Unsafe.Add(ref col, to), run);
                        }

                        continue;
                    }

                    // An offset, not a ref: with left padding the row's start lies before the image.
                    nint from = ((nint)iy * inWidth + ix0) * c;
                    if (inside)
                    {
                        Move(ref Unsafe.Add(ref image, from), ref Unsafe.Add(ref col, to), run, gather);
                        continue;
                    }

                    if (contiguous)
                    {
                        // Part of the kernel row hangs over the left or right edge: zeros there, one run between.
                        int kx0 = Math.Max(0, -ix0), kx1 = Math.Min(kw, inWidth - ix0);
                        if (kx1 <= kx0)
                        {
                            kx0 = kx1 = kw;
                        }

                        if (gather)
                        {
                            Zero(ref Unsafe.Add(ref col, to), kx0 * c);
                            Zero(ref Unsafe.Add(ref col, to + kx1 * c), (kw - kx1) * c);
                        }

                        Move(ref Unsafe.Add(ref image, from + kx0 * c), ref Unsafe.Add(ref col, to + kx0 * c), (kx1 - kx0) * c, gather);
                        continue;
                    }

                    for (int kx = 0; kx < kw; kx++)
                    {
                        nint tap = to + kx * c;
                        if ((uint)(ix0 + kx * dilationWidth) >= (uint)inWidth)
                        {
                            if (gather)
                            {
                                Zero(ref Unsafe.Add(ref col, tap), c);
                            }

                            continue;
                        }

                        Move(ref Unsafe.Add(ref image, from + (nint)kx * dilationWidth * c), ref Unsafe.Add(ref col, tap), c, gather);
                    }
                }

                if (++ox == outWidth)
                {
                    ox = 0;
                    oy++;
                }
            }
        }

        /// <summary>Clears <paramref name="length"/> floats; short runs (a tap or two) without a call.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Zero(ref float at, int length)
        {
            if (length >= 16)
            {
                MemoryMarshal.CreateSpan(ref at, length).Clear();
                return;
            }

            for (int q = 0; q < length; q++)
            {
                Unsafe.Add(ref at, q) = 0f;
            }
        }

        /// <summary>Gather: col = image; scatter: image += col; <paramref name="length"/> floats.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Move(ref float image, ref float col, int length, bool gather)
        {
            if (gather && Vector128.IsHardwareAccelerated && length >= 4)
            {
                // Copies may overlap themselves: the last vector ends exactly at the run's end.
                if (Vector256.IsHardwareAccelerated && length >= 8)
                {
                    for (int v = 0; v < length - 8; v += 8)
                    {
                        Vector256.LoadUnsafe(ref image, (nuint)v).StoreUnsafe(ref col, (nuint)v);
                    }

                    Vector256.LoadUnsafe(ref image, (nuint)(length - 8)).StoreUnsafe(ref col, (nuint)(length - 8));
                    return;
                }

                for (int v = 0; v < length - 4; v += 4)
                {
                    Vector128.LoadUnsafe(ref image, (nuint)v).StoreUnsafe(ref col, (nuint)v);
                }

                Vector128.LoadUnsafe(ref image, (nuint)(length - 4)).StoreUnsafe(ref col, (nuint)(length - 4));
                return;
            }

            int q = 0;
            if (!gather && Vector256.IsHardwareAccelerated)
            {
                for (; q + 8 <= length; q += 8)
                {
                    (Vector256.LoadUnsafe(ref image, (nuint)q) + Vector256.LoadUnsafe(ref col, (nuint)q)).StoreUnsafe(ref image, (nuint)q);
                }
            }

            for (; q < length; q++)
            {
                if (gather)
                {
                    Unsafe.Add(ref col, q) = Unsafe.Add(ref image, q);
                }
                else
                {
                    Unsafe.Add(ref image, q) += Unsafe.Add(ref col, q);
                }
            }
        }
    }
}
