/// <summary>up_sampling2d (UpSampling2D): nearest x2 (rows) x3 (columns); [2, 2, 3] -> [4, 6, 3].</summary>
private static class UpSampling2dLayer
{
    private const int InputHeight = 2, InputWidth = 2, Channels = 3;
    private const int OutputHeight = 4, OutputWidth = 6, SizeHeight = 2, SizeWidth = 3;

    /// <summary>Computes the whole layer.</summary>
    public static void Run(ref float input, ref float output)
    {
        const int OutputRowLength = OutputWidth * Channels;
        for (int oy = 0; oy < OutputHeight; oy++)
        {
            Span<float> row = MemoryMarshal.CreateSpan(ref Unsafe.Add(ref output, oy * OutputRowLength), OutputRowLength);
            if (oy % SizeHeight != 0)
            {
                MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref output, (oy - 1) * OutputRowLength), OutputRowLength).CopyTo(row); // same source row
                continue;
            }
            for (int ix = 0; ix < InputWidth; ix++)
            {
                ReadOnlySpan<float> pixel = MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref input, ((oy / SizeHeight) * InputWidth + ix) * Channels), Channels);
                for (int r = 0; r < SizeWidth; r++)
                {
                    pixel.CopyTo(row.Slice((ix * SizeWidth + r) * Channels));
                }
            }
        }
    }
}
