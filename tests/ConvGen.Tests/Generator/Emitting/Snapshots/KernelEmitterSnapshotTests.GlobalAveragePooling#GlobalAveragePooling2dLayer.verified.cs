/// <summary>global_average_pooling2d (GlobalAveragePooling2D): mean of each channel over all pixels; [2, 2, 6] -> [6].</summary>
private static class GlobalAveragePooling2dLayer
{
    private const int Pixels = 4, Channels = 6;

    /// <summary>Computes the whole layer.</summary>
    public static void Run(ref float input, ref float output)
    {
        int c = 0;
        for (; c <= Channels - 4; c += 4)
        {
            Vector128<float> acc = Vector128<float>.Zero;
            for (int p = 0; p < Pixels; p++)
            {
                Vector128<float> v = Vector128.LoadUnsafe(ref input, (nuint)(p * Channels + c));
                acc += v;
            }
            (acc / Vector128.Create((float)Pixels)).StoreUnsafe(ref output, (nuint)c);
        }
        for (; c < Channels; c++)
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
