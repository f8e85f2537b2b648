/// <summary>conv2d_transpose (Conv2DTranspose): 4 filters 2x2 transposed, stride 2x2, valid padding (cropped top 0, bottom 0, left 0, right 0) + bias, ReLU; [2, 2, 3] -> [4, 4, 4].</summary>
private static class Conv2dTransposeLayer
{
    private const int InputHeight = 2, InputWidth = 2, InputChannels = 3;
    private const int OutputHeight = 4, OutputWidth = 4, Filters = 4, FiltersPadded = 16;
    private const int KernelHeight = 2, KernelWidth = 2, StrideHeight = 2, StrideWidth = 2;
    private const int PadTop = 0, PadLeft = 0;
    /// <summary>Output columns [InteriorStart, InteriorEnd) receive every kernel column of their phase (fx mod StrideWidth) from inside the input.</summary>
    private const int InteriorStart = 1, InteriorEnd = 4;

    /// <summary>Computes the whole layer with the widest accelerated vectors.</summary>
    public static void Run(ref float input, ref float output, ref float kernel, ref float bias)
    {
        Run128(ref input, ref output, ref kernel, ref bias);
    }

    /// <summary>The layer with Vector128 floats: per output row and block of output channels, the interior columns of each phase (fx mod StrideWidth) in tiles of pixels StrideWidth apart, then the border columns one pixel at a time.</summary>
    private static void Run128(ref float input, ref float output, ref float kernel, ref float bias)
    {
        for (int oy = 0; oy < OutputHeight; oy++)
        {
            int fy = oy + PadTop; // row of the uncropped output
            int kyLo = global::ConvGen.Kernels.WindowTaps.FirstTransposed(fy, StrideHeight, InputHeight), kyHi = global::ConvGen.Kernels.WindowTaps.EndTransposed(fy, KernelHeight); // kernel rows that reach it, by StrideHeight
            ref float row = ref Unsafe.Add(ref output, oy * OutputWidth * Filters);
            // channels [0, 4): 1 block of 1 Vector128 (4 channels)
            {
                const int oc = 0;
                ref float k = ref Unsafe.Add(ref kernel, oc);
                ref float b = ref Unsafe.Add(ref bias, oc);
                ref float d = ref Unsafe.Add(ref row, oc);
                // phase 0 (fx mod StrideWidth = 0): columns 2, 4, ... (1), 1 tile of 1
                {
                    const int ox = 2;
                    Phase1x1_128(ref input, fy, ox + PadLeft, kyLo, kyHi, 0, ref Unsafe.Add(ref d, ox * Filters), ref k, ref b);
                }
                // phase 1 (fx mod StrideWidth = 1): columns 1, 3, ... (2), 1 tile of 2
                {
                    const int ox = 1;
                    Phase2x1_128(ref input, fy, ox + PadLeft, kyLo, kyHi, 1, ref Unsafe.Add(ref d, ox * Filters), ref k, ref b);
                }
            }
            // border columns: some taps of their phase fall outside the input
            {
                const int ox = 0;
                int fx = ox + PadLeft; // column of the uncropped output
                int kxLo = global::ConvGen.Kernels.WindowTaps.FirstTransposed(fx, StrideWidth, InputWidth), kxHi = global::ConvGen.Kernels.WindowTaps.EndTransposed(fx, KernelWidth); // kernel columns that reach it, by StrideWidth
                Pixel(ref input, ref Unsafe.Add(ref row, ox * Filters), ref kernel, ref bias, fy, fx, kyLo, kyHi, kxLo, kxHi);
            }
        }
    }

    /// <summary>1 output pixel of a row, StrideWidth apart (one phase: kernel columns kxLo, kxLo + StrideWidth, ... all reach it from inside the input) x 4 channels (1 Vector128) in 1 accumulator; kernel rows [kyLo, kyHi) by StrideHeight.</summary>
    private static void Phase1x1_128(ref float input, int fy, int fx, int kyLo, int kyHi, int kxLo, ref float dst, ref float kernel, ref float bias)
    {
        Vector128<float> a0_0 = Vector128.LoadUnsafe(ref bias);
        for (int ky = kyLo; ky < kyHi; ky += StrideHeight)
        {
            int inputRow = (fy - ky) / StrideHeight * InputWidth;
            for (int kx = kxLo; kx < KernelWidth; kx += StrideWidth)
            {
                // the tap's input pixel for the tile's first output pixel; the next output pixel of the phase reads the input pixel right of it
                nint at = (inputRow + ((fx - kx) / StrideWidth)) * InputChannels;
                nint kAt = (ky * KernelWidth + kx) * InputChannels * FiltersPadded;
                nint end = at + InputChannels;
                for (; at < end; at++, kAt += FiltersPadded)
                {
                    Vector128<float> w0 = Vector128.LoadUnsafe(ref Unsafe.Add(ref kernel, kAt));
                    Vector128<float> v = Vector128.Create(Unsafe.Add(ref input, at));
                    a0_0 = Vector128.MultiplyAddEstimate(v, w0, a0_0);
                }
            }
        }
        a0_0 = Vector128.MaxNative(Vector128<float>.Zero, a0_0);
        a0_0.StoreUnsafe(ref dst);
    }

    /// <summary>2 output pixels of a row, StrideWidth apart (one phase: kernel columns kxLo, kxLo + StrideWidth, ... all reach them from inside the input) x 4 channels (1 Vector128) in 2 accumulators; kernel rows [kyLo, kyHi) by StrideHeight.</summary>
    private static void Phase2x1_128(ref float input, int fy, int fx, int kyLo, int kyHi, int kxLo, ref float dst, ref float kernel, ref float bias)
    {
        Vector128<float> bias0 = Vector128.LoadUnsafe(ref bias);
        Vector128<float> a0_0 = bias0;
        Vector128<float> a1_0 = bias0;
        for (int ky = kyLo; ky < kyHi; ky += StrideHeight)
        {
            int inputRow = (fy - ky) / StrideHeight * InputWidth;
            for (int kx = kxLo; kx < KernelWidth; kx += StrideWidth)
            {
                // the tap's input pixel for the tile's first output pixel; the next output pixel of the phase reads the input pixel right of it
                nint at = (inputRow + ((fx - kx) / StrideWidth)) * InputChannels;
                nint kAt = (ky * KernelWidth + kx) * InputChannels * FiltersPadded;
                nint end = at + InputChannels;
                for (; at < end; at++, kAt += FiltersPadded)
                {
                    Vector128<float> w0 = Vector128.LoadUnsafe(ref Unsafe.Add(ref kernel, kAt));
                    Vector128<float> v = Vector128.Create(Unsafe.Add(ref input, at));
                    a0_0 = Vector128.MultiplyAddEstimate(v, w0, a0_0);
                    v = Vector128.Create(Unsafe.Add(ref input, at + InputChannels));
                    a1_0 = Vector128.MultiplyAddEstimate(v, w0, a1_0);
                }
            }
        }
        a0_0 = Vector128.MaxNative(Vector128<float>.Zero, a0_0);
        a0_0.StoreUnsafe(ref dst);
        a1_0 = Vector128.MaxNative(Vector128<float>.Zero, a1_0);
        a1_0.StoreUnsafe(ref dst, (nuint)(StrideWidth * Filters));
    }

    /// <summary>One output pixel at (fy, fx) of the full output, all channels: the taps [kyLo, kyHi) x [kxLo, kxHi), by the strides, that reach it from input cells.</summary>
    private static void Pixel(ref float input, ref float dst, ref float kernel, ref float bias, int fy, int fx, int kyLo, int kyHi, int kxLo, int kxHi)
    {
        // all channels in one block of registers
        {
            const int oc = 0;
            Vector128<float> acc0 = Vector128.LoadUnsafe(ref bias, (nuint)oc);
            for (int ky = kyLo; ky < kyHi; ky += StrideHeight)
            {
                int iy = (fy - ky) / StrideHeight;
                for (int kx = kxLo; kx < kxHi; kx += StrideWidth)
                {
                    int ix = (fx - kx) / StrideWidth;
                    int at = (iy * InputWidth + ix) * InputChannels;
                    int row = (ky * KernelWidth + kx) * InputChannels * FiltersPadded;
                    for (int c = 0; c < InputChannels; c++)
                    {
                        Vector128<float> x = Vector128.Create(Unsafe.Add(ref input, at + c));
                        ref float weights = ref Unsafe.Add(ref kernel, row + c * FiltersPadded + oc);
                        acc0 = Vector128.MultiplyAddEstimate(x, Vector128.LoadUnsafe(ref weights), acc0);
                    }
                }
            }
            Vector128.MaxNative(Vector128<float>.Zero, acc0).StoreUnsafe(ref dst, (nuint)oc);
        }
    }
}
