namespace ConvGen
{
    /// <summary>
    /// The memory of a Winograd convolution (<c>ConvGen.Inference.WinogradConvolution</c>): its transformed kernel and its
    /// workspace. Compiled into the library and the generator, so the sizes the generator reserves (in the packed weights and
    /// the scratch) are the sizes the kernel checks, from one rule.
    /// </summary>
    internal static class WinogradSizes
    {
        /// <summary>Tiles transformed and multiplied together: V and M of a block stay in L2 for up to 128 channels.</summary>
        public const int BlockTiles = 36;

        /// <summary>Input channels are padded to a multiple of this in V (the transforms' vector lanes).</summary>
        public const int InputChannelPad = 8;

        /// <summary>Output channels are padded to a multiple of this in U and M, so the product's register tiles never need a tail.</summary>
        public const int OutputChannelPad = 32;

        /// <summary>
        /// Whether F(outputTile x outputTile, kernelSize x kernelSize) is one of the variants the kernel has: F(2x2, 3x3),
        /// F(4x4, 3x3) and F(2x2, 5x5).
        /// </summary>
        public static bool IsVariant(int outputTile, int kernelSize) => kernelSize == 3 ? outputTile is 2 or 4 : kernelSize == 5 && outputTile == 2;

        /// <summary>
        /// Input tile side: <paramref name="outputTile"/> + <paramref name="kernelSize"/> - 1 (4 for F(2x2, 3x3), 6 for
        /// F(4x4, 3x3) and F(2x2, 5x5)).
        /// </summary>
        public static int Alpha(int outputTile, int kernelSize = 3) => outputTile + kernelSize - 1;

        /// <summary>Floats of the transformed kernel <c>U[alpha², in, out padded]</c>.</summary>
        public static int TransformedKernelLength(int outputTile, int inChannels, int outChannels, int kernelSize = 3) =>
            Alpha(outputTile, kernelSize) * Alpha(outputTile, kernelSize) * inChannels * RoundUp(outChannels, OutputChannelPad);

        /// <summary>Floats of workspace one call needs: V and M of one block of tiles.</summary>
        public static int WorkspaceLength(int outputTile, int inChannels, int outChannels, int kernelSize = 3) =>
            Alpha(outputTile, kernelSize) * Alpha(outputTile, kernelSize) * BlockTiles * (RoundUp(inChannels, InputChannelPad) + RoundUp(outChannels, OutputChannelPad));

        /// <summary>
        /// Floats of workspace a dilated call (<c>WinogradConvolution.RunDilated</c>) needs: one call's, then the largest
        /// sub-grid's input (rows ≡ 0 mod dilationHeight, columns ≡ 0 mod dilationWidth) and output, gathered contiguously.
        /// </summary>
        public static int DilatedWorkspaceLength(int outputTile, int inChannels, int outChannels, int height, int width, int outHeight, int outWidth, int dilationHeight, int dilationWidth, int kernelSize = 3) =>
            WorkspaceLength(outputTile, inChannels, outChannels, kernelSize)
            + (Ceiling(height, dilationHeight) * Ceiling(width, dilationWidth) * inChannels)
            + (Ceiling(outHeight, dilationHeight) * Ceiling(outWidth, dilationWidth) * outChannels);

        /// <summary>⌈<paramref name="value"/> / <paramref name="divisor"/>⌉ for non-negative values: the length of the sub-grid from 0.</summary>
        public static int Ceiling(int value, int divisor) => (value + divisor - 1) / divisor;

        /// <summary>Output channels per register block of the narrow F(4x4, 3x3) kernel (two Vector256 or one Vector512); its U is padded to a multiple.</summary>
        public const int NarrowChannelBlock = 16;

        /// <summary>Tiles of one row whose products the narrow kernel forms together before their output transforms (M of a chunk: 27 KiB).</summary>
        public const int NarrowChunkTiles = 12;

        /// <summary>Most input channels the narrow kernel takes.</summary>
        public const int NarrowMaxInputChannels = 4;

        /// <summary>Floats of the narrow kernel's transformed kernel <c>U[out / 16][36, in, 16]</c>.</summary>
        public static int NarrowTransformedKernelLength(int inChannels, int outChannels) => 36 * inChannels * RoundUp(outChannels, NarrowChannelBlock);

        /// <summary>Tiles across a row of the narrow kernel's output (4 pixels each).</summary>
        public static int NarrowTilesWide(int outWidth) => (outWidth + 3) / 4;

        /// <summary>
        /// Floats of workspace one call of the narrow kernel needs: the six row-transformed input rows of one row of tiles
        /// (with zeros for the padding and slack for whole vectors), each split into four planes by pixel mod 4, the 36
        /// planes of V, and M of one chunk of tiles (or of the row, when shorter).
        /// </summary>
        public static int NarrowWorkspaceLength(int inChannels, int outWidth)
        {
            int tilesWide = NarrowTilesWide(outWidth);
            return 6 * NarrowRowLength(inChannels, tilesWide) + 24 * NarrowQuadLength(inChannels, tilesWide)
                + 36 * NarrowPlaneLength(inChannels, tilesWide) + 36 * System.Math.Min(NarrowChunkTiles, tilesWide) * NarrowChannelBlock;
        }

        /// <summary>Floats of one row-transformed input row: the 4·tilesWide + 2 input pixels under a row of tiles, plus a vector of slack.</summary>
        public static int NarrowRowLength(int inChannels, int tilesWide) => RoundUp((4 * tilesWide + 2) * inChannels + 8, 8);

        /// <summary>Floats of one quarter of a row (the pixels 4t + k of each tile t, and of one tile more), plus slack.</summary>
        public static int NarrowQuadLength(int inChannels, int tilesWide) => RoundUp((tilesWide + 2) * inChannels + 8, 8);

        /// <summary>Floats of one plane of V: one value per tile and input channel, whole vectors.</summary>
        public static int NarrowPlaneLength(int inChannels, int tilesWide) => RoundUp(tilesWide * inChannels, 8);

        /// <summary><paramref name="value"/> rounded up to a multiple of <paramref name="multiple"/>.</summary>
        public static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;
    }
}
