/// <summary>zero_padding2d (ZeroPadding2D): zeros added: top 1, bottom 0, left 2, right 1; [2, 2, 3] -> [3, 5, 3].</summary>
private static class ZeroPadding2dLayer
{
    private const int InputHeight = 2, RowLength = 6, OutputRowLength = 15;
    private const int OutputLength = 45, PadTop = 1, PadLeft = 2, Channels = 3;

    /// <summary>Computes the whole layer.</summary>
    public static void Run(ref float input, ref float output)
    {
        MemoryMarshal.CreateSpan(ref output, OutputLength).Clear();
        for (int iy = 0; iy < InputHeight; iy++)
        {
            ReadOnlySpan<float> row = MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref input, iy * RowLength), RowLength);
            row.CopyTo(MemoryMarshal.CreateSpan(ref Unsafe.Add(ref output, (iy + PadTop) * OutputRowLength + PadLeft * Channels), RowLength));
        }
    }
}
