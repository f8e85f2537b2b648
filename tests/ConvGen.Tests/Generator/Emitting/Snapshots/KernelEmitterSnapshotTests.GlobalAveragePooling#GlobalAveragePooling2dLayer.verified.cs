/// <summary>global_average_pooling2d (GlobalAveragePooling2D): mean of each channel over all pixels; [2, 2, 6] -> [6].</summary>
private static class GlobalAveragePooling2dLayer
{
    private const int Pixels = 4, Channels = 6;

    /// <summary>Computes the whole layer with the widest accelerated vectors.</summary>
    public static void Run(ref float input, ref float output)
    {
        if (Vector256.IsHardwareAccelerated)
        {
            Run256(ref input, ref output);
        }
        else
        {
            Run128(ref input, ref output);
        }
    }

    /// <summary>The layer with Vector256 floats: 6 channels one at a time.</summary>
    private static void Run256(ref float input, ref float output)
    {
        for (int c = 0; c < Channels; c++)
        {
            float acc = 0f;
            for (int p = 0; p < Pixels; p++)
            {
                float v = Unsafe.Add(ref input, p * Channels + c);
                acc += v;
            }
            Unsafe.Add(ref output, c) = acc / Pixels;
        }
    }

    /// <summary>The layer with Vector128 floats: one of 1, then 2 channels one at a time.</summary>
    private static void Run128(ref float input, ref float output)
    {
        {
            const int c = 0;
            Vector128<float> a0 = Vector128<float>.Zero;
            for (int p = 0; p < Pixels; p++)
            {
                ref float at = ref Unsafe.Add(ref input, p * Channels + c);
                a0 += Vector128.LoadUnsafe(ref at);
            }
            (a0 / Vector128.Create((float)Pixels)).StoreUnsafe(ref output, (nuint)c);
        }
        for (int c = 4; c < Channels; c++)
        {
            float acc = 0f;
            for (int p = 0; p < Pixels; p++)
            {
                float v = Unsafe.Add(ref input, p * Channels + c);
                acc += v;
            }
            Unsafe.Add(ref output, c) = acc / Pixels;
        }
    }
}
