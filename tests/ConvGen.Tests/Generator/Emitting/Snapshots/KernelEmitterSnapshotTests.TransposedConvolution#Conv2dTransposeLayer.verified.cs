/// <summary>conv2d_transpose (Conv2DTranspose): 4 filters 2x2 transposed, stride 2x2, valid padding (cropped top 0, bottom 0, left 0, right 0) + bias, ReLU; [2, 2, 3] -> [4, 4, 4].</summary>
private static class Conv2dTransposeLayer
{
    private const int InputHeight = 2, InputWidth = 2, InputChannels = 3;
    private const int OutputHeight = 4, OutputWidth = 4, Filters = 4, FiltersPadded = 16;
    private const int KernelHeight = 2, KernelWidth = 2, StrideHeight = 2, StrideWidth = 2;
    private const int PadTop = 0, PadLeft = 0;

    /// <summary>Computes the whole layer.</summary>
    public static void Run(ref float input, ref float output, ref float kernel, ref float bias)
    {
        for (int oy = 0; oy < OutputHeight; oy++)
        {
            int fy = oy + PadTop; // row of the uncropped output
            int kyLo = global::ConvGen.Kernels.WindowTaps.FirstTransposed(fy, StrideHeight, InputHeight), kyHi = global::ConvGen.Kernels.WindowTaps.EndTransposed(fy, KernelHeight); // kernel rows that reach it, by StrideHeight
            for (int ox = 0; ox < OutputWidth; ox++)
            {
                int fx = ox + PadLeft; // column of the uncropped output
                int kxLo = global::ConvGen.Kernels.WindowTaps.FirstTransposed(fx, StrideWidth, InputWidth), kxHi = global::ConvGen.Kernels.WindowTaps.EndTransposed(fx, KernelWidth); // kernel columns that reach it, by StrideWidth
                Pixel(ref input, ref Unsafe.Add(ref output, (oy * OutputWidth + ox) * Filters), ref kernel, ref bias, fy, fx, kyLo, kyHi, kxLo, kxHi);
            }
        }
    }

    /// <summary>One output pixel at (fy, fx) of the full output: the taps [kyLo, kyHi) x [kxLo, kxHi), by the strides, that reach it from input cells.</summary>
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
