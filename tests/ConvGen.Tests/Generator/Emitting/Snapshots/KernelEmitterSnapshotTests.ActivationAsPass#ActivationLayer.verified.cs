/// <summary>activation (Activation): Softmax; [3, 3, 2] -> [3, 3, 2].</summary>
private static class ActivationLayer
{
    private const int Length = 18;

    /// <summary>Computes the whole layer.</summary>
    public static void Run(ref float input, ref float output)
    {
        MemoryMarshal.CreateReadOnlySpan(ref input, Length).CopyTo(MemoryMarshal.CreateSpan(ref output, Length));
        global::ConvGen.Kernels.ActivationPasses.Softmax(ref output, 9, 2);
    }
}
