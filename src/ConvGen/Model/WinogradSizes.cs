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

        /// <summary>Input tile side: <paramref name="outputTile"/> + 2 (4 for F(2x2, 3x3), 6 for F(4x4, 3x3)).</summary>
        public static int Alpha(int outputTile) => outputTile + 2;

        /// <summary>Floats of the transformed kernel <c>U[alpha², in, out padded]</c>.</summary>
        public static int TransformedKernelLength(int outputTile, int inChannels, int outChannels) =>
            Alpha(outputTile) * Alpha(outputTile) * inChannels * RoundUp(outChannels, OutputChannelPad);

        /// <summary>Floats of workspace one call needs: V and M of one block of tiles.</summary>
        public static int WorkspaceLength(int outputTile, int inChannels, int outChannels) =>
            Alpha(outputTile) * Alpha(outputTile) * BlockTiles * (RoundUp(inChannels, InputChannelPad) + RoundUp(outChannels, OutputChannelPad));

        /// <summary><paramref name="value"/> rounded up to a multiple of <paramref name="multiple"/>.</summary>
        public static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;
    }
}
