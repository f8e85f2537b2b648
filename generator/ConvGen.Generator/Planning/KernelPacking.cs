namespace ConvGen.Generator.Planning
{
    /// <summary>How the constructor re-lays a step's Keras kernel into the packed weights.</summary>
    internal enum KernelPacking
    {
        /// <summary>No weights.</summary>
        None,

        /// <summary>[rows, units] with units last (Conv2D, pointwise): rows padded to <see cref="PackedWeights.PaddedUnits"/>.</summary>
        Rows,

        /// <summary>
        /// Dense [inputs, units] as panels of <see cref="WeightLayout.PanelWidth"/> units (32; 16 for at most 16 units),
        /// <c>[units padded / PanelWidth][inputs, PanelWidth]</c>:
        /// a block of units reads whole panels front to back, so the hardware prefetcher streams them (rows of all units,
        /// 4 KB apart for 1,000 units, start a new page every row and are fetched by demand).
        /// </summary>
        Panels,

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
