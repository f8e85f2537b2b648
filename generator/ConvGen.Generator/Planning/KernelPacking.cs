namespace ConvGen.Generator.Planning
{
    /// <summary>How the constructor re-lays a step's Keras kernel into the packed weights.</summary>
    internal enum KernelPacking
    {
        /// <summary>No weights.</summary>
        None,

        /// <summary>[rows, units] with units last (Conv2D, Dense, pointwise): rows padded to <see cref="PackedWeights.PaddedUnits"/>.</summary>
        Rows,

        /// <summary>Grouped Conv2D: per group, [kh, kw, in/groups, out/groups padded].</summary>
        Groups,

        /// <summary>Depthwise [kh, kw, in, multiplier] as per multiplier m, [kh * kw, in padded].</summary>
        Depthwise,

        /// <summary>Conv2DTranspose [kh, kw, out, in] as [kh, kw, in, out padded].</summary>
        Transposed,

        /// <summary>
        /// Conv2D run as Winograd: the kernel transformed once to <c>U[alpha², in, out padded to 32]</c> by
        /// <c>WinogradConvolution.TransformKernel</c>; a folded BatchNormalization then scales U's output-channel columns.
        /// </summary>
        Winograd,

        /// <summary>Standalone BatchNormalization: a per-channel scale (the "kernel") and shift (the "bias").</summary>
        BatchNorm,
    }
}
