/// <summary>max_pooling2d (MaxPool2D): maximum of each 2x2 window, stride 2x2, valid padding (top 0, bottom 0, left 0, right 0); [4, 4, 3] -> [2, 2, 3].</summary>
private static class MaxPooling2dLayer
{
    private const int InputHeight = 4, InputWidth = 4, Channels = 3;
    private const int OutputHeight = 2, OutputWidth = 2;
    private const int PoolHeight = 2, PoolWidth = 2, StrideHeight = 2, StrideWidth = 2, PadTop = 0, PadLeft = 0;

    /// <summary>Computes the whole layer with the widest accelerated vectors.</summary>
    public static void Run(ref float input, ref float output)
    {
        Run128(ref input, ref output);
    }

    /// <summary>The layer with Vector128 floats over channels (then Vector128 and single floats for the rest).</summary>
    private static void Run128(ref float input, ref float output)
    {
        for (int oy = 0; oy < OutputHeight; oy++)
        {
            int iy = oy * StrideHeight - PadTop;
            int y0 = Math.Max(iy, 0), y1 = Math.Min(iy + PoolHeight, InputHeight); // window rows inside the input
            for (int ox = 0; ox < OutputWidth; ox++)
            {
                int ix = ox * StrideWidth - PadLeft;
                int x0 = Math.Max(ix, 0), x1 = Math.Min(ix + PoolWidth, InputWidth);
                ref float dst = ref Unsafe.Add(ref output, (oy * OutputWidth + ox) * Channels);
                int c = 0;
                for (; c < Channels; c++)
                {
                    float acc = float.NegativeInfinity;
                    for (int y = y0; y < y1; y++)
                    {
                        for (int x = x0; x < x1; x++)
                        {
                            float v = Unsafe.Add(ref input, (y * InputWidth + x) * Channels + c);
                            acc = MathF.Max(acc, v);
                        }
                    }
                    Unsafe.Add(ref dst, c) = acc;
                }
            }
        }
    }
}
