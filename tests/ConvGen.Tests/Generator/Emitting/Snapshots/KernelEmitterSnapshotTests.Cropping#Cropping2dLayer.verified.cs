/// <summary>cropping2d (Cropping2D): rows and columns removed: top 1, bottom 0, left 1, right 1; [4, 4, 3] -> [3, 2, 3].</summary>
private static class Cropping2dLayer
{
    private const int OutputHeight = 3, InputRowLength = 12, RowLength = 6;
    private const int CropTop = 1, CropLeft = 1, Channels = 3;

    /// <summary>Computes the whole layer.</summary>
    public static void Run(ref float input, ref float output)
    {
        for (int oy = 0; oy < OutputHeight; oy++)
        {
            ReadOnlySpan<float> row = MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref input, (oy + CropTop) * InputRowLength + CropLeft * Channels), RowLength);
            row.CopyTo(MemoryMarshal.CreateSpan(ref Unsafe.Add(ref output, oy * RowLength), RowLength));
        }
    }
}
