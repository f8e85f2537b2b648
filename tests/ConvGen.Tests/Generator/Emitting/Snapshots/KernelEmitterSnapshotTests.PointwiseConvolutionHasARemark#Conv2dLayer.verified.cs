/// <summary>conv2d (Conv2D): 4 filters 1x1, stride 1x1, dilation 1x1, valid padding (top 0, bottom 0, left 0, right 0) + bias, Linear; [2, 2, 4] -> [2, 2, 4].</summary>
/// <remarks>1x1, stride 1, no padding: runs as a GEMM over all pixels, treated as one row of the image.</remarks>
private static class Conv2dLayer
{
    private const int InputHeight = 1, InputWidth = 4, InputChannels = 4;
    private const int OutputHeight = 1, OutputWidth = 4, Filters = 4, FiltersPadded = 16;
    private const int KernelHeight = 1, KernelWidth = 1, StrideHeight = 1, StrideWidth = 1;
    private const int DilationHeight = 1, DilationWidth = 1, PadTop = 0, PadLeft = 0;
    /// <summary>Output columns [0, 4) have their whole window inside the input horizontally.</summary>
    private const int InteriorStart = 0, InteriorEnd = 4;

    /// <summary>Computes the whole layer with the widest accelerated vectors.</summary>
    public static void Run(ref float input, ref float output, ref float kernel, ref float bias)
    {
        Run128(ref input, ref output, ref kernel, ref bias);
    }

    /// <summary>The layer with Vector128 floats: output channels in blocks of registers, each over the whole image.</summary>
    private static void Run128(ref float input, ref float output, ref float kernel, ref float bias)
    {
        // channels [0, 4): 1 block of 1 Vector128 (4 channels)
        {
            const int oc = 0;
            ref float k = ref Unsafe.Add(ref kernel, oc);
            ref float b = ref Unsafe.Add(ref bias, oc);
            // interior columns [0, 4) of every row: 1 tile of 4 pixels
            {
                const int oy = 0;
                int iy = oy * StrideHeight - PadTop; // input row of the window's top
                int kyLo = global::ConvGen.Kernels.WindowTaps.First(iy, DilationHeight), kyHi = global::ConvGen.Kernels.WindowTaps.End(iy, DilationHeight, InputHeight, KernelHeight); // kernel rows inside the input
                ref float row = ref Unsafe.Add(ref output, oy * OutputWidth * Filters + oc);
                Tile4x1_128(ref input, iy, InteriorStart * StrideWidth - PadLeft, kyLo, kyHi, 0, KernelWidth, ref Unsafe.Add(ref row, InteriorStart * Filters), ref k, ref b);
            }
        }
    }

    /// <summary>4 output pixels of a row x 4 channels (1 Vector128) in 4 accumulators; kernel rows [kyLo, kyHi) and columns [kxLo, kxHi) of the window.</summary>
    private static void Tile4x1_128(ref float input, int iy, int ix, int kyLo, int kyHi, int kxLo, int kxHi, ref float dst, ref float kernel, ref float bias)
    {
        Vector128<float> bias0 = Vector128.LoadUnsafe(ref bias);
        Vector128<float> a0_0 = bias0;
        Vector128<float> a1_0 = bias0;
        Vector128<float> a2_0 = bias0;
        Vector128<float> a3_0 = bias0;
        for (int ky = kyLo; ky < kyHi; ky++)
        {
            int inputRow = (iy + ky * DilationHeight) * InputWidth;
            // kernel columns kxLo..kxHi-1 times all input channels: one contiguous run of the input row and of the packed kernel
            nint at = (inputRow + ix + kxLo) * InputChannels;
            nint kAt = (ky * KernelWidth + kxLo) * InputChannels * FiltersPadded;
            nint end = at + (kxHi - kxLo) * InputChannels;
            for (; at < end; at++, kAt += FiltersPadded)
            {
                Vector128<float> w0 = Vector128.LoadUnsafe(ref Unsafe.Add(ref kernel, kAt));
                Vector128<float> v = Vector128.Create(Unsafe.Add(ref input, at));
                a0_0 = Vector128.MultiplyAddEstimate(v, w0, a0_0);
                v = Vector128.Create(Unsafe.Add(ref input, at + StrideWidth * InputChannels));
                a1_0 = Vector128.MultiplyAddEstimate(v, w0, a1_0);
                v = Vector128.Create(Unsafe.Add(ref input, at + 2 * StrideWidth * InputChannels));
                a2_0 = Vector128.MultiplyAddEstimate(v, w0, a2_0);
                v = Vector128.Create(Unsafe.Add(ref input, at + 3 * StrideWidth * InputChannels));
                a3_0 = Vector128.MultiplyAddEstimate(v, w0, a3_0);
            }
        }
        a0_0.StoreUnsafe(ref dst);
        a1_0.StoreUnsafe(ref dst, (nuint)Filters);
        a2_0.StoreUnsafe(ref dst, (nuint)(2 * Filters));
        a3_0.StoreUnsafe(ref dst, (nuint)(3 * Filters));
    }
}
