/// <summary>concatenate (Concatenate): channels of a, max_pooling2d, in that order; [2, 2, 3] -> [2, 2, 6].</summary>
private static class ConcatenateLayer
{
    private const int Pixels = 4, OutputChannels = 6;

    /// <summary>Computes the whole layer.</summary>
    public static void Run(ref float input0, ref float input1, ref float output)
    {
        for (int p = 0; p < Pixels; p++)
        {
            ref float dst = ref Unsafe.Add(ref output, p * OutputChannels);
            MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref input0, 3 * p), 3).CopyTo(MemoryMarshal.CreateSpan(ref dst, 3));
            MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref input1, 3 * p), 3).CopyTo(MemoryMarshal.CreateSpan(ref Unsafe.Add(ref dst, 3), 3));
        }
    }
}
