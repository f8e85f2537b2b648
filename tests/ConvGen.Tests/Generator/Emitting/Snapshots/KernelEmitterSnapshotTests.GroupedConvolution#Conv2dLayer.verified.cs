/// <summary>conv2d (Conv2D): 6 filters 3x3 in 2 groups of 2 -> 3 channels, stride 1x1, dilation 1x1, valid padding (top 0, bottom 0, left 0, right 0) + bias, Tanh; [4, 4, 4] -> [2, 2, 6].</summary>
private static class Conv2dLayer
{
    private const int InputHeight = 4, InputWidth = 4, InputChannels = 4;
    private const int OutputHeight = 2, OutputWidth = 2, OutputChannels = 6;
    private const int KernelHeight = 3, KernelWidth = 3, StrideHeight = 1, StrideWidth = 1;
    private const int DilationHeight = 1, DilationWidth = 1, PadTop = 0, PadLeft = 0;
    private const int Groups = 2, InPerGroup = 2, OutPerGroup = 3, OutPerGroupPadded = 16;
    private const int GroupKernelLength = KernelHeight * KernelWidth * InPerGroup * OutPerGroupPadded;

    /// <summary>Computes the whole layer.</summary>
    public static void Run(ref float input, ref float output, ref float kernel, ref float bias)
    {
        for (int oy = 0; oy < OutputHeight; oy++)
        {
            int iy = oy * StrideHeight - PadTop; // input row of the window's top
            int kyLo = global::ConvGen.Kernels.WindowTaps.First(iy, DilationHeight), kyHi = global::ConvGen.Kernels.WindowTaps.End(iy, DilationHeight, InputHeight, KernelHeight); // kernel rows inside the input
            for (int ox = 0; ox < OutputWidth; ox++)
            {
                int ix = ox * StrideWidth - PadLeft; // input column of the window's left edge
                int kxLo = global::ConvGen.Kernels.WindowTaps.First(ix, DilationWidth), kxHi = global::ConvGen.Kernels.WindowTaps.End(ix, DilationWidth, InputWidth, KernelWidth); // kernel columns inside the input
                ref float pixel = ref Unsafe.Add(ref output, (oy * OutputWidth + ox) * OutputChannels);
                for (int g = 0; g < Groups; g++)
                {
                    Group(ref Unsafe.Add(ref input, g * InPerGroup), ref Unsafe.Add(ref pixel, g * OutPerGroup),
                        ref Unsafe.Add(ref kernel, g * GroupKernelLength), ref Unsafe.Add(ref bias, g * OutPerGroupPadded), iy, ix, kyLo, kyHi, kxLo, kxHi);
                }
            }
        }
        global::ConvGen.Kernels.ActivationPasses.Tanh(ref output, 24);
    }

    /// <summary>One group's output channels of one pixel; <paramref name="input"/> points at the group's first input channel.</summary>
    private static void Group(ref float input, ref float dst, ref float kernel, ref float bias, int iy, int ix, int kyLo, int kyHi, int kxLo, int kxHi)
    {
        // all channels in one block of registers
        {
            const int oc = 0;
            Vector128<float> acc0 = Vector128.LoadUnsafe(ref bias, (nuint)oc);
            for (int ky = kyLo; ky < kyHi; ky++)
            {
                for (int kx = kxLo; kx < kxHi; kx++)
                {
                    int at = ((iy + ky * DilationHeight) * InputWidth + ix + kx * DilationWidth) * InputChannels;
                    int row = (ky * KernelWidth + kx) * InPerGroup * OutPerGroupPadded;
                    for (int c = 0; c < InPerGroup; c++)
                    {
                        Vector128<float> x = Vector128.Create(Unsafe.Add(ref input, at + c));
                        ref float weights = ref Unsafe.Add(ref kernel, row + c * OutPerGroupPadded + oc);
                        acc0 = Vector128.MultiplyAddEstimate(x, Vector128.LoadUnsafe(ref weights), acc0);
                    }
                }
            }
            Unsafe.Add(ref dst, oc) = acc0.GetElement(0);
            Unsafe.Add(ref dst, oc + 1) = acc0.GetElement(1);
            Unsafe.Add(ref dst, oc + 2) = acc0.GetElement(2);
        }
    }
}
