/// <summary>activation (Activation): ReLU; [3, 3, 2] -> [3, 3, 2].</summary>
private static class ActivationLayer
{
    private const int Length = 18;

    /// <summary>Computes the whole layer.</summary>
    public static void Run(ref float input, ref float output)
    {
        int i = 0;
        for (; i <= Length - 4; i += 4)
        {
            Vector128<float> v = Vector128.LoadUnsafe(ref input, (nuint)i);
            Vector128.MaxNative(Vector128<float>.Zero, v).StoreUnsafe(ref output, (nuint)i);
        }
        for (; i < Length; i++)
        {
            float v = Unsafe.Add(ref input, i);
            Unsafe.Add(ref output, i) = MathF.Max(v, 0f);
        }
    }
}
