/// <summary>add (Add): element-wise sum of a, max_pooling2d; [2, 2, 3] -> [2, 2, 3].</summary>
private static class AddLayer
{
    private const int Length = 12;

    /// <summary>Computes the whole layer.</summary>
    public static void Run(ref float input0, ref float input1, ref float output)
    {
        int i = 0;
        for (; i <= Length - 4; i += 4)
        {
            (Vector128.LoadUnsafe(ref input0, (nuint)i) + Vector128.LoadUnsafe(ref input1, (nuint)i)).StoreUnsafe(ref output, (nuint)i);
        }
        for (; i < Length; i++)
        {
            Unsafe.Add(ref output, i) = Unsafe.Add(ref input0, i) + Unsafe.Add(ref input1, i);
        }
    }
}
