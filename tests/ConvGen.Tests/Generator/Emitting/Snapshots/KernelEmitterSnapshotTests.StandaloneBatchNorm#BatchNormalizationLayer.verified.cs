/// <summary>batch_normalization (BatchNormalization): per-channel scale and shift (gamma / sqrt(variance + epsilon), beta - mean * scale); [3, 3, 6] -> [3, 3, 6].</summary>
private static class BatchNormalizationLayer
{
    private const int Pixels = 9, Channels = 6;

    /// <summary>Computes the whole layer.</summary>
    public static void Run(ref float input, ref float output, ref float scale, ref float shift)
    {
        for (int p = 0; p < Pixels; p++)
        {
            int at = p * Channels, c = 0;
            for (; c <= Channels - 4; c += 4)
            {
                Vector128<float> x = Vector128.LoadUnsafe(ref input, (nuint)(at + c));
                Vector128.MultiplyAddEstimate(x, Vector128.LoadUnsafe(ref scale, (nuint)c), Vector128.LoadUnsafe(ref shift, (nuint)c)).StoreUnsafe(ref output, (nuint)(at + c));
            }
            for (; c < Channels; c++)
            {
                Unsafe.Add(ref output, at + c) = MathF.FusedMultiplyAdd(Unsafe.Add(ref input, at + c), Unsafe.Add(ref scale, c), Unsafe.Add(ref shift, c));
            }
        }
    }
}
