namespace ConvGen.Generator.Planning
{
    /// <summary>Where one step's weights lie in the packed weight array, and how the constructor re-lays them there.</summary>
    internal sealed class PackedWeights
    {
        /// <summary>A step without weights.</summary>
        public static readonly PackedWeights None = new PackedWeights(KernelPacking.None, null, null, 0, -1, 0, -1, 0);

        public PackedWeights(KernelPacking packing, ParameterTensor? kernel, ParameterTensor? bias, int paddedUnits,
            int kernelOffset, int kernelLength, int biasOffset, int biasLength, int narrowKernelOffset = -1, int narrowKernelLength = 0)
        {
            NarrowKernelOffset = narrowKernelOffset;
            NarrowKernelLength = narrowKernelLength;
            Packing = packing;
            Kernel = kernel;
            Bias = bias;
            PaddedUnits = paddedUnits;
            KernelOffset = kernelOffset;
            KernelLength = kernelLength;
            BiasOffset = biasOffset;
            BiasLength = biasLength;
        }

        public KernelPacking Packing { get; }

        /// <summary>The Keras kernel (or, for a standalone BatchNormalization, gamma: the four tensors follow each other).</summary>
        public ParameterTensor? Kernel { get; }

        /// <summary>The declared Keras bias; null without one (a folded BatchNormalization's shift is made by the constructor).</summary>
        public ParameterTensor? Bias { get; }

        /// <summary>Output channels rounded up to whole vectors (per group, or input channels for depthwise): packed kernel rows and bias have this length.</summary>
        public int PaddedUnits { get; }

        /// <summary>Offset of the packed kernel (or BatchNormalization scale); -1 without weights.</summary>
        public int KernelOffset { get; }

        /// <summary>Floats of packed kernel at <see cref="KernelOffset"/>.</summary>
        public int KernelLength { get; }

        /// <summary>Offset of the packed bias (or shift); -1 without.</summary>
        public int BiasOffset { get; }

        /// <summary>Floats of packed bias at <see cref="BiasOffset"/>; 0 without.</summary>
        public int BiasLength { get; }

        /// <summary>
        /// For a step with <see cref="LayerPlan.NarrowWinograd"/>: offset of its kernel as NarrowWinogradConvolution's U, which the
        /// constructor transforms from the packed (BatchNorm-folded) kernel; -1 otherwise.
        /// </summary>
        public int NarrowKernelOffset { get; }

        /// <summary>Floats at <see cref="NarrowKernelOffset"/>; 0 without.</summary>
        public int NarrowKernelLength { get; }
    }
}
