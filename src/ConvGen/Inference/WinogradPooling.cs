namespace ConvGen.Inference
{
    /// <summary>
    /// A 2x2, stride-2, valid pooling layer that <see cref="NarrowWinogradConvolution"/> computes from each 4x4 output
    /// tile of its F(4x4, 3x3) while the tile is in registers: the tile holds exactly four pooling windows, so only pooled pixels are stored.
    /// </summary>
    public enum WinogradPooling
    {
        /// <summary>No pooling: every output pixel is stored.</summary>
        None = 0,

        /// <summary>Keras <c>MaxPooling2D((2, 2), strides=2, padding='valid')</c> of the activated output.</summary>
        Max2x2 = 1,

        /// <summary>Keras <c>AveragePooling2D((2, 2), strides=2, padding='valid')</c> of the activated output.</summary>
        Average2x2 = 2,
    }
}
