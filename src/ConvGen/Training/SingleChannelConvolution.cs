using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ConvGen.Training
{
    /// <summary>
    /// A stride-1, undilated 2-D convolution of a one-channel NHWC image with a few filters (a network's first layer on
    /// grey images), computed directly instead of as im2col + GEMM: with one channel the products' inner dimension is
    /// only kh * kw and the filter count narrower than a vector, so the GEMM wastes most lanes. Here the vectors run
    /// along output rows instead: the image is zero-padded once into a scratch whose rows are a whole number of
    /// vectors wide (<see cref="RowWidth"/>), the output is computed one filter plane at a time and transposed back to
    /// NHWC, and the kernel gradient is a dot product of shifted image rows with the (transposed) output gradient.
    /// Without Vector256 the same loops run one float at a time. Nothing is allocated.
    /// </summary>
    public readonly struct SingleChannelConvolution
    {
        private readonly int _inHeight, _inWidth, _kernelHeight, _kernelWidth, _padTop, _padLeft, _outHeight, _outWidth, _filters;

        /// <summary>Describes the convolution; sizes must be positive, paddings not negative.</summary>
        /// <exception cref="ArgumentOutOfRangeException">A size is not positive or a padding is negative.</exception>
        public SingleChannelConvolution(int inHeight, int inWidth, int kernelHeight, int kernelWidth, int padTop, int padLeft, int outHeight, int outWidth, int filters)
        {
            ConvolutionColumns.Positive(inHeight, nameof(inHeight));
            ConvolutionColumns.Positive(inWidth, nameof(inWidth));
            ConvolutionColumns.Positive(kernelHeight, nameof(kernelHeight));
            ConvolutionColumns.Positive(kernelWidth, nameof(kernelWidth));
            ConvolutionColumns.Positive(outHeight, nameof(outHeight));
            ConvolutionColumns.Positive(outWidth, nameof(outWidth));
            ConvolutionColumns.Positive(filters, nameof(filters));
            if (padTop < 0 || padLeft < 0)
            {
                throw new ArgumentOutOfRangeException(padTop < 0 ? nameof(padTop) : nameof(padLeft), "Padding must not be negative.");
            }

            (_inHeight, _inWidth, _kernelHeight, _kernelWidth) = (inHeight, inWidth, kernelHeight, kernelWidth);
            (_padTop, _padLeft, _outHeight, _outWidth, _filters) = (padTop, padLeft, outHeight, outWidth, filters);
        }

        /// <summary>
        /// Floats per row of the padded image and of the planes: output width + kernel width - 1 rounded up to a
        /// multiple of 8. With one width for both, every tap is a contiguous dot product of a plane with the image
        /// shifted by the tap's offset (the columns past the output are computed and dropped, or have zero gradient).
        /// </summary>
        public int RowWidth => (_outWidth + _kernelWidth - 1 + 7) / 8 * 8;

        /// <summary>Floats of the padded image: one more row than the windows need, so shifted reads stay inside.</summary>
        private int PaddedLength => (_outHeight + _kernelHeight) * RowWidth;

        /// <summary>Scratch floats <see cref="Forward"/> and <see cref="AddKernelGradient"/> need.</summary>
        public int ScratchLength => PaddedLength + _filters * _outHeight * RowWidth;

        /// <summary>
        /// z = the convolution of x with the kernel ([kh, kw, 1, filters]) plus the bias (empty for none); z is NHWC
        /// [outHeight, outWidth, filters].
        /// </summary>
        /// <exception cref="ArgumentException">A span is too short.</exception>
        public void Forward(ReadOnlySpan<float> x, ReadOnlySpan<float> kernel, ReadOnlySpan<float> bias, Span<float> z, Span<float> scratch)
        {
            Check(x.Length, kernel.Length, z.Length, scratch.Length);
            if (!bias.IsEmpty && bias.Length < _filters)
            {
                throw new ArgumentException($"The bias holds {bias.Length} floats, fewer than {_filters} filters.", nameof(bias));
            }

            Span<float> padded = scratch.Slice(0, PaddedLength);
            Span<float> planes = scratch.Slice(PaddedLength, _filters * _outHeight * RowWidth);
            Pad(x, padded);
            int rw = RowWidth, kh = _kernelHeight, kw = _kernelWidth, filters = _filters, outHeight = _outHeight, length = outHeight * rw;
            ref float pr = ref MemoryMarshal.GetReference(padded);
            ref float kr = ref MemoryMarshal.GetReference(kernel);
            for (int f = 0; f < filters; f++)
            {
                float b = bias.IsEmpty ? 0f : bias[f];
                ref float plane = ref MemoryMarshal.GetReference(planes.Slice(f * length));
                int i = 0;
                if (Vector256.IsHardwareAccelerated)
                {
                    // Four vectors at a time: independent sums hide the latency of the multiply-adds.
                    for (; i + 32 <= length; i += 32)
                    {
                        Vector256<float> a0 = Vector256.Create(b), a1 = a0, a2 = a0, a3 = a0;
                        for (int ky = 0; ky < kh; ky++)
                        {
                            for (int kx = 0; kx < kw; kx++)
                            {
                                Vector256<float> k = Vector256.Create(Unsafe.Add(ref kr, (ky * kw + kx) * filters + f));
                                ref float at = ref Unsafe.Add(ref pr, ky * rw + kx + i);
                                a0 = Vector256.FusedMultiplyAdd(k, Vector256.LoadUnsafe(ref at), a0);
                                a1 = Vector256.FusedMultiplyAdd(k, Vector256.LoadUnsafe(ref at, 8), a1);
                                a2 = Vector256.FusedMultiplyAdd(k, Vector256.LoadUnsafe(ref at, 16), a2);
                                a3 = Vector256.FusedMultiplyAdd(k, Vector256.LoadUnsafe(ref at, 24), a3);
                            }
                        }

                        a0.StoreUnsafe(ref plane, (nuint)i);
                        a1.StoreUnsafe(ref plane, (nuint)i + 8);
                        a2.StoreUnsafe(ref plane, (nuint)i + 16);
                        a3.StoreUnsafe(ref plane, (nuint)i + 24);
                    }

                    for (; i < length; i += 8)
                    {
                        Vector256<float> a0 = Vector256.Create(b);
                        for (int ky = 0; ky < kh; ky++)
                        {
                            for (int kx = 0; kx < kw; kx++)
                            {
                                a0 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref kr, (ky * kw + kx) * filters + f)), Vector256.LoadUnsafe(ref pr, (nuint)(ky * rw + kx + i)), a0);
                            }
                        }

                        a0.StoreUnsafe(ref plane, (nuint)i);
                    }
                }

                for (; i < length; i++)
                {
                    float sum = b;
                    for (int ky = 0; ky < kh; ky++)
                    {
                        for (int kx = 0; kx < kw; kx++)
                        {
                            sum += Unsafe.Add(ref kr, (ky * kw + kx) * filters + f) * Unsafe.Add(ref pr, ky * rw + kx + i);
                        }
                    }

                    Unsafe.Add(ref plane, i) = sum;
                }
            }

            // Planes back to NHWC.
            ref float zr = ref MemoryMarshal.GetReference(z);
            ref float sr = ref MemoryMarshal.GetReference(planes);
            int outWidth = _outWidth, planeLength = length;
            for (int y = 0; y < outHeight; y++)
            {
                for (int ox = 0; ox < outWidth; ox++)
                {
                    ref float to = ref Unsafe.Add(ref zr, (y * outWidth + ox) * filters);
                    ref float from = ref Unsafe.Add(ref sr, y * rw + ox);
                    for (int f = 0; f < filters; f++)
                    {
                        Unsafe.Add(ref to, f) = Unsafe.Add(ref from, f * planeLength);
                    }
                }
            }
        }

        /// <summary>dk += the kernel gradient ([kh, kw, 1, filters]) for input x and output gradient d (NHWC [outHeight, outWidth, filters]).</summary>
        /// <exception cref="ArgumentException">A span is too short.</exception>
        public void AddKernelGradient(ReadOnlySpan<float> x, ReadOnlySpan<float> d, Span<float> dk, Span<float> scratch)
        {
            Check(x.Length, dk.Length, d.Length, scratch.Length);
            Span<float> padded = scratch.Slice(0, PaddedLength);
            Span<float> planes = scratch.Slice(PaddedLength, _filters * _outHeight * RowWidth);
            Pad(x, padded);
            int rw = RowWidth, kh = _kernelHeight, kw = _kernelWidth, filters = _filters, outHeight = _outHeight, outWidth = _outWidth;
            int planeLength = outHeight * rw;

            // d to planes, zeros past the output width so whole vectors can be read.
            ref float dr = ref MemoryMarshal.GetReference(d);
            ref float sr = ref MemoryMarshal.GetReference(planes);
            for (int y = 0; y < outHeight; y++)
            {
                for (int f = 0; f < filters; f++)
                {
                    planes.Slice(f * planeLength + y * rw + outWidth, rw - outWidth).Clear();
                }

                for (int ox = 0; ox < outWidth; ox++)
                {
                    ref float from = ref Unsafe.Add(ref dr, (y * outWidth + ox) * filters);
                    ref float to = ref Unsafe.Add(ref sr, y * rw + ox);
                    for (int f = 0; f < filters; f++)
                    {
                        Unsafe.Add(ref to, f * planeLength) = Unsafe.Add(ref from, f);
                    }
                }
            }

            ref float pr = ref MemoryMarshal.GetReference(padded);
            for (int f = 0; f < filters; f++)
            {
                ref float plane = ref Unsafe.Add(ref sr, f * planeLength);
                for (int tap = 0; tap < kh * kw; tap++)
                {
                    ref float image = ref Unsafe.Add(ref pr, tap / kw * rw + tap % kw);
                    int i = 0;
                    float sum = 0f;
                    if (Vector256.IsHardwareAccelerated)
                    {
                        Vector256<float> a0 = Vector256<float>.Zero, a1 = a0, a2 = a0, a3 = a0;
                        for (; i + 32 <= planeLength; i += 32)
                        {
                            a0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref plane, (nuint)i), Vector256.LoadUnsafe(ref image, (nuint)i), a0);
                            a1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref plane, (nuint)i + 8), Vector256.LoadUnsafe(ref image, (nuint)i + 8), a1);
                            a2 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref plane, (nuint)i + 16), Vector256.LoadUnsafe(ref image, (nuint)i + 16), a2);
                            a3 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref plane, (nuint)i + 24), Vector256.LoadUnsafe(ref image, (nuint)i + 24), a3);
                        }

                        for (; i < planeLength; i += 8)
                        {
                            a0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref plane, (nuint)i), Vector256.LoadUnsafe(ref image, (nuint)i), a0);
                        }

                        sum = Vector256.Sum((a0 + a1) + (a2 + a3));
                    }

                    for (; i < planeLength; i++)
                    {
                        sum += Unsafe.Add(ref plane, i) * Unsafe.Add(ref image, i);
                    }

                    dk[tap * filters + f] += sum;
                }
            }
        }

        /// <summary>padded = x shifted by the padding, zeros around it (and under the rows' vector tails).</summary>
        private void Pad(ReadOnlySpan<float> x, Span<float> padded)
        {
            padded.Clear();
            int pw = RowWidth, ph = _outHeight + _kernelHeight - 1;
            int rows = Math.Min(_inHeight, ph - _padTop), columns = Math.Min(_inWidth, _outWidth + _kernelWidth - 1 - _padLeft);
            for (int y = 0; y < rows; y++)
            {
                x.Slice(y * _inWidth, columns).CopyTo(padded.Slice((y + _padTop) * pw + _padLeft, columns));
            }
        }

        private void Check(int imageLength, int kernelLength, int outputLength, int scratchLength)
        {
            if (_filters == 0)
            {
                throw new InvalidOperationException("The convolution is not described (default SingleChannelConvolution).");
            }

            if (imageLength < _inHeight * _inWidth)
            {
                throw new ArgumentException($"The image holds {imageLength} floats, fewer than {_inHeight}x{_inWidth}.");
            }

            if (kernelLength < _kernelHeight * _kernelWidth * _filters)
            {
                throw new ArgumentException($"The kernel holds {kernelLength} floats, fewer than {_kernelHeight}x{_kernelWidth}x{_filters}.");
            }

            if (outputLength < _outHeight * _outWidth * _filters)
            {
                throw new ArgumentException($"The output holds {outputLength} floats, fewer than {_outHeight}x{_outWidth}x{_filters}.");
            }

            if (scratchLength < ScratchLength)
            {
                throw new ArgumentException($"The scratch holds {scratchLength} floats, fewer than the {ScratchLength} needed.");
            }
        }
    }
}
